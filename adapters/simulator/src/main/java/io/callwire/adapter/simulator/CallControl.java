package io.callwire.adapter.simulator;

import io.callwire.core.command.AgentLogin;
import io.callwire.core.command.AgentLogout;
import io.callwire.core.command.AgentNotReady;
import io.callwire.core.command.AgentReady;
import io.callwire.core.command.AgentWrapUp;
import io.callwire.core.command.Answer;
import io.callwire.core.command.AttachData;
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
import io.callwire.core.command.Monitor;
import io.callwire.core.command.Redirect;
import io.callwire.core.command.Retrieve;
import io.callwire.core.command.SendDtmf;
import io.callwire.core.command.StartRecording;
import io.callwire.core.command.StopRecording;
import io.callwire.core.command.SwitchRejectedException;
import io.callwire.core.event.DtmfReceived;
import io.callwire.core.event.RecordingStarted;
import io.callwire.core.event.RecordingStopped;
import io.callwire.core.model.AgentState;
import io.callwire.core.model.LegRole;
import io.callwire.core.model.LegState;

import java.util.Locale;

/**
 * Carries out the commands of the command API on the simulated switch at the current virtual time. A command
 * the switch cannot do (unknown call, leg or destination, a leg in the wrong state, a busy station) fails with
 * {@link SwitchRejectedException} and a reason, and changes nothing. Runs on the simulator thread only.
 */
final class CallControl {
    private final ContactCenter center;
    private final String switchId;

    CallControl(ContactCenter center, String switchId) {
        this.center = center;
        this.switchId = switchId;
    }

    /**
     * Carries out a command.
     *
     * @throws SwitchRejectedException when the simulated switch cannot do it, with the reason
     */
    CommandResult execute(CtiCommand command) {
        if (command instanceof MakeCall c) {
            return makeCall(c);
        } else if (command instanceof Answer c) {
            SimLeg leg = c.legId().isEmpty() ? ringingLeg(call(c.callId())) : leg(c.callId(), c.legId());
            require(leg.state == LegState.ALERTING, "leg " + leg.id + " is " + leg.state + ", not ALERTING");
            center.answer(leg);
            return result(leg, "answered");
        } else if (command instanceof HangUp c) {
            return hangUp(c);
        } else if (command instanceof Hold c) {
            SimLeg leg = legOrCaller(c.callId(), c.legId());
            require(center.setHeld(leg, true), "leg " + leg.id + " is " + leg.state + ", not CONNECTED");
            return result(leg, "held");
        } else if (command instanceof Retrieve c) {
            SimLeg leg = legOrCaller(c.callId(), c.legId());
            require(center.setHeld(leg, false), "leg " + leg.id + " is " + leg.state + ", not HELD");
            return result(leg, "retrieved");
        } else if (command instanceof BlindTransfer c) {
            return blindTransfer(c);
        } else if (command instanceof Consult c) {
            return consult(c);
        } else if (command instanceof CompleteTransfer c) {
            SimCall call = call(c.callId());
            SimCall consult = answeredConsultation(call, c.consultCallId());
            center.completeTransfer(call, consult);
            return new CommandResult(call.id, consult.consulted.id, "transfer completed");
        } else if (command instanceof CancelConsult c) {
            SimCall call = call(c.callId());
            center.cancelConsult(call, consultation(call, c.consultCallId()));
            return new CommandResult(call.id, "", "consultation cancelled");
        } else if (command instanceof Conference c) {
            SimCall call = call(c.callId());
            SimCall consult = answeredConsultation(call, c.consultCallId());
            center.conference(call, consult);
            return new CommandResult(call.id, consult.consulted.id, "conferenced");
        } else if (command instanceof Redirect c) {
            return redirect(c);
        } else if (command instanceof SendDtmf c) {
            SimLeg leg = legOrCaller(c.callId(), c.legId());
            require(leg.state == LegState.CONNECTED, "leg " + leg.id + " is " + leg.state + ", not CONNECTED");
            for (char digit : c.digits().toCharArray()) {
                center.emit(new DtmfReceived(center.env(leg.call.id, leg.id, leg.device), String.valueOf(digit)));
            }
            return result(leg, "sent " + c.digits());
        } else if (command instanceof StartRecording c) {
            SimCall call = call(c.callId());
            require(call.recordingId.isEmpty(), "call " + call.id + " is already being recorded");
            String recordingId = center.startRecording(call);
            String location = c.location().isEmpty() ? "recordings/" + call.id + ".wav" : c.location();
            center.emit(new RecordingStarted(center.env(call.id, "", ""), recordingId, location));
            return new CommandResult(call.id, "", recordingId);
        } else if (command instanceof StopRecording c) {
            SimCall call = call(c.callId());
            require(!call.recordingId.isEmpty(), "call " + call.id + " is not being recorded");
            String recordingId = call.recordingId;
            call.recordingId = "";
            center.emit(new RecordingStopped(center.env(call.id, "", ""), recordingId));
            return new CommandResult(call.id, "", recordingId);
        } else if (command instanceof Monitor c) {
            SimCall call = call(c.callId());
            require(call.parties().stream().anyMatch(l -> l.state == LegState.CONNECTED || l.state == LegState.HELD),
                    "call " + call.id + " has no answered party to monitor");
            SimAgent station = center.agentAt(c.supervisorDevice());
            require(station == null || station.idle(), "station " + c.supervisorDevice() + " is busy");
            SimLeg leg = center.monitor(call, c.supervisorDevice());
            return result(leg, c.mode().name().toLowerCase(Locale.ROOT));
        } else if (command instanceof AttachData c) {
            SimCall call = call(c.callId());
            center.attach(call, c.data());
            return new CommandResult(call.id, "", "attached");
        }
        return agentCommand(command);
    }

