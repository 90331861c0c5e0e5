package io.callwire.adapter.csta;

import io.callwire.core.command.CommandResult;
import io.callwire.core.command.LinkDownException;
import io.callwire.core.command.MakeCall;
import io.callwire.core.event.CtiEvent;
import io.callwire.core.event.LinkStateChanged;
import io.callwire.core.model.LinkState;
import io.callwire.core.spi.SwitchUri;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The adapter on its own: link events, commands before the link is up and after close, nothing published after close. */
class CstaLifecycleTest {

    private static CstaAdapter adapter(String uri) {
        return (CstaAdapter) new CstaProvider().create(SwitchUri.parse(uri));
    }

    @Test
    void linkEventsCommandsAndAQuietClose() throws Exception {
        try (CstaSwitchEmulator pbx = new CstaSwitchEmulator()) {
            List<CtiEvent> events = new CopyOnWriteArrayList<>();
            CstaAdapter csta = adapter(pbx.uri("&id=aes&reconnect=50&maxReconnect=200"));
            assertInstanceOf(LinkDownException.class, failure(csta.execute(new MakeCall("1001", "1002"))),
                    "not started");
            csta.start(events::add);
            await().atMost(Duration.ofSeconds(10)).until(() -> events.stream().anyMatch(e -> e instanceof LinkStateChanged l
                    && l.state() == LinkState.RESYNCED));
            LinkStateChanged up = (LinkStateChanged) events.get(0);
            assertEquals(LinkState.UP, up.state());
            assertEquals("session S1, monitoring 4 of 4 devices", up.detail());
            assertEquals("aes", up.switchId());
            CommandResult made = csta.execute(new MakeCall("1001", "1002")).toCompletableFuture().get(5, TimeUnit.SECONDS);
            assertEquals("101", made.callId());
            csta.close();
            assertFalse(pbx.connected());
            int size = events.size();
            pbx.inboundQueued("+4930123456", "5000", "", "");
            assertInstanceOf(LinkDownException.class, failure(csta.execute(new MakeCall("1001", "1002"))));
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> events.size() == size);
            csta.close();
            assertTrue(events.stream().noneMatch(e -> e.envelope().raw() != null
                    && e.envelope().raw().contains(CstaSwitchEmulator.PASSWORD)));
        }
    }

    @Test
    void aSwitchThatIsNotThereIsADownLinkAndCommandsFailFast() throws Exception {
        int port;
        try (CstaSwitchEmulator pbx = new CstaSwitchEmulator()) {
            port = pbx.port();
        }
        List<CtiEvent> events = new CopyOnWriteArrayList<>();
        CstaAdapter csta = adapter("csta://u:p@127.0.0.1:" + port + "?devices=1001&reconnect=50&maxReconnect=100");
        csta.start(events::add);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> !events.isEmpty());
            LinkStateChanged down = (LinkStateChanged) events.get(0);
            assertEquals(LinkState.DOWN, down.state());
            assertTrue(down.detail().startsWith("cannot connect: "), down.detail());
            assertInstanceOf(LinkDownException.class, failure(csta.execute(new MakeCall("1001", "1002"))));
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> events.size() == 1);
        } finally {
            csta.close();
        }
    }

    private static Throwable failure(java.util.concurrent.CompletionStage<CommandResult> stage) {
        CompletableFuture<CommandResult> f = stage.toCompletableFuture();
        return assertThrows(ExecutionException.class, () -> f.get(5, TimeUnit.SECONDS)).getCause();
    }
}
