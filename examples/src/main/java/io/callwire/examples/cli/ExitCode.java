package io.callwire.examples.cli;

/** Exit codes of the {@code callwire} command line. */
public final class ExitCode {
    /** Done. */
    public static final int OK = 0;
    /** A bug or an unexpected failure; run with --verbose for the stack trace. */
    public static final int INTERNAL = 1;
    /** Bad usage: unknown option, bad duration, malformed or unknown switch URI. */
    public static final int USAGE = 2;
    /** The command failed: unknown call or leg, rejected by the switch, unsupported, no such switch. */
    public static final int COMMAND_FAILED = 3;
    /** The switch could not be reached in time: link down or no answer before the timeout. */
    public static final int UNREACHABLE = 4;
    /** tap could not keep up and lost events (its listener overflowed). */
    public static final int EVENTS_LOST = 5;

    private ExitCode() {
    }
}