    // ---------------------------------------------------------------- calls

    private CommandResult makeCall(MakeCall c) {
        String from = c.fromDevice();
        String destination = c.destination();
        String queue = center.queueOf(destination);
        if (center.isExternal(from)) {
            SimAgent target = queue == null ? idleStation(destination) : null;
            SimCall call = center.inbound(from, queue != null ? center.queueNumber(queue) : destination, false);
            center.attach(call, c.data());
            if (queue != null) {
                center.enqueue(call, queue);
            } else {
                center.ring(call, target, LegRole.AGENT);
            }
            return new CommandResult(call.id, call.caller().id, "inbound call from " + from);
        }
        SimAgent caller = center.agentAt(from);
        require(caller != null, "unknown calling device " + from + "; call from a station or an external number");
        require(caller.idle(), "station " + from + " is busy");
        require(!from.equals(destination), "station " + from + " cannot call itself");
        if (queue == null && !center.isExternal(destination)) {
            idleStation(destination);
        }
        SimLeg own = center.dial(caller, destination, c.data());
        return new CommandResult(own.call.id, own.id, "calling " + destination);
    }

    private CommandResult hangUp(HangUp c) {
        SimCall call = call(c.callId());
        if (c.legId().isEmpty()) {
            center.endCall(call, "normal");
            return new CommandResult(call.id, "", "call cleared");
        }
        SimLeg leg = leg(c.callId(), c.legId());
        require(leg.live(), "leg " + leg.id + " is already " + leg.state);
        center.hangUp(leg, "normal");
        return result(leg, "leg cleared");
    }

    private CommandResult blindTransfer(BlindTransfer c) {
        SimLeg from = transferring(c.callId(), c.legId());
        SimCall call = from.call;
        require(call.parties().size() == 2, "call " + call.id + " has " + call.parties().size()
                + " parties; a blind transfer needs two");
        checkDestination(c.destination(), from, true);
        if (center.queueOf(c.destination()) != null) {
            for (SimLeg other : call.parties()) {
                require(other == from || other.state == LegState.CONNECTED || other.state == LegState.HELD,
                        "leg " + other.id + " is " + other.state + "; only a party that answered can wait in queue "
                                + c.destination());
            }
        }
        center.blindTransfer(from, c.destination());
        return new CommandResult(call.id, from.id, "transferred to " + c.destination());
    }

