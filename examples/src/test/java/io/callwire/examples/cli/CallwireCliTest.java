package io.callwire.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CallwireCliTest {
    private static final String SIM = "sim:?agents=5&callsPerMinute=600&speed=0&seed=7&epoch=1767225600000";
    private static final List<String> ENVELOPE =
            List.of("type", "seq", "switchId", "ts", "callId", "legId", "deviceId", "synthetic");

    private static void assertOneCleanErrorLine(CliRun run, String expected) {
        assertTrue(run.err().startsWith("error: " + expected), run.err());
        assertFalse(run.err().contains("Exception"), run.err());
        assertFalse(run.err().contains("\tat "), run.err());
        assertEquals("", run.out());
    }

    @Test
    void tapPrintsOneJsonObjectPerEventWithTheEnvelopeFirst() throws Exception {
        CliRun run = CliRun.of("tap", "--switch", SIM, "--events", "300");
        assertEquals(0, run.code(), run.err());
        String[] lines = run.out().split("\n");
        assertEquals(300, lines.length);
        ObjectMapper json = new ObjectMapper();
        Set<String> types = new HashSet<>();
        long lastSeq = -1;
        for (String line : lines) {
            JsonNode event = json.readTree(line);
            List<String> names = iterate(event);
            assertEquals(ENVELOPE, names.subList(0, ENVELOPE.size()), line);
            assertEquals("sim", event.get("switchId").asText());
            assertTrue(event.get("seq").asLong() >= lastSeq, "ring order");
            lastSeq = event.get("seq").asLong();
            types.add(event.get("type").asText());
        }
        assertTrue(types.containsAll(Set.of("LinkStateChanged", "AgentStateChanged", "CallStarted", "LegCreated",
                "LegAlerting", "CallQueued", "LegConnected", "LegCleared", "CallEnded")), types.toString());
        assertFalse(types.contains("Tick"), "ticks only with --ticks");
        JsonNode alerting = json.readTree(run.out().lines().filter(l -> l.contains("\"LegAlerting\""))
                .findFirst().orElseThrow());
        assertFalse(alerting.get("callId").asText().isEmpty());
        assertFalse(alerting.get("legId").asText().isEmpty());
        JsonNode data = json.readTree(run.out().lines().filter(l -> l.contains("\"CallDataChanged\""))
                .findFirst().orElseThrow());
        assertTrue(data.get("data").has("ivr.choice"), "maps are JSON objects");
    }

    private static List<String> iterate(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void theSameSeedGivesByteIdenticalOutputAndAnotherSeedDoesNot() {
        CliRun first = CliRun.of("tap", "--switch", SIM, "--events", "500", "--ticks");
        CliRun second = CliRun.of("tap", "--switch", SIM, "--events", "500", "--ticks");
        assertEquals(0, first.code());
        assertEquals(first.out(), second.out());
        assertTrue(first.out().contains("\"type\":\"Tick\""));
        CliRun other = CliRun.of("tap", "--switch", SIM.replace("seed=7", "seed=8"), "--events", "500", "--ticks");
        assertNotEquals(first.out(), other.out());
    }

    @Test
    void anUnknownSchemeIsAUsageError() {
        CliRun run = CliRun.of("tap", "--switch", "foo:");
        assertEquals(ExitCode.USAGE, run.code());
        assertOneCleanErrorLine(run, "unknown switch scheme 'foo'; known schemes: asterisk, csta, freeswitch, sim");
    }

    @Test
    void aMalformedUriIsAUsageErrorThatHidesTheSecret() {
        CliRun run = CliRun.of("tap", "--switch", "asterisk://user:topsecret@:x");
        assertEquals(ExitCode.USAGE, run.code());
        assertOneCleanErrorLine(run, "switch URI 'asterisk://user:***@:x' has no valid host");
        assertFalse(run.err().contains("topsecret"));
        CliRun badParameter = CliRun.of("tap", "--switch", "sim:?agents=lots");
        assertEquals(ExitCode.USAGE, badParameter.code());
        assertOneCleanErrorLine(badParameter, "parameter agents=lots");
    }

    @Test
    void aCommandOnAnUnknownCallFailsWithItsOwnCode() {
        CliRun run = CliRun.of("call", "hangup", "--switch", "sim:?speed=0", "--call", "nosuch");
        assertEquals(ExitCode.COMMAND_FAILED, run.code());
        assertOneCleanErrorLine(run, "unknown call nosuch");
    }

    @Test
    void aMissingOptionOrABadDurationIsAUsageError() {
        CliRun missing = CliRun.of("call", "hangup", "--switch", "sim:?speed=0");
        assertEquals(ExitCode.USAGE, missing.code());
        assertOneCleanErrorLine(missing, "call hangup needs --call");
        CliRun duration = CliRun.of("tap", "--duration", "3x");
        assertEquals(ExitCode.USAGE, duration.code());
        assertTrue(duration.err().startsWith("error: Invalid value for option '--duration': invalid duration '3x'"),
                duration.err());
        CliRun action = CliRun.of("call", "fly");
        assertEquals(ExitCode.USAGE, action.code());
        assertTrue(action.err().contains("unknown action 'fly'"), action.err());
    }

    @Test
    void clickToDialOnTheSimulatorAnswersWithTheNewCall() throws Exception {
        CliRun run = CliRun.of("call", "make", "--switch", "sim:?speed=0&agents=2&callsPerMinute=0", "--from", "1001", "--to", "+4930555");
        assertEquals(0, run.code(), run.err());
        JsonNode result = new ObjectMapper().readTree(run.out());
        assertEquals("sim-1", result.get("callId").asText());
        assertEquals("calling +4930555", result.get("detail").asText());
    }
}
