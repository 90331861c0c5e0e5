package io.callwire.examples.cli;

import io.callwire.recorder.JournalCorruptedException;
import io.callwire.recorder.JournalFilter;
import io.callwire.recorder.JournalReplay;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;

/**
 * {@code replay}: prints a journal's history as JSON lines, in the format of {@code tap}: the events and the
 * decisions the engine recorded (routing decisions, derived events), filtered by call, agent and time.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Print the history in a journal (written by tap --journal or an embedding host) as JSON lines.")
final class ReplayCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--journal", paramLabel = "DIR", required = true, description = "Journal directory")
    private Path journal;

    @Option(names = "--call", paramLabel = "ID", description = "Only this call (library or switch call id, across transfers)")
    private String callId = "";

    @Option(names = "--agent", paramLabel = "ID", description = "Only events of this agent")
    private String agentId = "";

    @Option(names = "--from", paramLabel = "TIME", description = "From this instant, e.g. 2026-11-23T09:00:00Z")
    private String from;

    @Option(names = "--to", paramLabel = "TIME", description = "Before this instant")
    private String to;

    @Option(names = "--ticks", description = "Also print Tick events")
    private boolean ticks;

    @Override
    public Integer call() {
        if (!Files.isDirectory(journal)) {
            throw new IllegalArgumentException("--journal " + journal + " is not a directory");
        }
        JournalFilter filter = JournalFilter.all().between(instant(from, "--from", Long.MIN_VALUE),
                instant(to, "--to", Long.MAX_VALUE));
        if (!callId.isEmpty()) {
            filter = filter.call(callId);
        }
        if (!agentId.isEmpty()) {
            filter = filter.agent(agentId);
        }
        PrintWriter out = spec.commandLine().getOut();
        JournalReplay.Recovery read = JournalReplay.recorded(journal, filter, event -> {
            if (ticks || !(event instanceof io.callwire.core.event.Tick)) {
                out.println(EventJson.line(event));
            }
        });
        out.flush();
        if (read.corruption().isPresent()) {
            JournalCorruptedException e = read.corruption().get();
            spec.commandLine().getErr().println("error: " + e.getMessage() + " (the history above ends there)");
            return ExitCode.EVENTS_LOST;
        }
        return ExitCode.OK;
    }

    private static long instant(String text, String option, long unset) {
        if (text == null) {
            return unset;
        }
        try {
            return Instant.parse(text).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + " '" + text + "' is not an instant like 2026-11-23T09:00:00Z");
        }
    }
}