    private CommandResult consult(Consult c) {
        SimLeg from = transferring(c.callId(), c.legId());
        require(center.consultationFrom(from) == null, "leg " + from.id + " is already consulting");
        require(center.queueOf(c.destination()) == null,
                "consult a station or an external number, not queue " + c.destination());
        checkDestination(c.destination(), from, false);
        SimCall consult = center.consult(from, c.destination());
        return new CommandResult(consult.id, consult.caller().id, "consulting " + c.destination());
    }

    private CommandResult redirect(Redirect c) {
        SimCall call = call(c.callId());
        SimLeg leg = c.legId().isEmpty() ? redirectable(call) : leg(c.callId(), c.legId());
        if (leg.state == LegState.QUEUED) {
            SimLeg ringing = ringingLeg(call, null);
            require(ringing == null, "call " + call.id + " is already ringing at "
                    + (ringing == null ? "" : ringing.device) + "; hang that leg up first");
            require(!c.destination().equals(call.queue), "call " + call.id + " already waits in " + call.queue);
            checkDestination(c.destination(), leg, true);
            center.redirectQueued(call, c.destination());
            return result(leg, "redirected to " + c.destination());
        }
        require(leg.state == LegState.ALERTING && leg.agent != null,
                "leg " + leg.id + " is " + leg.state + "; only queued or ringing calls can be redirected");
        require(center.queueOf(c.destination()) == null || !call.isConsultation() && call.parties().size() == 2,
                "only a call with one party waiting for " + leg.device + " can be redirected to a queue");
        require(!c.destination().equals(leg.device), "leg " + leg.id + " already rings at " + leg.device);
        checkDestination(c.destination(), leg, true);
        center.redirectRinging(leg, c.destination());
        return result(leg, "redirected to " + c.destination());
    }

    // ---------------------------------------------------------------- agents

    private CommandResult agentCommand(CtiCommand command) {
        if (command instanceof AgentLogin c) {
            SimAgent agent = agent(c.agentId());
            require(agent.station.equals(c.deviceId()), "agent " + agent.id + " works at station " + agent.station);
            require(!agent.loggedIn(), "agent " + agent.id + " is already logged in");
            for (String queue : c.queues()) {
                require(center.queueOf(queue) != null, "unknown queue " + queue);
            }
            center.agentState(agent, AgentState.NOT_READY, "login");
        } else if (command instanceof AgentLogout c) {
            SimAgent agent = loggedIn(c.agentId());
            require(agent.idle(), "agent " + agent.id + " is on a call");
            agent.cancelPlan();
            center.agentState(agent, AgentState.LOGGED_OUT, "");
        } else if (command instanceof AgentReady c) {
            changeState(loggedIn(c.agentId()), AgentState.READY, "");
        } else if (command instanceof AgentNotReady c) {
            SimAgent agent = loggedIn(c.agentId());
            changeState(agent, AgentState.NOT_READY, c.reason());
            if (agent.idle()) {
                center.tookBreak(agent);
            }
        } else if (command instanceof AgentWrapUp c) {
            changeState(loggedIn(c.agentId()), AgentState.WRAP_UP, c.reason());
        } else {
            throw reject("the simulator does not know the command " + command.getClass().getSimpleName());
        }
        return new CommandResult("", "", "agent state changed");
    }

    /**
     * Sets a logged-in agent's state. On a call the state takes effect at once and the agent stays on the call;
     * after it, no wrap-up follows (the agent is already where it asked to be).
     */
    private void changeState(SimAgent agent, AgentState state, String reason) {
        if (agent.idle()) {
            agent.cancelPlan();
        }
        center.agentState(agent, state, reason);
    }

