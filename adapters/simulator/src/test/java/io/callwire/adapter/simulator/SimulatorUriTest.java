package io.callwire.adapter.simulator;

import io.callwire.core.spi.InvalidSwitchUriException;
import io.callwire.core.spi.SwitchAdapter;
import io.callwire.core.spi.SwitchConnector;
import io.callwire.core.spi.SwitchUri;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code sim:} URI: defaults, every parameter, and typed errors naming the problem. */
class SimulatorUriTest {
    private final SimulatorProvider provider = new SimulatorProvider();

    private SimulatorConfig config(String uri) {
        return ((SimulatorAdapter) provider.create(SwitchUri.parse(uri))).config();
    }

    private String error(String uri) {
        return assertThrows(InvalidSwitchUriException.class, () -> provider.create(SwitchUri.parse(uri))).getMessage();
    }

    @Test
    void theServiceLoaderFindsTheSimulatorForSimUris() {
        SwitchAdapter adapter = SwitchConnector.fromClassPath().create("sim:?id=east");
        SimulatorAdapter sim = assertInstanceOf(SimulatorAdapter.class, adapter);
        assertEquals("east", sim.info().id());
        assertEquals("sim-node", sim.info().nodeId());
        assertTrue(sim.emitsTicks());
        assertEquals(Set.of("sim"), provider.schemes());
        assertEquals(-1, sim.currentTime(), "not started");
    }

    @Test
    void defaultsMatchTheDocumentedTable() {
        SimulatorConfig c = config("sim:");
        assertEquals(new SimulatorConfig("sim", 20, 30, 1, 1.0, -1, List.of("sales", "support"), 180, 4, 90, 0.1,
                0.05, 0.03, 10, 60, 1000, 0, Set.of(), true), c);
    }

    @Test
    void everyParameterIsRead() {
        SimulatorConfig c = config("sim:?id=lab&agents=5&callsPerMinute=12.5&seed=-7&speed=0&epoch=0&queues=a,b,c"
                + "&aht=60&ring=0&patience=30&holdRate=0.5&transferRate=0.25&consultRate=0.75&wrapUp=0&breakTime=5"
                + "&tickMillis=250&maxCalls=9&manualAgents=agent-02,agent-05&routing=library");
        assertEquals(new SimulatorConfig("lab", 5, 12.5, -7, 0, 0, List.of("a", "b", "c"), 60, 0, 30, 0.5, 0.25, 0.75,
                0, 5, 250, 9, Set.of("agent-02", "agent-05"), false), c);
    }

    @Test
    void badParametersAreTypedErrorsNamingTheProblem() {
        assertEquals("parameter agents=-1 is out of range [0, 3999]", error("sim:?agents=-1"));
        assertEquals("parameter agents=4000 is out of range [0, 3999]", error("sim:?agents=4000"));
        assertTrue(error("sim:?agnets=3").startsWith("unknown simulator parameter 'agnets'; known: agents, aht, "),
                error("sim:?agnets=3"));
        assertTrue(error("sim:?speed=fast").contains("speed=fast"));
        assertTrue(error("sim:?speed=fast").contains("is not a number"));
        assertTrue(error("sim:?seed=1.5").contains("is not a whole number"));
        assertEquals("parameter speed=-1 is out of range [0, 1000000]", error("sim:?speed=-1"));
        assertEquals("parameter callsPerMinute=-2 is out of range [0, 1000000]", error("sim:?callsPerMinute=-2"));
        assertEquals("parameter holdRate=1.5 is out of range [0, 1]", error("sim:?holdRate=1.5"));
        assertEquals("parameter tickMillis=0 is out of range [1, 3600000]", error("sim:?tickMillis=0"));
        assertEquals("parameter epoch=-5 must be epoch milliseconds >= 0", error("sim:?epoch=-5"));
        assertEquals("transferRate + consultRate = 1.1 is more than 1", error("sim:?transferRate=0.6&consultRate=0.5"));
        assertEquals("routing must be switch or library, got 'magic'", error("sim:?routing=magic"));
        assertEquals("queues must name 1 to 100 queues, got ' , '", error("sim:?queues=%20,%20"));
        assertEquals("queue name '5001' must be a letter followed by letters, digits, _ . or -", error("sim:?queues=5001"));
        assertEquals("manualAgents names agent-09, but the agents are agent-01 to agent-03",
                error("sim:?agents=3&manualAgents=agent-09"));
        assertEquals("id=a b must be a letter followed by letters, digits, _ . or -", error("sim:?id=a%20b"));
    }
}
