package io.callwire.recorder;

import io.callwire.adapter.simulator.SimulatorAdapter;
import io.callwire.core.engine.CtiEngine;
import io.callwire.core.engine.EngineSnapshot;
import io.callwire.core.engine.ListenerOptions;
import io.callwire.core.engine.ModelReplay;
import io.callwire.core.engine.OverflowPolicy;
import io.callwire.core.event.CtiEvent;
import io.callwire.core.event.Tick;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JournalReplayTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String SIM = "sim:?agents=4&callsPerMinute=20&maxCalls=60&speed=400&epoch=0&holdRate=0.3"
            + "&transferRate=0.2&consultRate=0.2&patience=40&seed=";

    @TempDir
    Path dir;

    @Test
    void theJournalAloneRebuildsTheLiveModelByteForByte() {
        List<CtiEvent> seen = new CopyOnWriteArrayList<>();
        EngineSnapshot midRun;
        EngineSnapshot atEnd;
        ChronicleJournal journal = ChronicleJournal.builder(dir).durability(Durability.ASYNC).build();
        try (CtiEngine engine = CtiEngine.builder().switchUri(SIM + 7).journal(journal)
                .listener("seen", seen::add, ListenerOptions.of(1 << 20, OverflowPolicy.DROP_NEWEST)).start()) {
            SimulatorAdapter sim = engine.adapter("sim", SimulatorAdapter.class).orElseThrow();
            await().atMost(WAIT).until(() -> sim.callsGenerated() >= 20);
            midRun = engine.awaitSnapshot(WAIT);
            await().atMost(WAIT).until(() -> sim.callsGenerated() == 60
                    && engine.awaitSnapshot(WAIT).calls().isEmpty());
            sim.close();
            atEnd = engine.awaitSnapshot(WAIT);
        }
        assertFalse(midRun.calls().isEmpty(), "the mid-run snapshot has calls in progress");

        // every event a listener saw was journaled first (sequences of switch events; derived events share them)
        Set<Long> journaled = new HashSet<>();
        ModelReplay upToMidRun = new ModelReplay();
        try (JournalReader reader = JournalReader.open(dir)) {
            reader.forEach(JournalFilter.all(), entry -> {
                if (entry instanceof EventEntry e) {
                    assertTrue(journaled.add(e.event().sequence()), "no sequence journaled twice");
                    if (e.event().sequence() < midRun.sequence()) {
                        upToMidRun.apply(e.event());
                    }
                }
            });
        }
        for (CtiEvent e : seen) {
            assertTrue(journaled.contains(e.sequence()), "seen but not journaled: " + e);
        }
        assertEquals(CanonicalSnapshot.of(midRun), CanonicalSnapshot.of(upToMidRun.snapshot()),
                "replay up to the snapshot's sequence equals the live model then");

        JournalReplay.Recovery first = JournalReplay.recover(dir);
        JournalReplay.Recovery second = JournalReplay.recover(dir);
        assertTrue(first.corruption().isEmpty());
        assertEquals(CanonicalSnapshot.of(atEnd), first.canonical(), "full replay equals the final live model");
        assertArrayEquals(first.canonical().bytes(), second.canonical().bytes(), "two replays, same bytes");
        assertEquals(1, first.sessions());
        assertTrue(first.events() > 300, "events: " + first.events());
    }

    @Test
    void aRestartedEngineContinuesFromTheRebuiltStateAndJournalsANewSession() {
        EngineSnapshot beforeCrash;
        ChronicleJournal journal = ChronicleJournal.builder(dir).durability(Durability.BATCHED).build();
        try (CtiEngine engine = CtiEngine.builder().switchUri(SIM + 3).journal(journal).start()) {
            SimulatorAdapter sim = engine.adapter("sim", SimulatorAdapter.class).orElseThrow();
            await().atMost(WAIT).until(() -> sim.callsGenerated() >= 30);
            sim.close();
            beforeCrash = engine.awaitSnapshot(WAIT);
        }
        JournalReplay.Recovery recovery = JournalReplay.recover(dir);
        assertEquals(CanonicalSnapshot.of(beforeCrash), recovery.canonical());

        ChronicleJournal again = ChronicleJournal.builder(dir).durability(Durability.BATCHED).build();
        try (CtiEngine engine = CtiEngine.builder().switchUri("sim:?id=idle&agents=0&callsPerMinute=0&speed=0&epoch=0")
                .recover(JournalReplay.events(dir)).journal(again).tickInterval(Duration.ZERO).start()) {
            EngineSnapshot restarted = engine.awaitSnapshot(WAIT);
            assertEquals(beforeCrash.calls(), restarted.calls(), "calls and legs continue");
            assertEquals(beforeCrash.queues(), restarted.queues());
            assertEquals(beforeCrash.agents(), restarted.agents(), "agents continue (the idle switch has none)");
            await().atMost(WAIT).until(() -> again.recorded() > 0);
        }
        JournalReplay.Recovery afterRestart = JournalReplay.recover(dir);
        assertEquals(2, afterRestart.sessions(), "each engine run is a session of the same journal");
        assertTrue(afterRestart.events() > recovery.events());
        for (CtiEvent e : JournalReplay.events(dir)) {
            assertFalse(e instanceof Tick && e.switchId().equals("engine"), "no wall-clock ticks with tickInterval 0");
        }
    }

    /** Writes down every event it sees, in order. */
    private static final class Spy implements io.callwire.core.engine.StateExtension {
        final List<String> seen = new java.util.ArrayList<>();

        @Override
        public void onEvent(CtiEvent event, io.callwire.core.engine.StateContext context) {
            seen.add(event.getClass().getSimpleName() + "@" + event.sequence() + ":" + event.callId());
        }
    }

    @Test
    void extensionsRebuildTheirStateFromTheJournal() {
        Spy live = new Spy();
        List<CtiEvent> heard = new CopyOnWriteArrayList<>();
        ChronicleJournal journal = ChronicleJournal.builder(dir).build();
        try (CtiEngine engine = CtiEngine.builder().switchUri(SIM + 4)
                .extension(new io.callwire.recorder.recording.RecordingController(
                        io.callwire.recorder.recording.RecordingPolicy.allCalls()))
                .extension(live).journal(journal)
                .listener("heard", heard::add, ListenerOptions.of(1 << 20, OverflowPolicy.DROP_NEWEST)).start()) {
            SimulatorAdapter sim = engine.adapter("sim", SimulatorAdapter.class).orElseThrow();
            await().atMost(WAIT).until(() -> sim.callsGenerated() >= 15);
            sim.close();
            engine.awaitSnapshot(WAIT);
        }
        Spy replayed = new Spy();
        JournalReplay.Recovery recovery = JournalReplay.recover(dir, List.of(
                new io.callwire.recorder.recording.RecordingController(
                        io.callwire.recorder.recording.RecordingPolicy.allCalls()), replayed));
        assertTrue(recovery.corruption().isEmpty());
        assertTrue(live.seen.size() > 100, "seen " + live.seen.size());
        assertEquals(live.seen, replayed.seen, "the extension sees the same events, derived ones included");

        List<CtiEvent> history = new java.util.ArrayList<>();
        JournalReplay.history(dir, List.of(new io.callwire.recorder.recording.RecordingController(
                io.callwire.recorder.recording.RecordingPolicy.allCalls())), JournalFilter.all(), history::add);
        assertEquals(heard, history, "the history recomputed from the journal is what listeners received");

        String someCall = heard.stream().filter(e -> e instanceof io.callwire.core.event.CallEnded)
                .findFirst().orElseThrow().callId();
        List<CtiEvent> ofCall = new java.util.ArrayList<>();
        JournalReplay.history(dir, List.of(), JournalFilter.all().call(someCall), ofCall::add);
        assertTrue(ofCall.size() > 3);
        assertTrue(ofCall.stream().allMatch(e -> e.callId().equals(someCall)));
        assertEquals(heard.stream().filter(e -> e.callId().equals(someCall)).toList(), ofCall);
    }
}
