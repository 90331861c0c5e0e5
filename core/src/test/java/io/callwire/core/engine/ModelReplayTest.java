package io.callwire.core.engine;

import io.callwire.core.command.Answer;
import io.callwire.core.command.CommandResult;
import io.callwire.core.command.CompleteTask;
import io.callwire.core.command.TaskCommand;
import io.callwire.core.event.TaskCompleted;
import io.callwire.core.event.Envelope;
import io.callwire.core.command.CtiCommand;
import io.callwire.core.command.HangUp;
import io.callwire.core.event.CallEnded;
import io.callwire.core.event.CtiEvent;
import io.callwire.core.model.LegRole;
import io.callwire.core.model.LegState;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import static io.callwire.core.engine.Events.cleared;
import static io.callwire.core.engine.Events.connected;
import static io.callwire.core.engine.Events.created;
import static io.callwire.core.engine.Events.started;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelReplayTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Set<Class<? extends CtiCommand>> SOME = Set.of(Answer.class, HangUp.class);

    private static List<CtiEvent> history() {
        return List.of(started(1000, "c1"),
                created(1000, "c1", "c1-a", "1001", LegRole.CALLER, LegState.INITIATED),
                connected(1001, "c1", "c1-a"),
                started(1002, "c2"),
                created(1002, "c2", "c2-a", "1002", LegRole.CALLER, LegState.INITIATED),
                cleared(1003, "c2", "c2-a"));
    }

    @Test
    void replayedModelMatchesTheLiveEngine() {
        ModelReplay replay = new ModelReplay();
        List<CtiEvent> derived = new ArrayList<>();
        history().forEach(e -> replay.apply(e, derived));
        assertEquals(1, derived.size());
        assertInstanceOf(CallEnded.class, derived.get(0));

        FakeSwitch pbx = new FakeSwitch(Events.SW, SOME);
        try (CtiEngine engine = CtiEngine.builder().adapter(pbx).tickInterval(Duration.ZERO).start()) {
            pbx.publish(history().toArray(CtiEvent[]::new));
            EngineSnapshot live = engine.awaitSnapshot(WAIT);
            EngineSnapshot replayed = replay.snapshot();
            assertEquals(live.calls(), replayed.calls());
            assertEquals(live.agents(), replayed.agents());
            assertEquals(live.queues(), replayed.queues());
            assertEquals(live.time(), replayed.time());
        }
        assertEquals(6, replay.applied());
    }

    @Test
    void recoveredEngineContinuesFromTheJournaledState() {
        FakeSwitch pbx = new FakeSwitch(Events.SW, SOME);
        try (CtiEngine engine = CtiEngine.builder().adapter(pbx).tickInterval(Duration.ZERO)
                .recover(history()).start()) {
            EngineSnapshot recovered = engine.awaitSnapshot(WAIT);
            assertEquals(List.of("c1"), recovered.calls().stream().map(c -> c.id()).toList());
            assertEquals(LegState.CONNECTED, recovered.calls().get(0).legs().get(0).state());
            pbx.publish(cleared(1004, "c1", "c1-a"));
            org.awaitility.Awaitility.await().atMost(WAIT)
                    .until(() -> engine.awaitSnapshot(WAIT).calls().isEmpty());
            assertTrue(engine.awaitSnapshot(WAIT).time() >= 1004);
        }
    }

    /** Counts what it sees, emits on every call end, asks to hang up every new call, completes tasks. */
    private static final class Counting implements StateExtension {
        final List<String> seen = new ArrayList<>();

        @Override
        public void onEvent(CtiEvent event, StateContext context) {
            seen.add(event.getClass().getSimpleName() + ":" + event.callId());
            if (event instanceof CallEnded) {
                context.emit(new TaskCompleted(Envelope.of(Events.SW, context.now(), event.callId(), "", ""),
                        "t-" + event.callId(), "", "ended"));
            }
            if (event instanceof io.callwire.core.event.CallStarted) {
                context.send(new HangUp(event.callId(), ""));
            }
        }

        @Override
        public CompletionStage<CommandResult> onCommand(TaskCommand command, StateContext context) {
            seen.add(command.getClass().getSimpleName());
            return CompletableFuture.completedFuture(CommandResult.ok("done"));
        }
    }

    @Test
    void extensionsRebuildTheirStateWithoutSendingAnything() {
        Counting live = new Counting();
        FakeSwitch pbx = new FakeSwitch(Events.SW, SOME);
        try (CtiEngine engine = CtiEngine.builder().adapter(pbx).tickInterval(Duration.ZERO).extension(live).start()) {
            pbx.publish(history().toArray(CtiEvent[]::new));
            engine.execute(new CompleteTask("t-9")).toCompletableFuture().join();
            engine.awaitSnapshot(WAIT);
        }
        Counting replayed = new Counting();
        ModelReplay replay = new ModelReplay(List.of(replayed));
        List<CtiEvent> derived = new ArrayList<>();
        history().forEach(e -> replay.apply(e, derived));
        replay.applyCommand(99, new CompleteTask("t-9"), derived);
        assertEquals(live.seen, replayed.seen, "the extension sees the same events and commands in the same order");
        assertEquals(2, replay.suppressedCommands(), "the two hang-ups were not sent");
        assertEquals(2, derived.size(), "the tracker's CallEnded, then the extension's emitted event");
        assertInstanceOf(TaskCompleted.class, derived.get(1));
        assertEquals(derived.get(0).sequence(), derived.get(1).sequence());
    }
}
