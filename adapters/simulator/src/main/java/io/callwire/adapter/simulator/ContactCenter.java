package io.callwire.adapter.simulator;

import io.callwire.core.event.AgentStateChanged;
import io.callwire.core.event.CallAbandoned;
import io.callwire.core.event.CallConferenced;
import io.callwire.core.event.CallDataChanged;
import io.callwire.core.event.CallDiverted;
import io.callwire.core.event.CallQueued;
import io.callwire.core.event.CallStarted;
import io.callwire.core.event.CallTransferred;
import io.callwire.core.event.CtiEvent;
import io.callwire.core.event.Envelope;
import io.callwire.core.event.LegAlerting;
import io.callwire.core.event.LegCleared;
import io.callwire.core.event.LegConnected;
import io.callwire.core.event.LegCreated;
import io.callwire.core.event.LegHeld;
import io.callwire.core.event.LegRetrieved;
import io.callwire.core.event.RecordingStopped;
import io.callwire.core.event.TransferKind;
import io.callwire.core.model.AgentState;
import io.callwire.core.model.DeviceType;
import io.callwire.core.model.Direction;
import io.callwire.core.model.LegRole;
import io.callwire.core.model.LegState;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The simulated switch: its agents, queues and calls, and the operations on them (ring, answer, hold,
 * transfer, consult, conference, hang up) that both the traffic and the commands use. Every operation emits
 * the normalized events of what it did, in order, stamped with the virtual time. Runs on the simulator thread
 * only; it makes no random decisions itself (those are the {@link TrafficModel}'s), so it is deterministic.
 */
final class ContactCenter {
    /** An external number: optional {@code +} and 5 to 15 digits (stations and queue numbers have four). */
    private static final Pattern EXTERNAL = Pattern.compile("\\+?[0-9]{5,15}");

    private final SimulatorConfig config;
    private final Agenda agenda;
    private final Consumer<CtiEvent> out;
    private final TrafficModel traffic;
    private final Map<String, SimAgent> agentsById = new LinkedHashMap<>();
    private final Map<String, SimAgent> agentsByStation = new LinkedHashMap<>();
    private final Map<String, ArrayDeque<SimCall>> lines = new LinkedHashMap<>();
    /** Live calls by id and by the ids of consultations merged into them. */
    private final Map<String, SimCall> calls = new LinkedHashMap<>();
    private long callCounter;
    private long legCounter;
    private long recordingCounter;
    private long readyCounter;

    ContactCenter(SimulatorConfig config, Agenda agenda, Consumer<CtiEvent> out) {
        this.config = config;
        this.agenda = agenda;
        this.out = out;
        for (int n = 1; n <= config.agents(); n++) {
            String id = SimulatorConfig.agentId(n);
            SimAgent agent = new SimAgent(id, SimulatorConfig.station(n), config.manualAgents().contains(id));
            agentsById.put(id, agent);
            agentsByStation.put(agent.station, agent);
        }
        for (String queue : config.queues()) {
            lines.put(queue, new ArrayDeque<>());
        }
        this.traffic = new TrafficModel(config, agenda, this);
    }

    /** Logs the auto agents in (READY), reports the manual ones LOGGED_OUT, and starts the traffic. */
    void open() {
        for (SimAgent agent : agentsById.values()) {
            agentState(agent, agent.manual ? AgentState.LOGGED_OUT : AgentState.READY, "");
        }
        traffic.start();
    }

    TrafficModel traffic() {
        return traffic;
    }

    // ---------------------------------------------------------------- lookups

    /** The live call with this id (or the id of a consultation merged into it), or null. */
    SimCall call(String callId) {
        return calls.get(callId);
    }

    boolean isLive(SimCall call) {
        return calls.get(call.id) == call;
    }

    SimAgent agent(String agentId) {
        return agentsById.get(agentId);
    }

    /** The agent working at a station, or null when the device is no station of this switch. */
    SimAgent agentAt(String station) {
        return agentsByStation.get(station);
    }

    /** The queue a destination names by name or number (5000, 5001, ..), or null. */
    String queueOf(String destination) {
        if (lines.containsKey(destination)) {
            return destination;
        }
        for (int i = 0; i < config.queues().size(); i++) {
            if (Integer.toString(SimulatorConfig.FIRST_QUEUE_NUMBER + i).equals(destination)) {
                return config.queues().get(i);
            }
        }
        return null;
    }

    String queueNumber(String queue) {
        return Integer.toString(SimulatorConfig.FIRST_QUEUE_NUMBER + config.queues().indexOf(queue));
    }

    /** Whether a device is a number outside the switch (and no station or queue of it). */
    boolean isExternal(String device) {
        return EXTERNAL.matcher(device).matches() && agentAt(device) == null && queueOf(device) == null;
    }

    /** The longest-idle agent that is READY with nothing at its station, auto agents only if asked; or null. */
    SimAgent longestIdle(boolean autoOnly) {
        SimAgent best = null;
        for (SimAgent agent : agentsById.values()) {
            if (agent.available() && !(autoOnly && agent.manual) && (best == null || idleLonger(agent, best))) {
                best = agent;
            }
        }
        return best;
    }

    private static boolean idleLonger(SimAgent agent, SimAgent than) {
        return agent.readySince != than.readySince ? agent.readySince < than.readySince : agent.readyOrder < than.readyOrder;
    }

    /** Puts an agent at the back of the idle line. */
    private void idleFromNow(SimAgent agent) {
        agent.readySince = agenda.now();
        agent.readyOrder = ++readyCounter;
    }

    /** A live leg of the call with an agent at a station (the agent's, or the station's of an internal call). */
    SimLeg agentLegOf(SimCall call) {
        SimLeg any = null;
        for (SimLeg leg : call.legs) {
            if (leg.live() && leg.agent != null && leg.role != LegRole.SUPERVISOR && leg.role != LegRole.CONSULT) {
                if (leg.role == LegRole.AGENT) {
                    return leg;
                }
                any = any == null ? leg : any;
            }
        }
        return any;
    }

    /** The live consultation made from this leg, or null. */
    SimCall consultationFrom(SimLeg leg) {
        for (SimCall call : calls.values()) {
            if (call.consulting == leg) {
                return call;
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- starting calls

    /** A call arriving from an external number on a trunk: CallStarted(INBOUND) and the caller's leg (INITIATED). */
    SimCall inbound(String ani, String dnis, boolean generated) {
        SimCall call = newCall(Direction.INBOUND, ani, dnis, null, generated);
        newLeg(call, ani, LegRole.CALLER, LegState.INITIATED, DeviceType.TRUNK, null);
        return call;
    }

    /**
     * A station dials a station, queue or external number: the calling station's leg (INITIATED), then the
     * called party rings or the call queues. Returns the calling leg. The calling agent is BUSY meanwhile.
     */
    SimLeg dial(SimAgent caller, String destination, Map<String, String> data) {
        String queue = queueOf(destination);
        SimAgent target = agentAt(destination);
        Direction direction = queue != null || target != null ? Direction.INTERNAL : Direction.OUTBOUND;
        SimCall call = newCall(direction, caller.station, queue != null ? queueNumber(queue) : destination, null, false);
        SimLeg own = newLeg(call, caller.station, LegRole.CALLER, LegState.INITIATED, DeviceType.STATION, caller);
        attach(call, data);
        if (caller.loggedIn() && caller.state != AgentState.BUSY) {
            caller.cancelPlan();
            agentState(caller, AgentState.BUSY, "");
        }
        if (queue != null) {
            enqueue(call, queue);
        } else if (target != null) {
            ring(call, target, LegRole.CALLED);
        } else {
            ringExternal(call, destination);
        }
        return own;
    }

    void attach(SimCall call, Map<String, String> data) {
        if (!data.isEmpty()) {
            emit(new CallDataChanged(env(call.id, "", ""), data));
        }
    }

    // ---------------------------------------------------------------- queues

    /**
     * The call's only party left (the caller, or the party a transfer sends on) waits in a queue, taken off
     * hold first: CallQueued on its leg, then the switch may offer the call.
     */
    void enqueue(SimCall call, String queue) {
        List<SimLeg> parties = call.parties();
        if (parties.size() != 1) {
            throw new IllegalStateException("call " + call.id + " has parties " + parties + "; one alone can queue");
        }
        SimLeg party = parties.get(0);
        setHeld(party, false);
        move(party, LegState.QUEUED);
        leaveLine(call);
        call.queue = queue;
        call.queuedAt = agenda.now();
        call.queuedParty = party;
        emit(new CallQueued(env(call.id, party.id, queue), queue));
        lines.get(queue).addLast(call);
        call.inLine = true;
        traffic.queued(call);
        distribute();
    }

    /** A queued caller whose offer was refused or withdrawn waits again at the head of its queue. */
    private void backToLine(SimCall call) {
        lines.get(call.queue).addFirst(call);
        call.inLine = true;
        traffic.queued(call);
    }

    private void leaveLine(SimCall call) {
        if (call.inLine) {
            lines.get(call.queue).remove(call);
            call.inLine = false;
        }
    }

    /** The caller's patience ran out while waiting: CallAbandoned, then its leg clears. */
    void abandon(SimCall call) {
        if (!call.inLine || !isLive(call)) {
            return;
        }
        leaveLine(call);
        SimLeg party = call.queuedParty;
        emit(new CallAbandoned(env(call.id, party.id, call.queue), call.queue, agenda.now() - call.queuedAt));
        endCall(call, "abandoned", party);
    }

    /**
     * With switch routing, hands waiting calls to the longest-idle available agents while both exist, the
     * longest-waiting call first (every agent serves every queue).
     */
    void distribute() {
        if (!config.switchRouting()) {
            return;
        }
        while (true) {
            ArrayDeque<SimCall> line = longestWaitingLine();
            SimAgent agent = line == null ? null : longestIdle(false);
            if (agent == null) {
                return;
            }
            SimCall call = line.pollFirst();
            call.inLine = false;
            ring(call, agent, LegRole.AGENT);
        }
    }

    private ArrayDeque<SimCall> longestWaitingLine() {
        ArrayDeque<SimCall> best = null;
        for (ArrayDeque<SimCall> line : lines.values()) {
            if (!line.isEmpty() && (best == null || line.peekFirst().queuedAt < best.peekFirst().queuedAt)) {
                best = line;
            }
        }
        return best;
    }

    // ---------------------------------------------------------------- ringing and answering

    /** A station rings for the call: LegCreated(ALERTING) and LegAlerting. The caller stops counting patience. */
    SimLeg ring(SimCall call, SimAgent agent, LegRole role) {
        call.cancelPatience();
        SimLeg leg = newLeg(call, agent.station, role, LegState.ALERTING, DeviceType.STATION, agent);
        emit(new LegAlerting(env(call.id, leg.id, leg.device)));
        traffic.ringing(leg);
        return leg;
    }

    /** An external number rings for the call (it answers after a while). */
    SimLeg ringExternal(SimCall call, String number) {
        call.cancelPatience();
        SimLeg leg = newLeg(call, number, LegRole.CALLED, LegState.ALERTING, DeviceType.EXTERNAL, null);
        emit(new LegAlerting(env(call.id, leg.id, leg.device)));
        traffic.ringing(leg);
        return leg;
    }

    /**
     * The ringing leg answers: LegConnected for it, then for the parties waiting for it (the caller's leg,
     * INITIATED or QUEUED). An agent answering is BUSY.
     */
    void answer(SimLeg leg) {
        SimCall call = leg.call;
        move(leg, LegState.CONNECTED);
        emit(new LegConnected(env(call.id, leg.id, leg.device)));
        for (SimLeg other : new ArrayList<>(call.legs)) {
            if (other != leg && (other.state == LegState.INITIATED || other.state == LegState.QUEUED)) {
                if (other.state == LegState.QUEUED) {
                    leaveLine(call);
                }
                move(other, LegState.CONNECTED);
                emit(new LegConnected(env(call.id, other.id, other.device)));
            }
        }
        SimAgent agent = leg.agent;
        if (agent != null && agent.loggedIn() && agent.state != AgentState.BUSY) {
            agentState(agent, AgentState.BUSY, "");
        }
        traffic.answered(leg);
    }

    /** Holds a connected leg or retrieves a held one; false, changing nothing, when it is in neither state. */
    boolean setHeld(SimLeg leg, boolean held) {
        if (leg.state != (held ? LegState.CONNECTED : LegState.HELD)) {
            return false;
        }
        move(leg, held ? LegState.HELD : LegState.CONNECTED);
        Envelope env = env(leg.call.id, leg.id, leg.device);
        emit(held ? new LegHeld(env) : new LegRetrieved(env));
        return true;
    }

    private void retrieveHeld(SimCall call) {
        for (SimLeg leg : new ArrayList<>(call.legs)) {
            setHeld(leg, false);
        }
    }

    // ---------------------------------------------------------------- transfers, consultations, conferences

    /**
     * The transferring leg leaves and the call goes on to a queue, a station or an external number:
     * LegCleared(transferred), CallTransferred(BLIND), then CallQueued or a ringing leg; the transferring agent
     * goes into wrap-up last.
     */
    void blindTransfer(SimLeg from, String destination) {
        SimCall call = from.call;
        SimAgent transferring = detach(from, "transferred");
        emit(new CallTransferred(env(call.id, "", ""), List.of(), TransferKind.BLIND, from.device, destination));
        String queue = queueOf(destination);
        if (queue != null) {
            enqueue(call, queue);
        } else {
            retrieveHeld(call);
            SimAgent target = agentAt(destination);
            if (target != null) {
                ring(call, target, LegRole.AGENT);
            } else {
                ringExternal(call, destination);
            }
        }
        release(transferring);
    }

    /**
     * The other parties are held and the same station places a consultation call: CallStarted(parentCallId),
     * the consulting leg (CONSULT, INITIATED) and the consulted party's ringing leg.
     */
    SimCall consult(SimLeg from, String destination) {
        SimCall call = from.call;
        for (SimLeg party : call.parties()) {
            if (party != from) {
                setHeld(party, true);
            }
        }
        SimAgent target = agentAt(destination);
        SimCall consult = newCall(target != null ? Direction.INTERNAL : Direction.OUTBOUND, from.device, destination,
                call, false);
        consult.consulting = from;
        newLeg(consult, from.device, LegRole.CONSULT, LegState.INITIATED, DeviceType.STATION, from.agent);
        consult.consulted = target != null ? ring(consult, target, LegRole.AGENT) : ringExternal(consult, destination);
        return consult;
    }

    /**
     * Completes a consultative transfer: CallTransferred(ATTENDED, oldCallIds=[consultation]) on the held call,
     * the consulting station's two legs cleared, the held parties retrieved. The consulted party's leg now
     * belongs to the held call.
     */
    void completeTransfer(SimCall call, SimCall consult) {
        SimLeg from = consult.consulting;
        emit(new CallTransferred(env(call.id, "", ""), List.of(consult.id), TransferKind.ATTENDED, from.device,
                consult.consulted.device));
        SimLeg consultLeg = consult.caller();
        merge(call, consult);
        Set<SimAgent> released = new LinkedHashSet<>();
        released.add(detach(consultLeg, "transferred"));
        released.add(detach(from, "transferred"));
        retrieveHeld(call);
        released.forEach(this::release);
    }

    /** Joins the consultation into the held call: CallConferenced, the consulting leg cleared, the held parties retrieved. */
    void conference(SimCall call, SimCall consult) {
        List<String> parties = new ArrayList<>();
        for (SimLeg party : call.parties()) {
            parties.add(party.device);
        }
        parties.add(consult.consulted.device);
        emit(new CallConferenced(env(call.id, "", ""), List.of(consult.id), parties));
        SimLeg consultLeg = consult.caller();
        merge(call, consult);
        release(detach(consultLeg, "conferenced"));
        retrieveHeld(call);
    }

    /** Ends the consultation and retrieves the held parties of the call, if it is still there. */
    void cancelConsult(SimCall call, SimCall consult) {
        if (isLive(consult)) {
            endCall(consult, "consultation cancelled", consult.caller());
        }
        if (isLive(call)) {
            retrieveHeld(call);
        }
    }

    /** The consultation's legs move into the held call; its id becomes an alias of the call. */
    private void merge(SimCall call, SimCall consult) {
        calls.remove(consult.id);
        for (String alias : consult.aliases) {
            calls.remove(alias);
        }
        call.aliases.add(consult.id);
        call.aliases.addAll(consult.aliases);
        for (String alias : call.aliases) {
            calls.put(alias, call);
        }
        for (SimLeg leg : consult.legs) {
            leg.call = call;
            call.legs.add(leg);
        }
    }

    // ---------------------------------------------------------------- redirects

    /** A queued caller (waiting or being offered) is sent to another queue, a station or an external number. */
    void redirectQueued(SimCall call, String destination) {
        String from = call.queue;
        leaveLine(call);
        emit(new CallDiverted(env(call.id, "", from), from, destination, "redirect"));
        goTo(call, destination);
    }

    /**
     * A ringing station leg is deflected: to another station the same leg moves (CallDiverted on the leg); to a
     * queue or an external number the ringing leg clears ("redirected") and the call goes there.
     */
    void redirectRinging(SimLeg leg, String destination) {
        SimCall call = leg.call;
        SimAgent from = leg.agent;
        SimAgent target = agentAt(destination);
        if (target != null) {
            emit(new CallDiverted(env(call.id, leg.id, leg.device), leg.device, destination, "redirect"));
            from.legs.remove(leg);
            leg.device = target.station;
            leg.agent = target;
            target.legs.add(leg);
            traffic.ringing(leg);
            release(from);
            return;
        }
        emit(new CallDiverted(env(call.id, "", leg.device), leg.device, destination, "redirect"));
        SimAgent released = detach(leg, "redirected");
        goTo(call, destination);
        release(released);
    }

    private void goTo(SimCall call, String destination) {
        String queue = queueOf(destination);
        SimAgent target = agentAt(destination);
        if (queue != null) {
            enqueue(call, queue);
        } else if (target != null) {
            ring(call, target, LegRole.AGENT);
        } else {
            ringExternal(call, destination);
        }
    }

    // ---------------------------------------------------------------- hanging up

    /**
     * One leg hangs up. When one party or none is left, or every party left is on hold, the rest of the call
     * clears too, except a caller still queued: a refused or withdrawn offer sends the call back to the head of
     * its queue, and the refusing agent to the back of the idle line.
     */
    void hangUp(SimLeg leg, String cause) {
        SimCall call = leg.call;
        boolean refusedOffer = leg.state == LegState.ALERTING && leg.agent != null;
        SimAgent agent = detach(leg, cause);
        List<SimLeg> parties = call.parties();
        boolean stillQueued = parties.size() == 1 && parties.get(0).state == LegState.QUEUED;
        if (stillQueued) {
            if (!call.inLine) {
                backToLine(call);
            }
            if (refusedOffer && agent.state == AgentState.READY) {
                idleFromNow(agent);
            }
        } else if (parties.size() <= 1 || parties.stream().allMatch(p -> p.state == LegState.HELD)) {
            endCall(call, cause);
        }
        release(agent);
        distribute();
    }

    /** Clears every live leg of the call, {@code first} first (when given), and forgets the call. */
    void endCall(SimCall call, String cause, SimLeg first) {
        Set<SimAgent> released = new LinkedHashSet<>();
        if (first != null) {
            released.add(detach(first, cause));
        }
        for (SimLeg leg : call.liveLegs()) {
            released.add(detach(leg, cause));
        }
        forget(call);
        released.forEach(this::release);
    }

    void endCall(SimCall call, String cause) {
        endCall(call, cause, null);
    }

    private void forget(SimCall call) {
        leaveLine(call);
        call.cancelPatience();
        if (call.callerHangUp != null) {
            call.callerHangUp.cancel();
            call.callerHangUp = null;
        }
        calls.remove(call.id);
        for (String alias : call.aliases) {
            calls.remove(alias);
        }
    }

    /**
     * Clears a live leg (LegCleared) without the after-call work of its agent, which the caller does with
     * {@link #release} once the whole step's events are out. A recording stops before the call's last leg
     * clears. Returns the leg's agent, or null.
     */
    private SimAgent detach(SimLeg leg, String cause) {
        if (!leg.live()) {
            return null;
        }
        SimCall call = leg.call;
        if (leg.state == LegState.QUEUED) {
            leaveLine(call);
        }
        if (!call.recordingId.isEmpty() && call.liveLegs().size() == 1) {
            emit(new RecordingStopped(env(call.id, "", ""), call.recordingId));
            call.recordingId = "";
        }
        leg.state = LegState.CLEARED;
        emit(new LegCleared(env(call.id, leg.id, leg.device), cause));
        SimAgent agent = leg.agent;
        if (agent != null) {
            agent.legs.remove(leg);
        }
        return agent;
    }

    /**
     * An agent whose station has no leg left: its plan about those legs is void; after-call work when it was
     * busy, else maybe a new offer. Called once per agent and step.
     */
    private void release(SimAgent agent) {
        if (agent == null || !agent.idle()) {
            return;
        }
        agent.cancelPlan();
        if (agent.state == AgentState.BUSY) {
            agentState(agent, AgentState.WRAP_UP, "after-call");
            traffic.wrappingUp(agent);
        } else if (agent.state == AgentState.READY) {
            distribute();
        } else if (agent.state == AgentState.NOT_READY) {
            traffic.onBreak(agent);
        }
    }

    // ---------------------------------------------------------------- agents

    /** Sets and reports an agent's state; READY agents join the idle line and may be offered a call. */
    void agentState(SimAgent agent, AgentState state, String reason) {
        agent.state = state;
        if (state == AgentState.READY) {
            idleFromNow(agent);
        }
        emit(new AgentStateChanged(env("", "", agent.station), agent.id, state, reason));
        if (state == AgentState.READY) {
            distribute();
        }
    }

    /** An auto agent made NOT_READY by a command takes a break and comes back (see breakTime). */
    void tookBreak(SimAgent agent) {
        traffic.onBreak(agent);
    }

    // ---------------------------------------------------------------- recording and monitoring

    String startRecording(SimCall call) {
        call.recordingId = "rec-" + (++recordingCounter);
        return call.recordingId;
    }

    /** A supervisor's leg joins the call (SUPERVISOR, INITIATED, then LegConnected). */
    SimLeg monitor(SimCall call, String device) {
        SimAgent station = agentAt(device);
        SimLeg leg = newLeg(call, device, LegRole.SUPERVISOR, LegState.INITIATED, DeviceType.STATION, station);
        move(leg, LegState.CONNECTED);
        emit(new LegConnected(env(call.id, leg.id, leg.device)));
        return leg;
    }

    // ---------------------------------------------------------------- events and bookkeeping

    private SimCall newCall(Direction direction, String ani, String dnis, SimCall parent, boolean generated) {
        SimCall call = new SimCall(config.id() + "-" + (++callCounter), generated, parent);
        calls.put(call.id, call);
        emit(new CallStarted(env(call.id, "", ""), direction, ani, dnis, parent == null ? "" : parent.id));
        return call;
    }

    private SimLeg newLeg(SimCall call, String device, LegRole role, LegState state, DeviceType type, SimAgent agent) {
        SimLeg leg = new SimLeg("L" + (++legCounter), call, device, role, type, state, agent);
        call.legs.add(leg);
        if (agent != null) {
            agent.legs.add(leg);
        }
        emit(new LegCreated(env(call.id, leg.id, device), role, state, type, device));
        return leg;
    }

    private static void move(SimLeg leg, LegState target) {
        leg.state = leg.state.moveTo(target, leg.call.id, leg.id);
    }

    Envelope env(String callId, String legId, String deviceId) {
        return Envelope.of(config.id(), agenda.now(), callId, legId, deviceId);
    }

    void emit(CtiEvent event) {
        out.accept(event);
    }
}
