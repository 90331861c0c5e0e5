package io.callwire.core.engine;

import io.callwire.core.command.AgentReady;
import io.callwire.core.command.Answer;
import io.callwire.core.command.CommandResult;
import io.callwire.core.command.CommandTimeoutException;
import io.callwire.core.command.CtiCommand;
import io.callwire.core.command.HangUp;
import io.callwire.core.command.LinkDownException;
import io.callwire.core.command.MakeCall;
import io.callwire.core.command.NoSwitchException;
import io.callwire.core.command.SwitchRejectedException;
import io.callwire.core.command.UnknownCallException;
import io.callwire.core.command.UnknownLegException;
import io.callwire.core.command.UnsupportedCommandException;
import io.callwire.core.event.CallEnded;
import io.callwire.core.event.CtiEvent;
import io.callwire.core.event.Envelope;
import io.callwire.core.event.LinkStateChanged;
import io.callwire.core.event.RawEvent;
import io.callwire.core.event.Tick;
import io.callwire.core.model.LegRole;
import io.callwire.core.model.LegState;
import io.callwire.core.model.LinkState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static io.callwire.core.engine.Events.SW;
import static io.callwire.core.engine.Events.cleared;
import static io.callwire.core.engine.Events.connected;
import static io.callwire.core.engine.Events.created;
import static io.callwire.core.engine.Events.env;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CtiEngineTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Set<Class<? extends CtiCommand>> SOME =
            Set.of(Answer.class, HangUp.class, MakeCall.class, AgentReady.class);

    private final FakeSwitch pbx = new FakeSwitch(SW, SOME);
    private final List<CtiEvent> seen = new CopyOnWriteArrayList<>();
    private CtiEngine engine;

    private CtiEngine start(CtiEngine.Builder builder) {
        engine = builder.listener("seen", seen::add, ListenerOptions.of(10_000, OverflowPolicy.DROP_NEWEST)).start();
        return engine;
    }

    private CtiEngine start() {
        return start(CtiEngine.builder().adapter(pbx).tickInterval(Duration.ZERO).commandTimeout(Duration.ofMillis(300)));
    }

    @AfterEach
    void close() {
        if (engine != null) {
            engine.close();
        }
    }

    private static Throwable failure(java.util.concurrent.CompletionStage<?> stage) {
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> stage.toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS));
        return e.getCause();
    }

    private void publishCall(String callId) {
        pbx.publish(created(1000, callId, callId + "-a", "1001", LegRole.CALLER, LegState.INITIATED),
                connected(1001, callId, callId + "-a"));
    }

    @Test
    void stampsRingSequencesAndDerivesTheCallEnd() {
        start();
        publishCall("c1");
        pbx.publish(cleared(1002, "c1", "c1-a"));
        await().atMost(WAIT).until(() -> seen.size() == 4);
        assertInstanceOf(CallEnded.class, seen.get(3));
        assertEquals(seen.get(2).sequence(), seen.get(3).sequence(), "derived events carry their cause's sequence");
        for (int i = 1; i < 3; i++) {
            assertTrue(seen.get(i).sequence() > seen.get(i - 1).sequence());
        }
        assertEquals(List.of(), engine.awaitSnapshot(WAIT).calls());
    }

    @Test
    void commandsOnUnknownCallsOrLegsFailWithTypedErrors() {
        start();
        publishCall("c1");
        Throwable unknownCall = failure(engine.hangUpCall("nosuch"));
        assertInstanceOf(UnknownCallException.class, unknownCall);
        assertEquals("unknown call nosuch", unknownCall.getMessage());
        assertInstanceOf(UnknownLegException.class, failure(engine.answer("c1", "nosuch")));
        assertInstanceOf(UnsupportedCommandException.class, failure(engine.hold("c1", "c1-a")));
        assertEquals(List.of(), pbx.received, "refused commands never reach the adapter");
        assertEquals(3, engine.metrics().commandsRefused());
    }

    @Test
    void aKnownCallsCommandReachesItsAdapterAndCompletesWithTheSwitchAnswer() throws Exception {
        start();
        publishCall("c1");
        CommandResult result = engine.hangUp("c1", "c1-a").toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals("done", result.detail());
        assertEquals(List.of(new HangUp("c1", "c1-a")), pbx.received);
    }

    @Test
    void aSwitchRejectionAndASilentSwitchSurfaceAsTypedErrors() {
        start();
        publishCall("c1");
        pbx.answer = c -> CompletableFuture.failedFuture(new SwitchRejectedException(SW, "486 Busy Here"));
        Throwable rejected = failure(engine.hangUp("c1", "c1-a"));
        assertEquals("486 Busy Here", ((SwitchRejectedException) rejected).reason());

        pbx.answer = c -> new CompletableFuture<>();
        Throwable timeout = failure(engine.hangUp("c1", "c1-a"));
        assertInstanceOf(CommandTimeoutException.class, timeout);
        assertEquals("HangUp got no answer within 300 ms", timeout.getMessage());
    }

    @Test
    void commandsToASwitchWhoseLinkIsDownFailFast() {
        start();
        publishCall("c1");
        pbx.publish(new LinkStateChanged(env(2000, "", "", ""), LinkState.DOWN, "socket closed"));
        assertInstanceOf(LinkDownException.class, failure(engine.hangUp("c1", "c1-a")));
        assertInstanceOf(LinkDownException.class, failure(engine.makeCall("1001", "1002")));
        pbx.publish(new LinkStateChanged(env(3000, "", "", ""), LinkState.RESYNCED, "back"));
        await().atMost(WAIT).until(() -> engine.awaitSnapshot(WAIT).links().get(SW) == LinkState.RESYNCED);
        assertEquals("done", engine.makeCall("1001", "1002").toCompletableFuture().join().detail());
    }

    @Test
    void aCommandWithoutASwitchIsRefusedWhenTheEngineHasSeveral() {
        FakeSwitch other = new FakeSwitch("other", SOME);
        start(CtiEngine.builder().adapter(pbx).adapter(other).tickInterval(Duration.ZERO));
        Throwable e = failure(engine.makeCall("1001", "1002"));
        assertInstanceOf(NoSwitchException.class, e);
        assertTrue(e.getMessage().contains("names no switch"), e.getMessage());
        assertEquals("done", engine.execute(new MakeCall("other", "1001", "1002", Map.of()))
                .toCompletableFuture().join().detail());
        assertEquals(1, other.received.size());
        assertThrows(IllegalArgumentException.class, () -> CtiEngine.builder().adapter(pbx).adapter(pbx));
    }

    /** A listener blocked inside its first event until {@link SlowListener#release} is counted down. */
    private record SlowListener(Subscription subscription, List<CtiEvent> seen, CountDownLatch release) {
    }

    /** Subscribes a listener that blocks on the first event, then publishes {@code events} raw events. */
    private SlowListener slowListener(ListenerOptions options, int events) throws InterruptedException {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<CtiEvent> slowSeen = new CopyOnWriteArrayList<>();
        Subscription slow = engine.subscribe("slow", e -> {
            inside.countDown();
            Latches.hold(release);
            slowSeen.add(e);
        }, options);
        raw(0);
        assertTrue(inside.await(10, TimeUnit.SECONDS));
        for (int i = 1; i < events; i++) {
            raw(i);
        }
        return new SlowListener(slow, slowSeen, release);
    }

    @Test
    void dropNewestCountsEveryEventASlowListenerMisses() throws Exception {
        start();
        SlowListener slow = slowListener(ListenerOptions.of(4, OverflowPolicy.DROP_NEWEST), 20);
        await().atMost(WAIT).until(() -> seen.size() == 20);
        await().atMost(WAIT).until(() -> slow.subscription().stats().dropped() == 15);
        slow.release().countDown();
        await().atMost(WAIT).until(() -> slow.subscription().stats().delivered() == 5);
        assertEquals(List.of("0", "1", "2", "3", "4"), vendorTypes(slow.seen()));
        assertEquals(0, engine.subscribe("late", e -> { }, ListenerOptions.of(1, OverflowPolicy.DROP_NEWEST))
                .stats().dropped());
    }

    @Test
    void dropOldestKeepsTheNewestEvents() throws Exception {
        start();
        SlowListener slow = slowListener(ListenerOptions.of(4, OverflowPolicy.DROP_OLDEST), 20);
        await().atMost(WAIT).until(() -> slow.subscription().stats().dropped() == 15);
        slow.release().countDown();
        await().atMost(WAIT).until(() -> slow.subscription().stats().delivered() == 5);
        assertEquals(List.of("0", "16", "17", "18", "19"), vendorTypes(slow.seen()));
    }

    @Test
    void disconnectStopsDeliveryToTheSlowListenerOnlyAndSaysSo() throws Exception {
        start();
        SlowListener slow = slowListener(ListenerOptions.of(2, OverflowPolicy.DISCONNECT), 10);
        await().atMost(WAIT).until(() -> slow.subscription().stats().disconnected());
        await().atMost(WAIT).until(() -> seen.size() == 10);
        slow.release().countDown();
        await().atMost(WAIT).until(() -> slow.subscription().stats().delivered() == 3);
        assertEquals(1, slow.subscription().stats().dropped());
        assertEquals(10, seen.size(), "the other listener lost nothing");
    }

    @Test
    void aThrowingListenerIsCountedAndKeepsReceiving() {
        start();
        List<CtiEvent> got = new CopyOnWriteArrayList<>();
        Subscription flaky = engine.subscribe("flaky", e -> {
            got.add(e);
            throw new IllegalStateException("boom");
        }, ListenerOptions.of(16, OverflowPolicy.DROP_NEWEST));
        raw(1);
        raw(2);
        await().atMost(WAIT).until(() -> got.size() == 2);
        await().atMost(WAIT).until(() -> flaky.stats().failures() == 2);
    }

    @Test
    void theEngineTicksFromTheWallClockWhenNoSwitchDoes() {
        start(CtiEngine.builder().adapter(pbx).tickInterval(Duration.ofMillis(20)));
        await().atMost(WAIT).until(() -> seen.stream().anyMatch(e -> e instanceof Tick));
        Tick tick = (Tick) seen.stream().filter(e -> e instanceof Tick).findFirst().orElseThrow();
        assertEquals(CtiEngine.ENGINE_SWITCH_ID, tick.switchId());
        await().atMost(WAIT).until(() -> engine.awaitSnapshot(WAIT).time() >= tick.timestamp());
    }

    @Test
    void closingDrainsListenersFailsPendingCommandsAndRefusesFurtherInput() {
        start();
        publishCall("c1");
        pbx.answer = c -> new CompletableFuture<>();
        var unanswered = engine.hangUpCall("c1");
        await().atMost(WAIT).until(() -> pbx.received.size() == 1);
        for (int i = 0; i < 100; i++) {
            raw(i);
        }
        engine.close();
        assertEquals(102, seen.size(), "close lets listeners finish what was published");
        assertInstanceOf(LinkDownException.class, failure(unanswered));
        assertThrows(IllegalStateException.class, () -> raw(101));
        assertThrows(IllegalStateException.class, () -> engine.makeCall("1001", "1002"));
    }

    @Test
    void anEngineWithoutSwitchesOrWithABadRingSizeIsRefused() {
        assertThrows(IllegalStateException.class, () -> CtiEngine.builder().start());
        assertThrows(IllegalArgumentException.class, () -> CtiEngine.builder().ringSize(1000));
        assertThrows(IllegalArgumentException.class, () -> ListenerOptions.of(0, OverflowPolicy.DROP_NEWEST));
    }

    private void raw(int i) {
        pbx.publish(new RawEvent(new Envelope(0, SW, i, "", "", "", false, null), Integer.toString(i), Map.of()));
    }

    private static List<String> vendorTypes(List<CtiEvent> events) {
        List<String> out = new ArrayList<>();
        for (CtiEvent e : events) {
            out.add(((RawEvent) e).vendorType());
        }
        return out;
    }
}
