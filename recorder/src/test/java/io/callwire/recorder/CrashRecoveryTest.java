package io.callwire.recorder;

import io.callwire.core.engine.CtiEngine;
import io.callwire.core.engine.EngineSnapshot;
import io.callwire.core.event.CtiEvent;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A child JVM runs the simulator under load with the journal and is killed with SIGKILL at a random moment; this
 * JVM then replays the journal: every acknowledged event is there, none twice, and the rebuilt model is the same
 * however often it is rebuilt, and the same in an engine restarted from it.
 */
class CrashRecoveryTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @CsvSource({"11, PER_EVENT", "12, BATCHED", "13, ASYNC"})
    void everythingAcknowledgedSurvivesSigkill(long seed, Durability durability) throws Exception {
        Path journal = tmp.resolve("journal");
        Path acks = tmp.resolve("acks.txt");
        int killAfter = 1_000 + new Random(seed).nextInt(5_000);
        Process child = startChild(journal, acks, seed, durability);
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5))
                    .until(() -> !child.isAlive() || ackedLines(acks) >= killAfter);
            assertTrue(child.isAlive(), () -> "child died early: " + childLog());
        } finally {
            child.destroyForcibly(); // SIGKILL on Linux
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        assertEquals(137, child.exitValue(), "killed by SIGKILL");

        Set<Long> acknowledged = readAcks(acks);
        assertTrue(ackedLines(acks) >= killAfter, "acknowledged lines " + ackedLines(acks));
        assertTrue(acknowledged.size() > killAfter / 2, "distinct sequences (derived events share their cause's)");

        JournalReplay.Recovery first = JournalReplay.recover(journal);
        assertTrue(first.corruption().isEmpty(), () -> "journal readable after the kill: " + first.corruption());
        Set<Long> journaled = new HashSet<>();
        for (CtiEvent e : JournalReplay.events(journal)) {
            assertTrue(journaled.add(e.sequence()), "sequence " + e.sequence() + " journaled twice");
        }
        List<Long> missing = new ArrayList<>();
        for (long seq : acknowledged) {
            if (!journaled.contains(seq)) {
                missing.add(seq);
            }
        }
        assertEquals(List.of(), missing, "acknowledged but not in the journal");

        JournalReplay.Recovery second = JournalReplay.recover(journal);
        assertArrayEquals(first.canonical().bytes(), second.canonical().bytes(), "replays agree byte for byte");

        try (CtiEngine restarted = CtiEngine.builder().switchUri("sim:?id=idle&agents=0&callsPerMinute=0&speed=0")
                .recover(JournalReplay.events(journal)).tickInterval(Duration.ZERO).start()) {
            EngineSnapshot live = restarted.awaitSnapshot(Duration.ofSeconds(10));
            assertEquals(first.snapshot().calls(), live.calls(), "restarted engine continues from the journal");
            assertEquals(first.snapshot().queues(), live.queues());
            assertEquals(first.snapshot().agents(), live.agents(), "agents continue (the idle switch has none)");
        }
    }

    private Process startChild(Path journal, Path acks, long seed, Durability durability) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--add-opens") || arg.startsWith("--add-exports")) {
                command.add(arg);
            }
        }
        command.add("-Xmx256m");
        command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(CrashChild.class.getName());
        command.add(journal.toString());
        command.add(acks.toString());
        command.add(Long.toString(seed));
        command.add(durability.name());
        return new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(tmp.resolve("child.log").toFile())
                .start();
    }

    private String childLog() {
        try {
            return Files.readString(tmp.resolve("child.log"));
        } catch (IOException e) {
            return "(no child log: " + e + ")";
        }
    }

    private static long ackedLines(Path acks) throws IOException {
        if (!Files.exists(acks)) {
            return 0;
        }
        long lines = 0;
        for (byte b : Files.readAllBytes(acks)) {
            if (b == '\n') {
                lines++;
            }
        }
        return lines;
    }

    /** Complete lines only: the kill may cut the last one. */
    private static Set<Long> readAcks(Path acks) throws IOException {
        String text = new String(Files.readAllBytes(acks), StandardCharsets.US_ASCII);
        int end = text.lastIndexOf('\n');
        Set<Long> out = new HashSet<>();
        if (end < 0) {
            return out;
        }
        for (String line : text.substring(0, end).split("\n")) {
            out.add(Long.parseLong(line));
        }
        return out;
    }
}
