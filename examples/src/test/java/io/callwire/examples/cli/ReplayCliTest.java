package io.callwire.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code tap --journal} writes a journal; {@code replay} prints the same history from it, filtered on demand. */
class ReplayCliTest {
    private static final String SIM = "sim:?agents=5&callsPerMinute=600&speed=0&seed=11&epoch=1767225600000";

    @Test
    void replayPrintsWhatTapPrintedAndFilters(@TempDir Path dir) throws Exception {
        Path journal = dir.resolve("journal");
        CliRun tapped = CliRun.of("tap", "--switch", SIM, "--events", "400", "--journal", journal.toString());
        assertEquals(0, tapped.code(), tapped.err());
        CliRun replayed = CliRun.of("replay", "--journal", journal.toString());
        assertEquals(0, replayed.code(), replayed.err());
        assertTrue(replayed.lines().size() >= 400, "the journal holds at least what tap printed");
        assertEquals(tapped.lines(), replayed.lines().subList(0, 400), "same events, same order, same JSON");

        String callId = new ObjectMapper().readTree(tapped.lines().stream().filter(l -> l.contains("\"CallEnded\""))
                .findFirst().orElseThrow()).get("callId").asText();
        CliRun oneCall = CliRun.of("replay", "--journal", journal.toString(), "--call", callId);
        assertEquals(0, oneCall.code(), oneCall.err());
        assertTrue(oneCall.lines().size() >= 4, oneCall.out());
        assertTrue(oneCall.lines().stream().allMatch(l -> l.contains("\"callId\":\"" + callId + "\"")), oneCall.out());

        CliRun future = CliRun.of("replay", "--journal", journal.toString(), "--from", "2030-01-01T00:00:00Z");
        assertEquals(List.of(), future.lines());
    }

    @Test
    void badArgumentsAreOneClearLine(@TempDir Path dir) throws Exception {
        CliRun missing = CliRun.of("replay", "--journal", dir.resolve("nope").toString());
        assertEquals(ExitCode.USAGE, missing.code());
        assertTrue(missing.err().startsWith("error: --journal"), missing.err());
        CliRun badTime = CliRun.of("replay", "--journal", dir.toString(), "--from", "yesterday");
        assertEquals(ExitCode.USAGE, badTime.code());
        assertTrue(badTime.err().contains("is not an instant"), badTime.err());
        Files.writeString(dir.resolve("20260101F.cq4"), "not a queue");
        CliRun corrupt = CliRun.of("replay", "--journal", dir.toString());
        assertTrue(corrupt.code() != 0, corrupt.err());
        assertTrue(corrupt.err().startsWith("error: "), corrupt.err());
    }
}
