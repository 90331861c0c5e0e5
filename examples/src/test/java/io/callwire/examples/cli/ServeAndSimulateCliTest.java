package io.callwire.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServeAndSimulateCliTest {

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CallwireCli.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void serveAndSimulateExplainThemselves() {
        Run serve = run("serve", "--help");
        assertEquals(0, serve.code());
        for (String option : new String[]{"--switch", "--port", "--bind", "--db", "--users", "--calls-per-minute"}) {
            assertTrue(serve.out().contains(option), option);
        }
        Run simulate = run("simulate", "--help");
        assertEquals(0, simulate.code());
        assertTrue(simulate.out().contains("PROFILE"), simulate.out());
        assertTrue(run("--help").out().contains("simulate"));
    }

    @Test
    void serveRefusesBadSettingsWithOneLine() throws Exception {
        Run port = run("serve", "--port", "70000");
        assertEquals(ExitCode.USAGE, port.code());
        assertTrue(port.err().startsWith("error: port must be 0..65535"), port.err());
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Run busy = run("serve", "--port", Integer.toString(taken.getLocalPort()), "--calls-per-minute", "0");
            assertEquals(ExitCode.USAGE, busy.code(), busy.err());
            assertTrue(busy.err().startsWith("error: cannot listen on 127.0.0.1:" + taken.getLocalPort()), busy.err());
        }
        Run noQueues = run("serve", "--switch", "sim:?routing=library", "--port", "0");
        assertEquals(ExitCode.USAGE, noQueues.code());
        assertTrue(noQueues.err().startsWith("error: with --switch, name the queues the ACD routes with --queues"), noQueues.err());
        Run users = run("serve", "--users", "/nonexistent/users.txt", "--port", "0");
        assertEquals(ExitCode.USAGE, users.code(), users.err());
        assertTrue(users.err().startsWith("error: cannot read the users file"), users.err());
    }

    @Test
    void simulatePlaysAProfileInSimulatedTime(@TempDir Path dir) throws Exception {
        Path profile = dir.resolve("busy-morning.properties");
        Files.writeString(profile, String.join("\n", "# a busy morning", "agents = 8", "callsPerMinute = 20",
                "queues = sales,support", "aht = 120", "speed = 0", "seed = 4", "epoch = 1795424400000",
                "duration = 20m", "report = 5m", ""));
        Run run = run("simulate", profile.toString());
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
        Run run = run("simulate", unknown.toString());
        assertEquals(ExitCode.USAGE, run.code());
        assertTrue(run.err().contains("unknown setting 'callsPerHour'"), run.err());
        Path badTime = dir.resolve("time.properties");
        Files.writeString(badTime, "duration=soon\n");
        Run time = run("simulate", badTime.toString());
        assertEquals(ExitCode.USAGE, time.code());
        assertTrue(time.err().contains("duration must be a positive time"), time.err());
        Run missing = run("simulate", dir.resolve("none.properties").toString());
        assertEquals(ExitCode.USAGE, missing.code());
        assertTrue(missing.err().startsWith("error: no profile file"), missing.err());
    }
}
