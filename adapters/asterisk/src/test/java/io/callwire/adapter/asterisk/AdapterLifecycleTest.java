package io.callwire.adapter.asterisk;

import io.callwire.core.command.LinkDownException;
import io.callwire.core.command.MakeCall;
import io.callwire.core.event.CtiEvent;
import io.callwire.core.event.LinkStateChanged;
import io.callwire.core.event.RawEvent;
import io.callwire.core.model.LinkState;
import io.callwire.core.spi.SwitchUri;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static io.callwire.adapter.asterisk.AmiHarness.WAIT;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The adapter on its own, with a sink of the test's: buffer overflow, close. */
class AdapterLifecycleTest {

    private static String peer(String name) {
        return "Event: PeerStatus\nPrivilege: system,all\nChannelType: PJSIP\nPeer: " + name + "\nPeerStatus: Reachable\n\n";
    }

    private static long count(List<CtiEvent> events, LinkState state) {
        return events.stream().filter(e -> e instanceof LinkStateChanged l && l.state() == state).count();
    }

    @Test
    void aStalledTranslatorLosesEventsCountedThenReportsThemAndResyncs() throws Exception {
        List<CtiEvent> events = new CopyOnWriteArrayList<>();
        CountDownLatch release = new CountDownLatch(1);
        try (AmiTestServer server = new AmiTestServer("cti", "pw");
             AsteriskAdapter adapter = new AsteriskAdapter(AsteriskConfig.from(SwitchUri.parse(server.uri("buffer=8"))))) {
            adapter.start(e -> {
                events.add(e);
                if (e instanceof RawEvent r && "PJSIP/stall".equals(r.fields().get("peer"))) {
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException ex) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
            await().atMost(WAIT).until(() -> count(events, LinkState.RESYNCED) == 1);
            server.send(peer("PJSIP/stall"));
            StringBuilder burst = new StringBuilder();
            for (int i = 0; i < 50; i++) {
                burst.append(peer("PJSIP/p" + i));
            }
            server.send(burst.toString());
            await().atMost(WAIT).until(() -> adapter.eventsLost() > 0);
            release.countDown();
            await().atMost(WAIT).until(() -> count(events, LinkState.RESYNCED) == 2);
            LinkStateChanged lost = events.stream().filter(e -> e instanceof LinkStateChanged l
                    && l.state() == LinkState.EVENTS_LOST).map(LinkStateChanged.class::cast).findFirst().orElseThrow();
            // the report counts what was lost when the buffer had room again; the burst may still be losing then
            assertTrue(lost.detail().matches("[1-9][0-9]* events lost \\(buffer full\\)"), lost.detail());
            assertTrue(Long.parseLong(lost.detail().split(" ")[0]) <= adapter.eventsLost(), lost.detail());
            await().atMost(WAIT).until(() -> events.stream().filter(e -> e instanceof RawEvent r
                    && r.fields().get("peer") != null && r.fields().get("peer").startsWith("PJSIP/p")).count()
                    + adapter.eventsLost() == 50);
        }
    }

    @Test
    void afterCloseNothingIsPublishedAndCommandsFailAsLinkDown() throws Exception {
        List<CtiEvent> events = new CopyOnWriteArrayList<>();
        try (AmiTestServer server = new AmiTestServer("cti", "pw")) {
            AsteriskAdapter adapter = new AsteriskAdapter(AsteriskConfig.from(SwitchUri.parse(server.uri(""))));
            adapter.start(events::add);
            await().atMost(WAIT).until(() -> count(events, LinkState.RESYNCED) == 1);
            adapter.close();
            int size = events.size();
            server.play("hold-retrieve.ami");
            CompletableFuture<?> made = adapter.execute(new MakeCall("1001", "1002")).toCompletableFuture();
            Throwable cause = assertThrows(ExecutionException.class, () -> made.get(5, TimeUnit.SECONDS)).getCause();
            assertInstanceOf(LinkDownException.class, cause);
            await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> events.size() == size);
            await().atMost(WAIT).until(() -> !server.hasClients());
            assertTrue(events.stream().noneMatch(e -> e.callId().startsWith("1763901000")));
            adapter.close();
        }
    }
}
