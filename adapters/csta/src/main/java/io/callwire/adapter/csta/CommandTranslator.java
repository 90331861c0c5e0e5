package io.callwire.adapter.csta;

import io.callwire.adapter.csta.CallBook.BookCall;
import io.callwire.adapter.csta.CallBook.Conn;
import io.callwire.core.command.AgentLogin;
import io.callwire.core.command.AgentLogout;
import io.callwire.core.command.AgentNotReady;
import io.callwire.core.command.AgentReady;
import io.callwire.core.command.AgentWrapUp;
import io.callwire.core.command.Answer;
import io.callwire.core.command.BlindTransfer;
import io.callwire.core.command.CancelConsult;
import io.callwire.core.command.CommandResult;
import io.callwire.core.command.CompleteTransfer;
import io.callwire.core.command.Conference;
import io.callwire.core.command.Consult;
import io.callwire.core.command.CtiCommand;
import io.callwire.core.command.HangUp;
import io.callwire.core.command.Hold;
import io.callwire.core.command.MakeCall;
import io.callwire.core.command.Redirect;
import io.callwire.core.command.Retrieve;
import io.callwire.core.command.SendDtmf;
import io.callwire.core.command.SwitchRejectedException;
import io.callwire.core.model.LegState;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Turns commands into CSTA service requests, naming the switch's current call and connection ids for the
 * library's call and leg ids, and turns the positive responses into {@link CommandResult}s. A command naming a
 * call, leg or agent the switch no longer knows fails with {@link SwitchRejectedException}. Event loop only.
 */
final class CommandTranslator {
    /** Commands the adapter carries out. */
    static final Set<Class<? extends CtiCommand>> SUPPORTED = Set.of(MakeCall.class, Answer.class, HangUp.class,
            Hold.class, Retrieve.class, Consult.class, CompleteTransfer.class, CancelConsult.class, Conference.class,
            BlindTransfer.class, Redirect.class, SendDtmf.class, AgentLogin.class, AgentLogout.class,
            AgentReady.class, AgentNotReady.class, AgentWrapUp.class);

    /** A request to send and how to read its positive response. */
    record Plan(XmlElement request, Function<XmlElement, CommandResult> result) {
    }

    private final String switchId;
    private final Set<String> monitored;
    private final CallBook book;
    private final EventTranslator events;

    CommandTranslator(String switchId, Set<String> monitored, CallBook book, EventTranslator events) {
        this.switchId = switchId;
        this.monitored = Set.copyOf(monitored);
        this.book = book;
        this.events = events;
    }

