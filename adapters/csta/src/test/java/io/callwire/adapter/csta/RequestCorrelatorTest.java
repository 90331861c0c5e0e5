package io.callwire.adapter.csta;

import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Invoke ids wrap and skip ids in use; responses, CSTA errors and timeouts complete the right request. */
class RequestCorrelatorTest {

    @Test
    void invokeIdsRunFrom1To9998ThenWrapSkippingIdsInUse() {
        InvokeIds ids = new InvokeIds();
        Set<Integer> inUse = new HashSet<>(Set.of(1, 2, 9998));
        for (int expected = 3; expected <= 9997; expected++) {
            assertEquals(expected, ids.next(inUse::contains));
        }
        assertEquals(3, ids.next(inUse::contains));
        Set<Integer> all = new HashSet<>();
        for (int i = 1; i <= 9998; i++) {
            all.add(i);
        }
        assertThrows(IllegalStateException.class, () -> new InvokeIds().next(all::contains));
    }

    @Test
    void responsesErrorsAndUnknownIdsAreTellApart() throws Exception {
        EmbeddedChannel loop = new EmbeddedChannel();
        RequestCorrelator c = new RequestCorrelator(60_000);
        RequestCorrelator.Pending ok = c.open("MakeCall", loop.eventLoop());
        RequestCorrelator.Pending refused = c.open("HoldCall", loop.eventLoop());
        assertEquals(1, ok.invokeId());
        assertEquals(2, refused.invokeId());
        assertFalse(c.complete(77, XmlElement.leaf("MakeCallResponse", "")));
        assertTrue(c.complete(1, XmlElement.leaf("MakeCallResponse", "")));
        assertEquals("MakeCallResponse", ok.response().get().name());
        assertTrue(c.complete(2, XmlElement.of("CSTAErrorCode", XmlElement.leaf("operation", "invalidConnectionID"))));
        ExecutionException e = assertThrows(ExecutionException.class, () -> refused.response().get());
        CstaErrorException error = assertInstanceOf(CstaErrorException.class, e.getCause());
        assertEquals("operation: invalidConnectionID", error.reason());
        assertFalse(c.complete(1, XmlElement.leaf("MakeCallResponse", "")), "a second response for the same id");
        assertEquals(0, c.size());
    }

    @Test
    void aRequestWithoutResponseTimesOut() {
        EmbeddedChannel loop = new EmbeddedChannel();
        RequestCorrelator c = new RequestCorrelator(20);
        RequestCorrelator.Pending p = c.open("SnapshotDevice", loop.eventLoop());
        await().atMost(5, TimeUnit.SECONDS).until(() -> {
            loop.runScheduledPendingTasks();
            return p.response().isDone();
        });
        ExecutionException e = assertThrows(ExecutionException.class, () -> p.response().get());
        assertEquals("SnapshotDevice (invoke id 1) got no response within 20 ms",
                assertInstanceOf(CstaRequestTimeoutException.class, e.getCause()).getMessage());
        assertFalse(c.complete(1, XmlElement.leaf("SnapshotDeviceResponse", "")), "a late response");
    }

    @Test
    void negativeSessionResponsesCarryTheirReason() {
        XmlElement neg = XmlElement.of("StartApplicationSessionNegResponse",
                XmlElement.of("errorCode", XmlElement.leaf("definedError", "invalidApplicationInfo")));
        assertEquals("definedError: invalidApplicationInfo", RequestCorrelator.errorReason(neg));
    }
}
