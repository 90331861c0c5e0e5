package io.callwire.examples.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.callwire.core.command.AgentLogin;
import io.callwire.core.command.AgentLogout;
import io.callwire.core.command.AgentNotReady;
import io.callwire.core.command.AgentReady;
import io.callwire.core.command.AgentWrapUp;
import io.callwire.core.command.Answer;
import io.callwire.core.command.BlindTransfer;
import io.callwire.core.command.CommandResult;
import io.callwire.core.command.CtiCommand;
import io.callwire.core.command.HangUp;
import io.callwire.core.command.Hold;
import io.callwire.core.command.MakeCall;
import io.callwire.core.command.Redirect;
import io.callwire.core.command.Retrieve;
import io.callwire.core.command.SendDtmf;
import io.callwire.core.command.StartRecording;
import io.callwire.core.command.StopRecording;
import io.callwire.core.engine.CtiEngine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** {@code call}: sends one command to a switch and prints the switch's answer as JSON. */
@Command(name = "call", mixinStandardHelpOptions = true,
        description = "Send one call or agent command to a switch, e.g. click-to-dial: call make --from 1001 --to +4930123")
final class ControlCommand implements Callable<Integer> {

    /** The actions of {@code call}. */
    enum Action {
        make, answer, hangup, hold, retrieve, transfer, redirect, dtmf, record_start, record_stop,
        login, logout, ready, not_ready, wrap_up
    }

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ACTION", converter = ActionConverter.class,
            description = "make, answer, hangup, hold, retrieve, transfer, redirect, dtmf, record-start, record-stop, "
                    + "login, logout, ready, not-ready, wrap-up")
    private Action action;

    @Option(names = "--switch", paramLabel = "URI", defaultValue = "sim:", description = "Switch (default: ${DEFAULT-VALUE})")
    private String switchUri;

    @Option(names = "--call", paramLabel = "ID", description = "Library call id")
    private String callId;

    @Option(names = "--leg", paramLabel = "ID", defaultValue = "", description = "Leg id (hangup without it clears the call)")
    private String legId;

    @Option(names = "--from", paramLabel = "DEVICE", description = "Calling device for make")
    private String from;

    @Option(names = "--to", paramLabel = "DEST", description = "Destination for make, transfer, redirect")
    private String to;

    @Option(names = "--digits", paramLabel = "D", description = "DTMF digits")
    private String digits;

    @Option(names = "--agent", paramLabel = "ID", description = "Agent id for agent actions")
    private String agent;

    @Option(names = "--device", paramLabel = "DEVICE", description = "Station for login")
    private String device;

    @Option(names = "--reason", paramLabel = "R", defaultValue = "", description = "Reason code for not-ready and wrap-up")
    private String reason;

    @Option(names = "--timeout", paramLabel = "TIME", defaultValue = "5s", converter = DurationConverter.class,
            description = "How long to wait for the switch (default: ${DEFAULT-VALUE})")
    private Duration timeout;

    @Override
    public Integer call() throws Exception {
        CtiCommand command = command();
        try (CtiEngine engine = CtiEngine.builder().switchUri(switchUri).commandTimeout(timeout).start()) {
            CommandResult result = engine.execute(command).toCompletableFuture()
                    .get(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
            print(result, spec.commandLine().getOut());
            return ExitCode.OK;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } catch (TimeoutException e) {
            throw new io.callwire.core.command.CommandTimeoutException(command.getClass().getSimpleName(), timeout);
        }
    }

    private CtiCommand command() {
        return switch (action) {
            case make -> new MakeCall("", need(from, "--from"), need(to, "--to"), Map.of());
            case answer -> new Answer(need(callId, "--call"), legId);
            case hangup -> new HangUp(need(callId, "--call"), legId);
            case hold -> new Hold(need(callId, "--call"), need(legId, "--leg"));
            case retrieve -> new Retrieve(need(callId, "--call"), need(legId, "--leg"));
            case transfer -> new BlindTransfer(need(callId, "--call"), legId, need(to, "--to"));
            case redirect -> new Redirect(need(callId, "--call"), legId, need(to, "--to"));
            case dtmf -> new SendDtmf(need(callId, "--call"), legId, need(digits, "--digits"));
            case record_start -> new StartRecording(need(callId, "--call"), "");
            case record_stop -> new StopRecording(need(callId, "--call"));
            case login -> new AgentLogin("", need(agent, "--agent"), need(device, "--device"), List.of());
            case logout -> new AgentLogout(need(agent, "--agent"));
            case ready -> new AgentReady(need(agent, "--agent"));
            case not_ready -> new AgentNotReady(need(agent, "--agent"), reason);
            case wrap_up -> new AgentWrapUp(need(agent, "--agent"), reason);
        };
    }

    private String need(String value, String option) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("call " + action.name().replace('_', '-') + " needs " + option);
        }
        return value;
    }

    private static void print(CommandResult result, PrintWriter out) throws IOException {
        try (JsonGenerator json = new JsonFactory().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET).createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("callId", result.callId());
            json.writeStringField("legId", result.legId());
            json.writeStringField("detail", result.detail());
            json.writeEndObject();
        }
        out.println();
        out.flush();
    }

    /** Accepts the actions with dashes, as typed on the command line. */
    static final class ActionConverter implements picocli.CommandLine.ITypeConverter<Action> {
        @Override
        public Action convert(String value) {
            try {
                return Action.valueOf(value.replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException("unknown action '" + value + "'");
            }
        }
    }
}
