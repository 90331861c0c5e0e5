package io.callwire.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServeAndSimulateCliTest {
    @Test
    void serveAndSimulateExplainThemselves() {
        CliRun serve = CliRun.of("serve", "--help");
        assertEquals(0, serve.code());
        for (String option : new String[]{"--switch", "--port", "--bind", "--db", "--users", "--calls-per-minute"}) {
            assertTrue(serve.out().contains(option), option);
        }
        CliRun simulate = CliRun.of("simulate", "--help");
        assertEquals(0, simulate.code());
        assertTrue(simulate.out().contains("PROFILE"), simulate.out());
        assertTrue(CliRun.of("--help").out().contains("simulate"));
    }

    @Test
    void serveRefusesBadSettingsWithOneLine() throws Exception {
        CliRun port = CliRun.of("serve", "--port", "70000");
        assertEquals(ExitCode.USAGE, port.code());
        assertTrue(port.err().startsWith("error: port must be 0..65535"), port.err());
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            CliRun busy = CliRun.of("serve", "--port", Integer.toString(taken.getLocalPort()), "--calls-per-minute", "0");
            assertEquals(ExitCode.USAGE, busy.code(), busy.err());
            assertTrue(busy.err().startsWith("error: cannot listen on 127.0.0.1:" + taken.getLocalPort()), busy.err());
        }
        CliRun noQueues = CliRun.of("serve", "--switch", "sim:?routing=library", "--port", "0");
        assertEquals(ExitCode.USAGE, noQueues.code());
        assertTrue(noQueues.err().startsWith("error: with --switch, name the queues the ACD routes with --queues"), noQueues.err());
        CliRun users = CliRun.of("serve", "--users", "/nonexistent/users.txt", "--port", "0");
        assertEquals(ExitCode.USAGE, users.code(), users.err());
        assertTrue(users.err().startsWith("error: cannot read the users file"), users.err());
    }

    @Test
    void simulatePlaysAProfileInSimulatedTime(@TempDir Path dir) throws Exception {
        Path profile = dir.resolve("busy-morning.properties");
        Files.writeString(profile, String.join("\n", "# a busy morning", "agents = 8", "callsPerMinute = 20",
                "queues = sales,support", "aht = 120", "speed = 0", "seed = 4", "epoch = 1795424400000",
                "duration = 20m", "report = 5m", ""));
        CliRun run = CliRun.of("simulate", profile.toString());
        assertEquals(0, run.code(), run.err());
        String[] lines = run.out().strip().split("\n");
        assertEquals(4, lines.length, run.out());
        ObjectMapper json = new ObjectMapper();
        JsonNode summary = json.readTree(lines[3]);
        assertEquals("summary", summary.get("type").asText());
        assertEquals(1200, summary.get("simulatedSeconds").asLong());
        long offered = summary.get("queues").findValues("offered").stream().mapToLong(JsonNode::asLong).sum();
        assertTrue(offered > 250 && offered < 550, "about 20 calls a minute for 20 minutes: " + offered);
        long answered = summary.get("queues").findValues("answered").stream().mapToLong(JsonNode::asLong).sum();
        assertTrue(answered > 0 && answered <= offered, run.out());
        assertEquals("report", json.readTree(lines[0]).get("type").asText());
        assertEquals(300, json.readTree(lines[0]).get("simulatedSeconds").asLong());
    }

    @Test
    void simulateRefusesABadProfileNamingTheProblem(@TempDir Path dir) throws Exception {
        Path unknown = dir.resolve("unknown.properties");
        Files.writeString(unknown, "agents=5\ncallsPerHour=3\n");
        CliRun run = CliRun.of("simulate", unknown.toString());
        assertEquals(ExitCode.USAGE, run.code());
        assertTrue(run.err().contains("unknown setting 'callsPerHour'"), run.err());
        Path badTime = dir.resolve("time.properties");
        Files.writeString(badTime, "duration=soon\n");
        CliRun time = CliRun.of("simulate", badTime.toString());
        assertEquals(ExitCode.USAGE, time.code());
        assertTrue(time.err().contains("duration must be a positive time"), time.err());
        CliRun missing = CliRun.of("simulate", dir.resolve("none.properties").toString());
        assertEquals(ExitCode.USAGE, missing.code());
        assertTrue(missing.err().startsWith("error: no profile file"), missing.err());
    }
}