    /**
     * The request for a command.
     *
     * @throws SwitchRejectedException when the command names something the switch does not know
     */
    Plan plan(CtiCommand command) {
        if (command instanceof MakeCall c) {
            List<XmlElement> body = new ArrayList<>(List.of(XmlElement.leaf("callingDevice", c.fromDevice()),
                    XmlElement.leaf("calledDirectoryNumber", c.destination()), XmlElement.leaf("autoOriginate", "doNotPrompt")));
            if (!c.data().isEmpty()) {
                body.add(XmlElement.of("userData", XmlElement.leaf("string", userData(c.data()))));
            }
            return new Plan(XmlElement.of("MakeCall", body), r -> created(r, "callingDevice"));
        }
        if (command instanceof Answer c) {
            Conn conn = leg(c.callId(), c.legId(), x -> x.state == LegState.ALERTING);
            return simple(XmlElement.of("AnswerCall", connection("callToBeAnswered", conn)), conn);
        }
        if (command instanceof HangUp c) {
            if (c.legId().isEmpty()) {
                Conn any = leg(c.callId(), "", x -> true);
                return simple(XmlElement.of("ClearCall", connection("callToBeCleared", any)), any);
            }
            Conn conn = leg(c.callId(), c.legId(), x -> true);
            return simple(XmlElement.of("ClearConnection", connection("connectionToBeCleared", conn)), conn);
        }
        if (command instanceof Hold c) {
            Conn conn = leg(c.callId(), c.legId(), x -> x.state == LegState.CONNECTED);
            return simple(XmlElement.of("HoldCall", connection("callToBeHeld", conn)), conn);
        }
        if (command instanceof Retrieve c) {
            Conn conn = leg(c.callId(), c.legId(), x -> x.state == LegState.HELD);
            return simple(XmlElement.of("RetrieveCall", connection("callToBeRetrieved", conn)), conn);
        }
        if (command instanceof Consult c) {
            Conn conn = leg(c.callId(), c.legId(), x -> x.state == LegState.CONNECTED || x.state == LegState.HELD);
            return new Plan(XmlElement.of("ConsultationCall", connection("existingCall", conn),
                    XmlElement.leaf("consultedDevice", c.destination())), r -> created(r, "initiatedCall"));
        }
        if (command instanceof CompleteTransfer c) {
            Conn[] pair = pair(c.callId(), c.consultCallId());
            return new Plan(XmlElement.of("TransferCall", connection("heldCall", pair[0]), connection("activeCall", pair[1])),
                    r -> new CommandResult(pair[0].call.libraryId, "", "TransferCallResponse"));
        }
        if (command instanceof Conference c) {
            Conn[] pair = pair(c.callId(), c.consultCallId());
            return new Plan(XmlElement.of("ConferenceCall", connection("heldCall", pair[0]), connection("activeCall", pair[1])),
                    r -> new CommandResult(pair[0].call.libraryId, "", "ConferenceCallResponse"));
        }
        if (command instanceof CancelConsult c) {
            Conn[] pair = pair(c.callId(), c.consultCallId());
            return new Plan(XmlElement.of("ReconnectCall", connection("activeCall", pair[1]), connection("heldCall", pair[0])),
                    r -> new CommandResult(pair[0].call.libraryId, pair[0].legId, "ReconnectCallResponse"));
        }
        if (command instanceof BlindTransfer c) {
            Conn conn = leg(c.callId(), c.legId(), x -> x.state == LegState.CONNECTED || x.state == LegState.ALERTING);
            return new Plan(XmlElement.of("SingleStepTransferCall", connection("activeCall", conn),
                    XmlElement.leaf("transferredTo", c.destination())),
                    r -> new CommandResult(conn.call.libraryId, "", "SingleStepTransferCallResponse"));
        }
        if (command instanceof Redirect c) {
            Conn conn = leg(c.callId(), c.legId(), x -> x.state == LegState.ALERTING || x.state == LegState.QUEUED);
            return simple(XmlElement.of("DeflectCall", connection("callToBeDiverted", conn),
                    XmlElement.leaf("newDestination", c.destination())), conn);
        }
        if (command instanceof SendDtmf c) {
            Conn conn = leg(c.callId(), c.legId(), x -> x.state == LegState.CONNECTED);
            return simple(XmlElement.of("GenerateDigits", connection("connectionToSendDigits", conn),
                    XmlElement.leaf("charactersToSend", c.digits())), conn);
        }
        if (command instanceof AgentLogin c) {
            events.agentAt(c.agentId(), c.deviceId());
            List<XmlElement> body = new ArrayList<>(agentBody(c.deviceId(), "loggedOn", c.agentId()));
            for (String queue : c.queues()) {
                body.add(XmlElement.leaf("group", queue));
            }
            return agent(body);
        }
        if (command instanceof AgentLogout c) {
            return agent(agentBody(device(c.agentId()), "loggedOff", c.agentId()));
        }
        if (command instanceof AgentReady c) {
            return agent(agentBody(device(c.agentId()), "ready", c.agentId()));
        }
        if (command instanceof AgentNotReady c) {
            return agent(withReason(agentBody(device(c.agentId()), "notReady", c.agentId()), c.reason()));
        }
        if (command instanceof AgentWrapUp c) {
            return agent(withReason(agentBody(device(c.agentId()), "workingAfterCall", c.agentId()), c.reason()));
        }
        throw new SwitchRejectedException(switchId, command.getClass().getSimpleName() + " is not supported over CSTA");
    }

    /** The GetAgentState request polling a station. */
    static XmlElement getAgentState(String device) {
        return XmlElement.of("GetAgentState", XmlElement.leaf("device", device));
    }

    /** The SnapshotDevice request of a device. */
    static XmlElement snapshotDevice(String device) {
        return XmlElement.of("SnapshotDevice", XmlElement.leaf("snapshotObject", device));
    }

