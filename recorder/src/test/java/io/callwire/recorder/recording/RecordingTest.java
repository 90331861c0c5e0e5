package io.callwire.recorder.recording;

import io.callwire.adapter.simulator.SimulatorAdapter;
import io.callwire.core.engine.CtiEngine;
import io.callwire.core.engine.ListenerOptions;
import io.callwire.core.engine.OverflowPolicy;
import io.callwire.core.event.CallStarted;
import io.callwire.core.event.CtiEvent;
import io.callwire.core.event.RecordingStarted;
import io.callwire.core.model.Call;
import io.callwire.recorder.ChronicleJournal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecordingTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ListenerOptions BIG = ListenerOptions.of(1 << 18, OverflowPolicy.DROP_NEWEST);

    @TempDir
    Path dir;

    @Test
    void allCallsAreRecordedAndIndexedAndTheIndexRebuildsFromTheJournal() {
        RecordingIndex index = new RecordingIndex(null);
        List<CtiEvent> started = new CopyOnWriteArrayList<>();
        RecordingController controller = new RecordingController(RecordingPolicy.allCalls().at("rec/{call}.wav"));
        try (CtiEngine engine = CtiEngine.builder()
                .switchUri("sim:?agents=8&callsPerMinute=20&maxCalls=20&aht=60&speed=100&epoch=0&seed=5")
                .extension(controller)
                .journal(ChronicleJournal.builder(dir).build())
                .listener("index", index, BIG)
                .listener("calls", e -> {
                    if (e instanceof CallStarted) {
                        started.add(e);
                    }
                }, BIG)
                .start()) {
            SimulatorAdapter sim = engine.adapter("sim", SimulatorAdapter.class).orElseThrow();
            await().atMost(WAIT).until(() -> sim.callsGenerated() == 20 && engine.awaitSnapshot(WAIT).calls().isEmpty());
            await().atMost(WAIT).until(() -> index.all().size() + controller.refused() == started.size()
                    && index.all().stream().noneMatch(RecordingEntry::running));
        }
        List<RecordingEntry> all = index.all();
        assertTrue(all.size() >= 1, "one recording per call, but for calls gone before the switch got the "
                + "request (refused " + controller.refused() + "): " + all.size());
        for (CtiEvent call : started) {
            List<RecordingEntry> ofCall = index.byCall(call.callId());
            if (ofCall.isEmpty()) {
                continue; // the caller hung up before the switch received the start request
            }
            assertEquals(1, ofCall.size(), "call " + call.callId());
            RecordingEntry r = ofCall.get(0);
            assertEquals("rec/" + call.callId() + ".wav", r.location());
            assertEquals(((CallStarted) call).ani(), r.ani());
            assertTrue(r.endedAt() >= r.startedAt());
        }
        RecordingEntry answered = all.stream().filter(r -> !r.agentIds().isEmpty()).findFirst().orElseThrow();
        assertTrue(index.byAgent(answered.agentIds().get(0)).contains(answered));
        assertTrue(index.byNumber(answered.ani()).contains(answered));
        assertTrue(index.between(answered.startedAt(), answered.startedAt() + 1).contains(answered));
        assertEquals(List.of(), index.between(Long.MIN_VALUE, all.get(0).startedAt()));

        RecordingIndex rebuilt = RecordingIndex.fromJournal(dir, null);
        assertEquals(all, rebuilt.all(), "the journal is the index's storage");
    }

    @Test
    void queuePolicyRecordsOnlyThoseQueues() {
        RecordingIndex index = new RecordingIndex(null);
        Set<String> queued = java.util.concurrent.ConcurrentHashMap.newKeySet();
        RecordingController controller = new RecordingController(RecordingPolicy.queues(Set.of("sales")));
        try (CtiEngine engine = CtiEngine.builder()
                .switchUri("sim:?agents=8&callsPerMinute=20&maxCalls=20&aht=60&speed=100&epoch=0&seed=6")
                .extension(controller)
                .listener("index", index, BIG)
                .listener("queued", e -> {
                    if (e instanceof io.callwire.core.event.CallQueued q && q.queueId().equals("sales")) {
                        queued.add(e.callId());
                    }
                }, BIG)
                .start()) {
            SimulatorAdapter sim = engine.adapter("sim", SimulatorAdapter.class).orElseThrow();
            await().atMost(WAIT).until(() -> sim.callsGenerated() == 20 && engine.awaitSnapshot(WAIT).calls().isEmpty());
            await().atMost(WAIT).until(() -> index.all().stream().noneMatch(RecordingEntry::running)
                    && index.all().size() + controller.refused() == queued.size());
        }
        assertFalse(queued.isEmpty());
        assertTrue(queued.containsAll(index.all().stream().map(RecordingEntry::callId).toList()),
                "only calls of the sales queue");
        assertTrue(index.all().size() >= 1, "recorded " + index.all().size() + " of " + queued.size());
        assertTrue(index.all().stream().allMatch(r -> r.queueId().equals("sales")));
    }

    @Test
    void onDemandPauseAndResumeGiveTwoPartsOfOneCall() throws Exception {
        RecordingIndex index = new RecordingIndex(null);
        List<RecordingStarted> starts = new CopyOnWriteArrayList<>();
        try (CtiEngine engine = CtiEngine.builder()
                .switchUri("sim:?agents=2&callsPerMinute=600&maxCalls=1&aht=3600&speed=20&epoch=0&seed=9")
                .extension(new RecordingController(RecordingPolicy.onDemand()))
                .listener("index", index, BIG)
                .listener("starts", e -> {
                    if (e instanceof RecordingStarted r) {
                        starts.add(r);
                    }
                }, BIG)
                .start()) {
            await().atMost(WAIT).until(() -> !engine.awaitSnapshot(WAIT).calls().isEmpty());
            Call call = engine.awaitSnapshot(WAIT).calls().get(0);
            assertEquals(List.of(), index.byCall(call.id()), "on demand: nothing by itself");
            RecordingControl control = new RecordingControl(engine, RecordingPolicy.onDemand());
            control.start(call.id()).toCompletableFuture().get(10, TimeUnit.SECONDS);
            control.pause(call.id()).toCompletableFuture().get(10, TimeUnit.SECONDS);
            control.resume(call.id()).toCompletableFuture().get(10, TimeUnit.SECONDS);
            await().atMost(WAIT).until(() -> index.byCall(call.id()).size() == 2);
            List<RecordingEntry> parts = index.byCall(call.id());
            assertFalse(parts.get(0).running(), "the paused part ended");
            assertTrue(parts.get(1).running(), "the resumed part runs");
            assertEquals(2, starts.size());
        }
    }

    @Test
    void sizesAndServesOnlyFilesInsideTheRecordingsDirectory() throws Exception {
        Path root = java.nio.file.Files.createDirectories(dir.resolve("recordings"));
        java.nio.file.Files.write(root.resolve("c1.wav"), new byte[1234]);
        java.nio.file.Files.write(dir.resolve("secret.txt"), new byte[7]);
        RecordingIndex index = new RecordingIndex(root);
        io.callwire.core.event.Envelope env = new io.callwire.core.event.Envelope(1, "pbx", 1000, "c1", "", "", false, null);
        index.onEvent(new CallStarted(env, io.callwire.core.model.Direction.INBOUND, "+4930123456", "5000", ""));
        index.onEvent(new RecordingStarted(env, "r1", "c1.wav"));
        index.onEvent(new RecordingStarted(env, "r2", "../secret.txt"));
        index.onEvent(new io.callwire.core.event.CallEnded(env.withSequence(2), "normal"));
        assertEquals(1234, index.byCall("c1").get(0).sizeBytes());
        assertEquals(-1, index.byCall("c1").get(1).sizeBytes());
        assertEquals(java.util.Optional.of(root.resolve("c1.wav")), index.file("r1"));
        assertEquals(java.util.Optional.empty(), index.file("r2"), "no path traversal out of the recordings root");
        assertEquals(2, index.byNumber("30 123456").size(), "compared by digits without the country prefix");
        assertEquals(List.of(), index.byNumber("123"), "too short to match a suffix");
    }
}
