package io.callwire.examples.cli;

import io.callwire.core.command.CommandException;
import io.callwire.core.command.CommandTimeoutException;
import io.callwire.core.command.LinkDownException;
import io.callwire.core.spi.InvalidSwitchUriException;
import io.callwire.core.spi.UnknownSwitchSchemeException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;

/**
 * The {@code callwire} command line: {@code tap} prints a switch's events, {@code call} sends a command,
 * {@code serve} runs the reference agent app, {@code simulate} plays a traffic profile, {@code replay} prints a
 * journal.
 * User errors print one line starting with {@code error:} and exit with a code from {@link ExitCode}.
 */
@Command(name = "callwire", mixinStandardHelpOptions = true, version = "callwire 0.1.0",
        description = "Callwire CTI middleware: watch and control telephone switches, serve the reference agent app.",
        subcommands = {TapCommand.class, ControlCommand.class, ServeCommand.class, SimulateCommand.class,
                ReplayCommand.class, HashPasswordCommand.class})
public final class CallwireCli implements Runnable {

    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces of internal errors")
    private boolean verbose;

    @picocli.CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs the command line writing to the given streams; returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new CallwireCli());
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((e, arguments) -> {
            e.getCommandLine().getErr().println("error: " + e.getMessage());
            e.getCommandLine().getErr().println("see: callwire " + commandPath(e.getCommandLine()) + " --help");
            return ExitCode.USAGE;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            int code = exitCode(e);
            commandLine.getErr().println("error: " + message(e));
            if (code == ExitCode.INTERNAL) {
                if (parseResult.hasMatchedOption("--verbose")) {
                    e.printStackTrace(commandLine.getErr());
                } else {
                    commandLine.getErr().println("run again with --verbose for details");
                }
            }
            return code;
        });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    private static String commandPath(CommandLine commandLine) {
        return commandLine.getParent() == null ? "" : commandLine.getCommandName();
    }

    static int exitCode(Exception e) {
        if (e instanceof InvalidSwitchUriException || e instanceof UnknownSwitchSchemeException
                || e instanceof IllegalArgumentException) {
            return ExitCode.USAGE;
        }
        if (e instanceof LinkDownException || e instanceof CommandTimeoutException) {
            return ExitCode.UNREACHABLE;
        }
        if (e instanceof CommandException) {
            return ExitCode.COMMAND_FAILED;
        }
        return ExitCode.INTERNAL;
    }

    private static String message(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
