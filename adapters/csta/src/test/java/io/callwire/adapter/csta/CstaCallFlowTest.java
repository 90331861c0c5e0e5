package io.callwire.adapter.csta;

import io.callwire.core.event.CallEnded;
import io.callwire.core.event.LegConnected;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Realistic call flows played by the switch emulator, through a real engine. */
class CstaCallFlowTest {
    private CstaHarness h;

    @AfterEach
    void close() {
        if (h != null) {
            h.close();
        }
    }

    @Test
    void inboundCallQueuedDeliveredAnsweredHeldConsultedAndTransferred() throws Exception {
        h = new CstaHarness("").awaitResynced(1);
        int from = h.events.size();
        String c1 = h.pbx.inboundQueued("+4930123456", "5000", "00001002161234567890", "ticket=42");
        h.pbx.deliver(c1, "1001");
        h.pbx.answer(c1, "1001");
        h.pbx.hold(c1, "1001");
        h.pbx.retrieve(c1, "1001");
        String c2 = h.pbx.consult(c1, "1001", "1002");
        h.pbx.answer(c2, "1002");
        String c3 = h.pbx.transfer(c1, c2, "1001");
        h.pbx.hangUp(c3, "1002");
        h.await(CallEnded.class, e -> e.callId().equals(c1));
        h.events.subList(h.events.size() - 4, h.events.size()).forEach(e -> org.slf4j.LoggerFactory.getLogger(getClass()).warn("{}", e));
        assertEquals(List.of(), h.lines(from));
    }
}
