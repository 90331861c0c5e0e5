package io.callwire.core.engine;

import io.callwire.core.command.AcceptTask;
import io.callwire.core.command.Answer;
import io.callwire.core.command.CancelTask;
import io.callwire.core.command.SubmitTask;
import io.callwire.core.command.TaskCommand;
import io.callwire.core.command.TaskRefusedException;
import io.callwire.core.command.UnsupportedCommandException;
import io.callwire.core.model.Channel;
import io.callwire.core.command.CommandResult;
import io.callwire.core.command.CtiCommand;
import io.callwire.core.command.HangUp;
import io.callwire.core.command.UnknownCallException;
import io.callwire.core.event.CallEnded;
import io.callwire.core.event.CallTransferred;
import io.callwire.core.event.CtiEvent;
import io.callwire.core.event.Envelope;
import io.callwire.core.event.LegAlerting;
import io.callwire.core.event.RawEvent;
import io.callwire.core.event.TransferKind;
import io.callwire.core.model.LegRole;
import io.callwire.core.model.LegState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.CountDownLatch;
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

class EngineExtensionTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final FakeSwitch pbx = new FakeSwitch(SW, Set.<Class<? extends CtiCommand>>of(Answer.class, HangUp.class));
    private final List<CtiEvent> seen = new CopyOnWriteArrayList<>();
    private CtiEngine engine;

    @AfterEach
    void close() {
        if (engine != null) {
            engine.close();
        }
    }

    private CtiEngine start(CtiEngine.Builder builder) {
        engine = builder.adapter(pbx).tickInterval(Duration.ZERO)
                .listener("seen", seen::add, ListenerOptions.of(10_000, OverflowPolicy.DROP_NEWEST)).start();
        return engine;
    }

    private static RawEvent note(String callId, String text) {
        return new RawEvent(Envelope.of("router", 0, callId, "", ""), "note", Map.of("text", text));
    }

    @Test
    void anExtensionSeesLibraryIdsAndDerivedEventsAndItsEmissionsFollowTheirCause() {
        List<CtiEvent> extensionSaw = new ArrayList<>();
        long[] startedAt = {-1};
        start(CtiEngine.builder().extension(new StateExtension() {
            @Override
            public void start(StateContext context) {
                startedAt[0] = context.now();
            }

            @Override
            public void onEvent(CtiEvent event, StateContext context) {
                extensionSaw.add(event);
                if (event instanceof LegAlerting) {
                    assertEquals(LegState.ALERTING, context.call(event.callId()).orElseThrow().legs().get(1).state());
                    context.emit(note(event.callId(), "offer"));
                }
            }
        }));
        pbx.publish(created(1000, "c1", "a", "+4930", LegRole.CALLER, LegState.INITIATED),
                created(1001, "c1", "b", "1001", LegRole.AGENT, LegState.ALERTING),
                new LegAlerting(env(1001, "c1", "b", "1001")),
                new CallTransferred(env(1002, "c9", "", ""), List.of("c1"), TransferKind.BLIND, "1001", "1002"),
                connected(1003, "c9", "b"), connected(1003, "c9", "a"), cleared(1004, "c9", "a"), cleared(1004, "c9", "b"));
        await().atMost(WAIT).until(() -> seen.stream().anyMatch(e -> e instanceof CallEnded));
        assertEquals(0, startedAt[0]);
        assertTrue(engine.awaitSnapshot(WAIT).calls().isEmpty());
        List<String> types = seen.stream().map(e -> e.getClass().getSimpleName()).toList();
        assertEquals(List.of("LegCreated", "LegCreated", "LegAlerting", "RawEvent", "CallTransferred", "LegConnected",
                "LegConnected", "LegCleared", "LegCleared", "CallEnded"), types);
        assertEquals(seen.get(2).sequence(), seen.get(3).sequence(), "an emitted event carries its cause's sequence");
        assertTrue(extensionSaw.stream().allMatch(e -> e.callId().equals("c1")), "library ids, also after the rename");
        assertInstanceOf(CallEnded.class, extensionSaw.get(extensionSaw.size() - 1), "derived events too");
    }

    @Test
    void anExtensionSendsCommandsAndFeedsOutcomesBackThroughTheRing() throws Exception {
        start(CtiEngine.builder().extension((event, context) -> {
            if (event instanceof LegAlerting alerting) {
                context.send(new Answer(alerting.callId(), alerting.legId())).whenComplete((r, e) ->
                        context.publish(note(alerting.callId(), e == null ? "answered: " + r.detail() : "failed")));
                context.send(new HangUp("nosuch", "")).whenComplete((r, e) ->
                        context.publish(note("", e instanceof UnknownCallException ? "refused" : "?")));
            }
        }));
        pbx.publish(created(1000, "c1", "b", "1001", LegRole.AGENT, LegState.ALERTING), new LegAlerting(env(1001, "c1", "b", "")));
        await().atMost(WAIT).until(() -> seen.stream().filter(RawEvent.class::isInstance).count() == 2);
        List<String> notes = seen.stream().filter(RawEvent.class::isInstance)
                .map(e -> ((RawEvent) e).fields().get("text")).sorted().toList();
        assertEquals(List.of("answered: done", "refused"), notes);
        assertEquals(List.of(new Answer("c1", "b")), pbx.received);
    }

    @Test
    void taskCommandsGoToTheExtensionThatHandlesThemAndItsEventsCarryTheCommandSequence() throws Exception {
        start(CtiEngine.builder().extension(new StateExtension() {
            @Override
            public void onEvent(CtiEvent event, StateContext context) {
            }

            @Override
            public CompletionStage<CommandResult> onCommand(TaskCommand command, StateContext context) {
                if (command instanceof CancelTask cancel) {
                    throw new TaskRefusedException("unknown task " + cancel.taskId());
                }
                context.emit(note("", "queued " + ((SubmitTask) command).taskId()));
                return CompletableFuture.completedFuture(CommandResult.ok("queued"));
            }
        }));
        pbx.publish(created(1000, "c1", "a", "1001", LegRole.CALLER, LegState.INITIATED));
        CommandResult ok = engine.execute(new SubmitTask("t1", "mail", Channel.EMAIL, Map.of()))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals("queued", ok.detail());
        await().atMost(WAIT).until(() -> seen.stream().anyMatch(RawEvent.class::isInstance));
        RawEvent note = (RawEvent) seen.stream().filter(RawEvent.class::isInstance).findFirst().orElseThrow();
        assertEquals("queued t1", note.fields().get("text"));
        assertTrue(note.sequence() > seen.get(0).sequence(), "the command's own ring sequence");
        ExecutionException refused = assertThrows(ExecutionException.class, () -> engine.execute(
                new CancelTask("t9", "")).toCompletableFuture().get(10, TimeUnit.SECONDS));
        assertInstanceOf(TaskRefusedException.class, refused.getCause());
        assertEquals(List.of(), pbx.received, "task commands never reach the switch");
    }

    @Test
    void aQueryReadsExtensionStateOnTheSingleWriterInRingOrder() throws Exception {
        long[] applied = new long[1];
        start(CtiEngine.builder().extension((event, context) -> applied[0]++));
        pbx.publish(created(1000, "c1", "a", "1001", LegRole.CALLER, LegState.INITIATED), cleared(1001, "c1", "a"));
        long seen = engine.query(() -> applied[0]).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals(3, seen, "both events and the derived CallEnded were applied before the query ran");
        ExecutionException e = assertThrows(ExecutionException.class, () -> engine.query(() -> {
            throw new IllegalStateException("broken query");
        }).toCompletableFuture().get(10, TimeUnit.SECONDS));
        assertEquals("broken query", e.getCause().getMessage());
    }

    @Test
    void withoutARoutingEngineTaskCommandsAreUnsupported() {
        start(CtiEngine.builder());
        ExecutionException e = assertThrows(ExecutionException.class, () -> engine.execute(
                new AcceptTask("res-1")).toCompletableFuture().get(10, TimeUnit.SECONDS));
        assertInstanceOf(UnsupportedCommandException.class, e.getCause());
    }

    @Test
    void aFailingExtensionIsCountedAndTheEngineGoesOn() {
        start(CtiEngine.builder().extension((event, context) -> {
            throw new IllegalStateException("bug");
        }));
        pbx.publish(created(1000, "c1", "a", "1001", LegRole.CALLER, LegState.INITIATED), cleared(1001, "c1", "a"));
        await().atMost(WAIT).until(() -> seen.size() == 3);
        assertEquals(3, engine.metrics().handlerErrors());
    }

    @Test
    void theJournalRecordsEventsAndCommandsInRingOrderBeforeListenersSeeThem() throws Exception {
        List<Long> journaled = new CopyOnWriteArrayList<>();
        List<Object> entries = new CopyOnWriteArrayList<>();
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        start(CtiEngine.builder().journal(new EngineJournal() {
            @Override
            public void record(CtiEvent event) {
                if (event instanceof LegAlerting) {
                    Latches.hold(release);
                }
                journaled.add(event.sequence());
                entries.add(event);
            }

            @Override
            public void record(long sequence, CtiCommand command) {
                journaled.add(sequence);
                entries.add(command);
            }

            @Override
            public void close() {
                closed.countDown();
            }
        }));
        pbx.publish(created(1000, "c1", "b", "1001", LegRole.AGENT, LegState.ALERTING));
        await().atMost(WAIT).until(() -> seen.size() == 1);
        pbx.publish(new LegAlerting(env(1001, "c1", "b", "")));
        CommandResult answered = engine.answer("c1", "b").toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals("done", answered.detail(), "the state handler does not wait for the journal");
        assertEquals(1, seen.size(), "the listener waits for the journal");
        release.countDown();
        await().atMost(WAIT).until(() -> seen.size() == 2);
        assertEquals(List.of(0L, 1L, 2L), journaled);
        assertEquals(new Answer("c1", "b"), entries.get(2));
        engine.close();
        assertTrue(closed.await(10, TimeUnit.SECONDS));
    }

}
