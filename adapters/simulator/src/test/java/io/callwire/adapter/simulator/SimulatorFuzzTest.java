package io.callwire.adapter.simulator;

import io.callwire.core.command.AgentLogin;
import io.callwire.core.command.AgentLogout;
import io.callwire.core.command.AgentNotReady;
import io.callwire.core.command.AgentReady;
import io.callwire.core.command.AgentWrapUp;
import io.callwire.core.command.Answer;
import io.callwire.core.command.AttachData;
import io.callwire.core.command.BlindTransfer;
import io.callwire.core.command.CancelConsult;
import io.callwire.core.command.CommandException;
import io.callwire.core.command.CompleteTransfer;
import io.callwire.core.command.Conference;
import io.callwire.core.command.Consult;
import io.callwire.core.command.CtiCommand;
import io.callwire.core.command.HangUp;
import io.callwire.core.command.Hold;
import io.callwire.core.command.MakeCall;
import io.callwire.core.command.Monitor;
import io.callwire.core.command.MonitorMode;
import io.callwire.core.command.Redirect;
import io.callwire.core.command.Retrieve;
import io.callwire.core.command.SendDtmf;
import io.callwire.core.command.StartRecording;
import io.callwire.core.command.StopRecording;
import io.callwire.core.engine.CtiEngine;
import io.callwire.core.engine.EngineMetrics;
import io.callwire.core.engine.EngineSnapshot;
import io.callwire.core.engine.ListenerOptions;
import io.callwire.core.engine.OverflowPolicy;
import io.callwire.core.model.Call;
import io.callwire.core.model.Leg;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random commands racing generated traffic, with manual and auto agents. Whatever the order, every command
 * succeeds or fails with a typed command error, every leg transition stays legal, and the switch drains.
 */
class SimulatorFuzzTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final List<String> DESTINATIONS = List.of("1001", "1002", "1003", "1004", "1005", "1006",
            "sales", "support", "5000", "+4940555000", "9999");

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13, 14, 15})
    void randomCommandsNeverBreakTheCallModel(long seed) throws Exception {
        AtomicLong events = new AtomicLong();
        CtiEngine engine = CtiEngine.builder()
                .switchUri("sim:?agents=6&manualAgents=agent-01,agent-02,agent-03&callsPerMinute=300&speed=20"
                        + "&aht=20&ring=2&patience=30&wrapUp=2&holdRate=0.3&transferRate=0.2&consultRate=0.2&seed=" + seed)
                .listener("count", e -> events.incrementAndGet(), ListenerOptions.of(1 << 20, OverflowPolicy.DROP_NEWEST))
                .start();
        Random random = new Random(seed);
        int succeeded = 0;
        try {
            for (int i = 0; i < 4000; i++) {
                CtiCommand command = randomCommand(random, engine.awaitSnapshot(WAIT));
                try {
                    engine.execute(command).toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
                    succeeded++;
                } catch (ExecutionException e) {
                    assertInstanceOf(CommandException.class, e.getCause(), command + " failed untyped");
                }
            }
            List<String> hungUp = new ArrayList<>();
            for (Call call : engine.awaitSnapshot(WAIT).calls()) {
                try {
                    engine.execute(new HangUp(call.id(), "")).toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
                    hungUp.add(call.id());
                } catch (ExecutionException e) {
                    assertInstanceOf(CommandException.class, e.getCause(), "hang-up of " + call.id() + " failed untyped");
                }
            }
            await().atMost(WAIT).until(() -> engine.awaitSnapshot(WAIT).calls().stream().noneMatch(c -> hungUp.contains(c.id())));
            EngineMetrics metrics = engine.metrics();
            assertEquals(0, metrics.illegalTransitions(), "illegal transitions");
            assertEquals(0, metrics.handlerErrors(), "handler errors");
            assertEquals(0, metrics.untrackedEvents(), "untracked events");
            assertTrue(succeeded > 100, "commands that worked: " + succeeded);
        } finally {
            engine.close();
        }
    }

    private static CtiCommand randomCommand(Random random, EngineSnapshot snapshot) {
        List<Call> calls = snapshot.calls();
        String destination = DESTINATIONS.get(random.nextInt(DESTINATIONS.size()));
        String agent = "agent-0" + (1 + random.nextInt(6));
        String station = "100" + agent.charAt(7);
        if (calls.isEmpty() || random.nextInt(10) == 0) {
            return switch (random.nextInt(7)) {
                case 0 -> new MakeCall("+4930" + (100_000 + random.nextInt(900_000)), destination);
                case 1 -> new MakeCall(station, destination);
                case 2 -> new AgentLogin("", agent, station, List.of());
                case 3 -> new AgentReady(agent);
                case 4 -> new AgentNotReady(agent, "break");
                case 5 -> new AgentWrapUp(agent, "notes");
                default -> new AgentLogout(agent);
            };
        }
        Call call = calls.get(random.nextInt(calls.size()));
        List<Leg> legs = new ArrayList<>(call.legs());
        String leg = legs.isEmpty() || random.nextInt(5) == 0 ? "" : legs.get(random.nextInt(legs.size())).id();
        String other = calls.get(random.nextInt(calls.size())).id();
        if (!call.parentCallId().isEmpty() && random.nextBoolean()) {
            return switch (random.nextInt(4)) {
                case 0 -> new CompleteTransfer(call.parentCallId(), call.id());
                case 1 -> new CancelConsult(call.parentCallId(), call.id());
                case 2 -> new Conference(call.parentCallId(), call.id());
                default -> new Answer(call.id(), "");
            };
        }
        return switch (random.nextInt(16)) {
            case 0 -> new Answer(call.id(), leg);
            case 1 -> random.nextInt(4) == 0 ? new HangUp(call.id(), leg) : new Answer(call.id(), "");
            case 2 -> new Hold(call.id(), leg);
            case 3 -> new Retrieve(call.id(), leg);
            case 4 -> new BlindTransfer(call.id(), leg, destination);
            case 5 -> new Consult(call.id(), leg, destination);
            case 6 -> new CompleteTransfer(call.id(), other);
            case 7 -> new CancelConsult(call.id(), other);
            case 8 -> new Conference(call.id(), other);
            case 9 -> new Redirect(call.id(), leg, destination);
            case 10 -> new SendDtmf(call.id(), leg, "12");
            case 11 -> new StartRecording(call.id(), "");
            case 12 -> new StopRecording(call.id());
            case 13 -> new Monitor(call.id(), random.nextBoolean() ? station : "2001", MonitorMode.LISTEN);
            case 14 -> new AttachData(call.id(), Map.of("k", Integer.toString(random.nextInt(3))));
            default -> new Consult(call.id(), "", "100" + (1 + random.nextInt(6)));
        };
    }
}