    // ---------------------------------------------------------------- lookups that reject with a reason

    private SimCall call(String callId) {
        SimCall call = center.call(callId);
        require(call != null, "no active call " + callId);
        return call;
    }

    private SimLeg leg(String callId, String legId) {
        SimLeg leg = call(callId).leg(legId);
        require(leg != null, "call " + callId + " has no leg " + legId);
        return leg;
    }

    private SimLeg legOrCaller(String callId, String legId) {
        return legId.isEmpty() ? call(callId).caller() : leg(callId, legId);
    }

    private SimLeg ringingLeg(SimCall call) {
        SimLeg leg = ringingLeg(call, null);
        require(leg != null, "call " + call.id + " has no ALERTING leg");
        return leg;
    }

    private static SimLeg ringingLeg(SimCall call, SimLeg none) {
        for (SimLeg leg : call.legs) {
            if (leg.state == LegState.ALERTING) {
                return leg;
            }
        }
        return none;
    }

    /** The leg a Redirect without a leg id means: the queued party, else the ringing station. */
    private SimLeg redirectable(SimCall call) {
        SimLeg queued = call.queuedParty;
        return queued != null && queued.state == LegState.QUEUED ? queued : ringingLeg(call);
    }

    /** The connected station leg that transfers or consults: the named one, or the call's agent. */
    private SimLeg transferring(String callId, String legId) {
        SimLeg leg = legId.isEmpty() ? center.agentLegOf(call(callId)) : leg(callId, legId);
        require(leg != null && leg.agent != null && leg.state == LegState.CONNECTED
                        && leg.role != LegRole.SUPERVISOR && leg.role != LegRole.CONSULT,
                "call " + callId + " has no connected agent leg to transfer from");
        require(!leg.call.isConsultation(), "call " + callId + " is a consultation; complete or cancel it instead");
        return leg;
    }

    /** The live consultation {@code consultId} made from {@code call}. */
    private SimCall consultation(SimCall call, String consultId) {
        SimCall consult = call(consultId);
        require(consult.isConsultation() && consult != call, "call " + consultId + " is not a consultation");
        require(consult.parent == call, "consultation " + consultId + " was not made from call " + call.id);
        require(consult.consulting.live(), "the consulting party of " + consultId + " has left call " + call.id);
        return consult;
    }

    private SimCall answeredConsultation(SimCall call, String consultId) {
        SimCall consult = consultation(call, consultId);
        require(consult.consulted.state == LegState.CONNECTED, "consultation " + consultId + " is not answered yet");
        return consult;
    }

    /** A destination a call can go to: a queue (when allowed), an idle station other than the leg's, or a number. */
    private void checkDestination(String destination, SimLeg leg, boolean queueAllowed) {
        if (queueAllowed && center.queueOf(destination) != null || center.isExternal(destination)) {
            return;
        }
        require(!destination.equals(leg.device), "leg " + leg.id + " is already at " + destination);
        idleStation(destination);
    }

    private SimAgent idleStation(String station) {
        SimAgent target = center.agentAt(station);
        require(target != null, "unknown destination " + station);
        require(target.idle(), "station " + station + " is busy");
        return target;
    }

    private SimAgent agent(String agentId) {
        SimAgent agent = center.agent(agentId);
        require(agent != null, "unknown agent " + agentId);
        return agent;
    }

    private SimAgent loggedIn(String agentId) {
        SimAgent agent = agent(agentId);
        require(agent.loggedIn(), "agent " + agentId + " is logged out");
        return agent;
    }

    private static CommandResult result(SimLeg leg, String detail) {
        return new CommandResult(leg.call.id, leg.id, detail);
    }

    private void require(boolean condition, String reason) {
        if (!condition) {
            throw reject(reason);
        }
    }

    private SwitchRejectedException reject(String reason) {
        return new SwitchRejectedException(switchId, reason);
    }
}