    private Plan simple(XmlElement request, Conn conn) {
        String name = request.name() + "Response";
        return new Plan(request, r -> new CommandResult(conn.call.libraryId, conn.legId, name));
    }

    private Plan agent(List<XmlElement> body) {
        return new Plan(XmlElement.of("SetAgentState", body), r -> CommandResult.ok("SetAgentStateResponse"));
    }

    private static List<XmlElement> agentBody(String device, String state, String agentId) {
        List<XmlElement> body = new ArrayList<>();
        body.add(XmlElement.leaf("device", device));
        body.add(XmlElement.leaf("requestedAgentState", state));
        body.add(XmlElement.leaf("agentID", agentId));
        return body;
    }

    private static List<XmlElement> withReason(List<XmlElement> body, String reason) {
        if (!reason.isEmpty()) {
            body.add(XmlElement.of("extensions", XmlElement.of("privateData", XmlElement.of("private",
                    XmlElement.leaf("reasonCode", reason)).inNamespace(XmlCodec.AVAYA_NS))));
        }
        return body;
    }

    private String device(String agentId) {
        String device = events.deviceOf(agentId);
        if (device.isEmpty()) {
            throw new SwitchRejectedException(switchId, "agent " + agentId + " has not been seen at any station; log in first");
        }
        return device;
    }

    /** The new call and the caller's connection from a MakeCall or ConsultationCall response. */
    private CommandResult created(XmlElement response, String element) {
        CstaIds.ConnectionId id = CstaIds.connection(response, element);
        if (id.isEmpty()) {
            return new CommandResult("", "", response.name());
        }
        String callId = book.call(id.callId()).map(c -> c.libraryId).orElse(id.callId());
        String legId = book.call(id.callId()).flatMap(c -> java.util.Optional.ofNullable(c.conns.get(id.deviceId())))
                .map(c -> c.legId).orElse(id.callId() + ":" + id.deviceId());
        return new CommandResult(callId, legId, response.name());
    }

    private BookCall call(String callId) {
        return book.callForCommand(callId).orElseThrow(() ->
                new SwitchRejectedException(switchId, "call " + callId + " is not known to the switch"));
    }

    /**
     * The named leg, or when none is named the live connection of a monitored device that fits (e.g. the ringing
     * station for an answer).
     */
    private Conn leg(String callId, String legId, Predicate<Conn> fits) {
        BookCall call = call(callId);
        if (!legId.isEmpty()) {
            Conn conn = book.leg(legId).filter(c -> c.call == call && !c.state.isTerminal()).orElseThrow(() ->
                    new SwitchRejectedException(switchId, "leg " + legId + " of call " + callId + " is not known to the switch"));
            return conn;
        }
        Conn fallback = null;
        for (Conn c : call.live()) {
            if (monitored.contains(c.device) && fits.test(c)) {
                return c;
            }
            if (fallback == null && fits.test(c)) {
                fallback = c;
            }
        }
        if (fallback == null) {
            throw new SwitchRejectedException(switchId, "call " + callId + " has no party the command can act on");
        }
        return fallback;
    }

    /** The connections of the one monitored device that is in both calls: held in the first, active in the second. */
    private Conn[] pair(String heldCallId, String consultCallId) {
        BookCall held = call(heldCallId);
        BookCall consult = call(consultCallId);
        for (Conn h : held.live()) {
            for (Conn a : consult.live()) {
                if (h.device.equals(a.device)) {
                    return new Conn[]{h, a};
                }
            }
        }
        throw new SwitchRejectedException(switchId, "calls " + heldCallId + " and " + consultCallId + " share no party");
    }

    private static XmlElement connection(String name, Conn conn) {
        return CstaIds.connectionElement(name, conn.call.nativeId, conn.connectionDevice);
    }

    /** Call data for the UUI of a new call: the value of key {@code uui} as it is, else {@code key=value;...}. */
    private static String userData(Map<String, String> data) {
        if (data.containsKey("uui")) {
            return data.get("uui");
        }
        StringJoiner j = new StringJoiner(";");
        data.forEach((k, v) -> j.add(k + "=" + v));
        return j.toString();
    }
}
