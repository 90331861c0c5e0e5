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
import io.callwire.core.event.AgentStateChanged;
import io.callwire.core.event.CallAbandoned;
import io.callwire.core.event.CallConferenced;
import io.callwire.core.event.CallDataChanged;
import io.callwire.core.event.CallDiverted;
import io.callwire.core.event.CallQueued;
import io.callwire.core.event.CallStarted;
import io.callwire.core.event.CallTransferred;
import io.callwire.core.event.CtiEvent;
import io.callwire.core.event.DtmfReceived;
import io.callwire.core.event.Envelope;
import io.callwire.core.event.LegAlerting;
import io.callwire.core.event.LegCleared;
import io.callwire.core.event.LegConnected;
import io.callwire.core.event.LegCreated;
import io.callwire.core.event.LegHeld;
import io.callwire.core.event.LegRetrieved;
import io.callwire.core.event.RecordingStarted;
import io.callwire.core.event.RecordingStopped;
import io.callwire.core.event.TransferKind;
import io.callwire.core.model.AgentState;
import io.callwire.core.model.DeviceType;
import io.callwire.core.model.Direction;
import io.callwire.core.model.LegRole;
import io.callwire.core.model.LegState;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * The simulated contact center: callers arriving, queues, agents ringing, talking, holding, transferring and
 * hanging up, and every command of the command API. Runs on the simulator thread only; every random draw
 * comes from one seeded generator in a fixed order, so a configuration always plays out the same way.
 */
final class ContactCenter {
    private static final String[] TIERS = {"standard", "standard", "gold", "platinum"};

    private final SimulatorConfig config;
    private final Agenda agenda;
    private final Consumer<CtiEvent> out;
    private final SplittableRandom random;
    private final Map<String, SimAgent> agentsById = new LinkedHashMap<>();
    private final Map<String, SimAgent> agentsByStation = new LinkedHashMap<>();
    private final Map<String, List<SimCall>> waiting = new LinkedHashMap<>();
    private final Map<String, SimCall> calls = new LinkedHashMap<>();
    private int callCounter;
    private int legCounter;
    private int recordingCounter;
    private int generated;
    /** Generated calls whose arrival events are published; written by the simulator thread only. */
    private volatile int arrived;

    ContactCenter(SimulatorConfig config, Agenda agenda, Consumer<CtiEvent> out) {
        this.config = config;
        this.agenda = agenda;
        this.out = out;
        this.random = new SplittableRandom(config.seed());
        for (int n = 1; n <= config.agents(); n++) {
            String id = SimulatorConfig.agentId(n);
            SimAgent agent = new SimAgent(id, SimulatorConfig.station(n), config.manualAgents().contains(id));
            agentsById.put(id, agent);
            agentsByStation.put(agent.station, agent);
        }
        for (String queue : config.queues()) {
            waiting.put(queue, new ArrayList<>());
        }
    }

    /** Logs the auto agents in and schedules the first arrival. */
    void open() {
        for (SimAgent agent : agentsById.values()) {
            if (!agent.manual) {
                agentState(agent, AgentState.READY, "");
            }
        }
        scheduleArrival();
    }

    // ---------------------------------------------------------------- generated traffic

    private void scheduleArrival() {
        if (config.callsPerMinute() <= 0 || config.maxCalls() > 0 && generated >= config.maxCalls()) {
            return;
        }
        agenda.after(exp(60.0 / config.callsPerMinute()), this::arrive);
    }

    private void arrive() {
        generated++;
        String queue = config.queues().get(random.nextInt(config.queues().size()));
        String ani = "+4930" + (1_000_000 + random.nextInt(9_000_000));
        SimCall call = inbound(ani, queueNumber(queue), true);
        attach(call, Map.of("ivr.choice", Integer.toString(1 + random.nextInt(4)),
                "customer.tier", TIERS[random.nextInt(TIERS.length)]));
        enqueue(call, queue);
        call.abandon = agenda.after(exp(config.patience()), () -> abandon(call));
        arrived++;
        scheduleArrival();
    }

    int arrived() {
        return arrived;
    }

    private SimCall inbound(String ani, String dnis, boolean generatedCall) {
        SimCall call = newCall(generatedCall);
        emit(new CallStarted(env(call.id, "", ""), Direction.INBOUND, ani, dnis, ""));
        newLeg(call, ani, LegRole.CALLER, LegState.INITIATED, DeviceType.TRUNK, null);
        return call;
    }

    private void enqueue(SimCall call, String queue) {
        SimLeg caller = call.caller();
        setHeld(caller, false);
        call.queue = queue;
        call.queuedAt = agenda.now();
        move(caller, LegState.QUEUED);
        emit(new CallQueued(env(call.id, caller.id, queue), queue));
        waiting.get(queue).add(call);
        distribute(queue);
    }

    private void abandon(SimCall call) {
        if (!waiting.get(call.queue).remove(call)) {
            return;
        }
        SimLeg caller = call.caller();
        emit(new CallAbandoned(env(call.id, caller.id, call.queue), call.queue, agenda.now() - call.queuedAt));
        clear(caller, "abandoned");
        calls.remove(call.id);
    }

    /** Offers waiting calls to the longest-idle ready agents while both exist (switch-side routing only). */
    private void distribute(String queue) {
        if (!config.switchRouting()) {
            return;
        }
        List<SimCall> line = waiting.get(queue);
        while (!line.isEmpty()) {
            SimAgent agent = longestIdle();
            if (agent == null) {
                return;
            }
            offer(line.remove(0), agent);
        }
    }

    private void distributeAll() {
        for (String queue : config.queues()) {
            distribute(queue);
        }
    }

    private SimAgent longestIdle() {
        SimAgent best = null;
        for (SimAgent agent : agentsById.values()) {
            if (agent.available() && (best == null || agent.readySince < best.readySince)) {
                best = agent;
            }
        }
        return best;
    }

    /** Rings an agent's station for a call; auto agents answer after a while. */
    private SimLeg offer(SimCall call, SimAgent agent) {
        if (call.abandon != null) {
            call.abandon.cancel();
            call.abandon = null;
        }
        SimLeg leg = newLeg(call, agent.station, LegRole.AGENT, LegState.ALERTING, DeviceType.STATION, agent);
        emit(new LegAlerting(env(call.id, leg.id, leg.device)));
        if (!agent.manual) {
            agent.pending = agenda.after(exp(config.ring()), () -> connect(leg));
        }
        return leg;
    }

    /** The leg's station answers: it and the leg that was waiting for it are connected. */
    private void connect(SimLeg leg) {
        if (leg.state != LegState.ALERTING) {
            return;
        }
        SimCall call = leg.call;
        move(leg, LegState.CONNECTED);
        emit(new LegConnected(env(call.id, leg.id, leg.device)));
        for (SimLeg other : call.legs) {
            if (other != leg && (other.state == LegState.INITIATED || other.state == LegState.QUEUED)) {
                move(other, LegState.CONNECTED);
                emit(new LegConnected(env(call.id, other.id, other.device)));
            }
        }
        if (leg.agent != null) {
            agentState(leg.agent, AgentState.BUSY, "");
            if (!leg.agent.manual) {
                planTalk(leg);
            } else if (call.generated) {
                leg.agent.pending = agenda.after(exp(config.aht()), () -> endCall(call, "normal"));
            }
        }
    }

    /** An auto agent's conversation: maybe a hold, then hang-up, blind transfer or consultative transfer. */
    private void planTalk(SimLeg agentLeg) {
        SimAgent agent = agentLeg.agent;
        SimCall call = agentLeg.call;
        long talk = exp(config.aht());
        if (random.nextDouble() < config.holdRate()) {
            long holdAt = (long) (talk * random.nextDouble());
            long holdFor = Math.min(exp(20), talk - holdAt);
            agenda.after(holdAt, () -> autoHold(call, true));
            agenda.after(holdAt + holdFor, () -> autoHold(call, false));
        }
        double ending = random.nextDouble();
        agent.pending = agenda.after(talk, () -> {
            agent.pending = null;
            SimCall current = agentLeg.call;
            if (agentLeg.state != LegState.CONNECTED) {
                return;
            }
            if (ending < config.transferRate() && config.queues().size() > 1) {
                autoBlindTransfer(agentLeg);
            } else if (ending >= config.transferRate() + config.consultRate() || !autoConsult(agentLeg)) {
                endCall(current, "normal");
            }
        });
    }

    private void autoHold(SimCall call, boolean hold) {
        setHeld(call.caller(), hold);
    }

    /** Holds a connected leg or retrieves a held one; false, changing nothing, when it is in neither state. */
    private boolean setHeld(SimLeg leg, boolean held) {
        if (leg.state != (held ? LegState.CONNECTED : LegState.HELD)) {
            return false;
        }
        move(leg, held ? LegState.HELD : LegState.CONNECTED);
        Envelope env = env(leg.call.id, leg.id, leg.device);
        emit(held ? new LegHeld(env) : new LegRetrieved(env));
        return true;
    }

    private void autoBlindTransfer(SimLeg agentLeg) {
        List<String> others = new ArrayList<>(config.queues());
        others.remove(agentLeg.call.queue);
        String target = others.isEmpty() ? agentLeg.call.queue : others.get(random.nextInt(others.size()));
        blindTransfer(agentLeg, target);
    }

    private boolean autoConsult(SimLeg agentLeg) {
        SimAgent target = longestIdle();
        if (target == null || target.manual) {
            return false;
        }
        SimCall consult = consult(agentLeg, target);
        SimLeg targetLeg = consult.legs.get(1);
        agenda.after(exp(config.ring()) + 5_000 + exp(20), () -> {
            if (targetLeg.state == LegState.CONNECTED && agentLeg.state == LegState.CONNECTED) {
                completeTransfer(agentLeg.call, consult);
            } else if (agentLeg.live()) {
                endCall(agentLeg.call, "normal");
            }
        });
        return true;
    }

    // ---------------------------------------------------------------- call operations shared by traffic and commands

    private void blindTransfer(SimLeg from, String destination) {
        SimCall call = from.call;
        SimAgent target = agentsByStation.get(destination);
        clear(from, "transferred");
        emit(new CallTransferred(env(call.id, "", ""), List.of(), TransferKind.BLIND, from.device, destination));
        if (waiting.containsKey(destination)) {
            enqueue(call, destination);
        } else {
            retrieveHeld(call);
            offer(call, target);
        }
    }

    private SimCall consult(SimLeg agentLeg, SimAgent target) {
        SimCall call = agentLeg.call;
        for (SimLeg leg : call.legs) {
            if (leg != agentLeg) {
                setHeld(leg, true);
            }
        }
        SimCall consult = newCall(false);
        emit(new CallStarted(env(consult.id, "", ""), Direction.INTERNAL, agentLeg.device, target.station, call.id));
        newLeg(consult, agentLeg.device, LegRole.CONSULT, LegState.INITIATED, DeviceType.STATION, null);
        offer(consult, target);
        return consult;
    }

    private void completeTransfer(SimCall call, SimCall consult) {
        SimLeg transferring = agentLegOf(call);
        emit(new CallTransferred(env(call.id, "", ""), List.of(consult.id), TransferKind.ATTENDED,
                transferring == null ? "" : transferring.device, consult.legs.get(1).device));
        mergeInto(call, consult);
        if (transferring != null) {
            clear(transferring, "transferred");
        }
        retrieveHeld(call);
    }

    /** Clears the consulting party's leg in the consultation and moves the consulted party into the call. */
    private void mergeInto(SimCall call, SimCall consult) {
        calls.remove(consult.id);
        for (SimLeg leg : consult.legs) {
            if (leg.role == LegRole.CONSULT) {
                leg.call = call;
                clear(leg, "transferred");
            } else {
                leg.call = call;
                call.legs.add(leg);
            }
        }
    }

    private void retrieveHeld(SimCall call) {
        for (SimLeg leg : call.legs) {
            setHeld(leg, false);
        }
    }

    private SimLeg agentLegOf(SimCall call) {
        for (SimLeg leg : call.legs) {
            if (leg.live() && leg.agent != null && leg.role == LegRole.AGENT) {
                return leg;
            }
        }
        return null;
    }

    /** Clears every live leg of the call. */
    private void endCall(SimCall call, String cause) {
        for (SimLeg leg : call.liveLegs()) {
            clear(leg, cause);
        }
        calls.remove(call.id);
    }

    /**
     * Clears one leg; when one live party or none is left, the rest of the call clears too, except a caller
     * still waiting in a queue: rejecting an offered call sends it back to waiting, as on a real switch.
     */
    private void hangUp(SimLeg leg, String cause) {
        SimCall call = leg.call;
        clear(leg, cause);
        List<SimLeg> live = call.liveLegs();
        boolean stillQueued = live.size() == 1 && live.get(0).state == LegState.QUEUED;
        if (!stillQueued && (live.size() <= 1
                || live.stream().allMatch(l -> l.role == LegRole.SUPERVISOR || l.state == LegState.HELD))) {
            endCall(call, cause);
        }
    }

    private void clear(SimLeg leg, String cause) {
        if (!leg.live()) {
            return;
        }
        if (leg.state == LegState.QUEUED) {
            waiting.get(leg.call.queue).remove(leg.call);
        }
        leg.state = LegState.CLEARED;
        emit(new LegCleared(env(leg.call.id, leg.id, leg.device), cause));
        SimAgent agent = leg.agent;
        if (agent != null && agent.leg == leg) {
            agent.leg = null;
            if (agent.pending != null) {
                agent.pending.cancel();
                agent.pending = null;
            }
            afterCall(agent);
        }
    }

    private void afterCall(SimAgent agent) {
        if (agent.state != AgentState.BUSY) {
            if (agent.state == AgentState.READY) {
                distributeAll();
            }
            return;
        }
        agentState(agent, AgentState.WRAP_UP, "after-call");
        if (!agent.manual) {
            agent.pending = agenda.after(seconds(config.wrapUp()), () -> {
                agent.pending = null;
                agentState(agent, AgentState.READY, "");
                distributeAll();
            });
        }
    }

    // ---------------------------------------------------------------- commands

    /**
     * Carries out a command at the current virtual time.
     *
     * @throws SwitchRejectedException when the simulated switch cannot do it, with the reason
     */
    CommandResult execute(CtiCommand command) {
        if (command instanceof MakeCall c) {
            return makeCall(c);
        } else if (command instanceof Answer c) {
            SimLeg leg = c.legId().isEmpty() ? only(call(c.callId()), LegState.ALERTING) : leg(c.callId(), c.legId());
            require(leg.state == LegState.ALERTING, "leg " + leg.id + " is " + leg.state + ", not ALERTING");
            connect(leg);
            return result(leg, "answered");
        } else if (command instanceof HangUp c) {
            if (c.legId().isEmpty()) {
                endCall(call(c.callId()), "normal");
                return new CommandResult(c.callId(), "", "call cleared");
            }
            SimLeg leg = leg(c.callId(), c.legId());
            require(leg.live(), "leg " + leg.id + " is already " + leg.state);
            hangUp(leg, "normal");
            return result(leg, "leg cleared");
        } else if (command instanceof Hold c) {
            SimLeg leg = leg(c.callId(), c.legId());
            require(setHeld(leg, true), "leg " + leg.id + " is " + leg.state + ", not CONNECTED");
            return result(leg, "held");
        } else if (command instanceof Retrieve c) {
            SimLeg leg = leg(c.callId(), c.legId());
            require(setHeld(leg, false), "leg " + leg.id + " is " + leg.state + ", not HELD");
            return result(leg, "retrieved");
        } else if (command instanceof BlindTransfer c) {
            SimLeg leg = transferring(c.callId(), c.legId());
            destination(c.destination(), true);
            blindTransfer(leg, c.destination());
            return new CommandResult(c.callId(), leg.id, "transferred to " + c.destination());
        } else if (command instanceof Consult c) {
            SimLeg leg = transferring(c.callId(), c.legId());
            SimAgent target = destination(c.destination(), false);
            SimCall consult = consult(leg, target);
            return new CommandResult(consult.id, consult.caller().id, "consulting " + c.destination());
        } else if (command instanceof CompleteTransfer c) {
            SimCall consult = consultOf(c.callId(), c.consultCallId());
            completeTransfer(call(c.callId()), consult);
            return new CommandResult(c.callId(), "", "transfer completed");
        } else if (command instanceof CancelConsult c) {
            SimCall consult = consultOf(c.callId(), c.consultCallId());
            endCall(consult, "consultation cancelled");
            retrieveHeld(call(c.callId()));
            return new CommandResult(c.callId(), "", "consultation cancelled");
        } else if (command instanceof Conference c) {
            SimCall call = call(c.callId());
            SimCall consult = consultOf(c.callId(), c.consultCallId());
            List<String> parties = new ArrayList<>();
            for (SimLeg leg : call.liveLegs()) {
                parties.add(leg.device);
            }
            parties.add(consult.legs.get(1).device);
            emit(new CallConferenced(env(call.id, "", ""), List.of(consult.id), parties));
            mergeInto(call, consult);
            retrieveHeld(call);
            return new CommandResult(call.id, "", "conferenced");
        } else if (command instanceof Redirect c) {
            return redirect(c);
        } else if (command instanceof SendDtmf c) {
            SimLeg leg = leg(c.callId(), c.legId().isEmpty() ? call(c.callId()).caller().id : c.legId());
            require(leg.state == LegState.CONNECTED, "leg " + leg.id + " is " + leg.state + ", not CONNECTED");
            for (char digit : c.digits().toCharArray()) {
                emit(new DtmfReceived(env(leg.call.id, leg.id, leg.device), String.valueOf(digit)));
            }
            return result(leg, "sent " + c.digits());
        } else if (command instanceof StartRecording c) {
            SimCall call = call(c.callId());
            require(call.recordingId.isEmpty(), "call " + call.id + " is already being recorded");
            call.recordingId = "rec-" + (++recordingCounter);
            String location = c.location().isEmpty() ? "recordings/" + call.id + ".wav" : c.location();
            emit(new RecordingStarted(env(call.id, "", ""), call.recordingId, location));
            return new CommandResult(call.id, "", call.recordingId);
        } else if (command instanceof StopRecording c) {
            SimCall call = call(c.callId());
            require(!call.recordingId.isEmpty(), "call " + call.id + " is not being recorded");
            emit(new RecordingStopped(env(call.id, "", ""), call.recordingId));
            String id = call.recordingId;
            call.recordingId = "";
            return new CommandResult(call.id, "", id);
        } else if (command instanceof Monitor c) {
            SimCall call = call(c.callId());
            require(agentLegOf(call) != null, "call " + call.id + " has no agent to monitor");
            SimLeg leg = newLeg(call, c.supervisorDevice(), LegRole.SUPERVISOR, LegState.INITIATED,
                    DeviceType.STATION, null);
            move(leg, LegState.CONNECTED);
            emit(new LegConnected(env(call.id, leg.id, leg.device)));
            return result(leg, c.mode().name().toLowerCase(java.util.Locale.ROOT));
        } else if (command instanceof AttachData c) {
            attach(call(c.callId()), c.data());
            return new CommandResult(c.callId(), "", "attached");
        }
        return agentCommand(command);
    }

    private CommandResult agentCommand(CtiCommand command) {
        if (command instanceof AgentLogin c) {
            SimAgent agent = agent(c.agentId());
            require(agent.station.equals(c.deviceId()), "agent " + agent.id + " works at station " + agent.station);
            require(agent.state == AgentState.LOGGED_OUT, "agent " + agent.id + " is already logged in");
            agentState(agent, AgentState.NOT_READY, "login");
        } else if (command instanceof AgentLogout c) {
            SimAgent agent = idle(c.agentId());
            agentState(agent, AgentState.LOGGED_OUT, "");
        } else if (command instanceof AgentReady c) {
            SimAgent agent = loggedIn(c.agentId());
            require(agent.leg == null, "agent " + agent.id + " is on a call");
            cancelPending(agent);
            agentState(agent, AgentState.READY, "");
            distributeAll();
        } else if (command instanceof AgentNotReady c) {
            SimAgent agent = loggedIn(c.agentId());
            require(agent.leg == null, "agent " + agent.id + " is on a call");
            cancelPending(agent);
            agentState(agent, AgentState.NOT_READY, c.reason());
        } else if (command instanceof AgentWrapUp c) {
            SimAgent agent = loggedIn(c.agentId());
            require(agent.leg == null, "agent " + agent.id + " is on a call");
            cancelPending(agent);
            agentState(agent, AgentState.WRAP_UP, c.reason());
        }
        return new CommandResult("", "", "agent state changed");
    }

    private CommandResult makeCall(MakeCall c) {
        String from = c.fromDevice();
        if (from.startsWith("+")) {
            SimAgent target = waiting.containsKey(queueName(c.destination())) ? null : destination(c.destination(), false);
            SimCall call = inbound(from, c.destination(), false);
            attach(call, c.data());
            if (target == null) {
                enqueue(call, queueName(c.destination()));
            } else {
                offer(call, target);
            }
            return new CommandResult(call.id, call.caller().id, "inbound call from " + from);
        }
        SimAgent caller = agentsByStation.get(from);
        require(caller != null, "unknown calling device " + from);
        require(caller.leg == null, "station " + from + " is busy");
        SimAgent target = agentsByStation.get(c.destination());
        require(target == null || target.leg == null, "station " + c.destination() + " is busy");
        SimCall call = newCall(false);
        emit(new CallStarted(env(call.id, "", ""), target == null ? Direction.OUTBOUND : Direction.INTERNAL,
                from, c.destination(), ""));
        SimLeg own = newLeg(call, from, LegRole.CALLER, LegState.INITIATED, DeviceType.STATION, caller);
        attach(call, c.data());
        if (target != null) {
            SimLeg ringing = newLeg(call, target.station, LegRole.CALLED, LegState.ALERTING, DeviceType.STATION, target);
            emit(new LegAlerting(env(call.id, ringing.id, ringing.device)));
            if (!target.manual) {
                target.pending = agenda.after(exp(config.ring()), () -> connect(ringing));
            }
        } else {
            SimLeg far = newLeg(call, c.destination(), LegRole.CALLED, LegState.ALERTING, DeviceType.EXTERNAL, null);
            emit(new LegAlerting(env(call.id, far.id, far.device)));
            agenda.after(exp(config.ring()), () -> connect(far));
        }
        if (caller.state == AgentState.READY || caller.state == AgentState.NOT_READY) {
            agentState(caller, AgentState.BUSY, "");
        }
        return new CommandResult(call.id, own.id, "calling " + c.destination());
    }

    private CommandResult redirect(Redirect c) {
        SimLeg leg = leg(c.callId(), c.legId().isEmpty() ? call(c.callId()).caller().id : c.legId());
        SimCall call = leg.call;
        if (leg.state == LegState.QUEUED) {
            SimAgent target = waiting.containsKey(c.destination()) ? null : destination(c.destination(), false);
            waiting.get(call.queue).remove(call);
            emit(new CallDiverted(env(call.id, "", call.queue), call.queue, c.destination(), "redirect"));
            if (target == null) {
                call.queue = c.destination();
                call.queuedAt = agenda.now();
                waiting.get(c.destination()).add(call);
                distribute(c.destination());
            } else {
                offer(call, target);
            }
            return result(leg, "redirected to " + c.destination());
        }
        require(leg.state == LegState.ALERTING && leg.agent != null,
                "leg " + leg.id + " is " + leg.state + "; only queued or ringing calls can be redirected");
        SimAgent target = destination(c.destination(), false);
        SimAgent from = leg.agent;
        cancelPending(from);
        from.leg = null;
        emit(new CallDiverted(env(call.id, leg.id, leg.device), leg.device, target.station, "redirect"));
        leg.device = target.station;
        leg.agent = target;
        target.leg = leg;
        if (!target.manual) {
            target.pending = agenda.after(exp(config.ring()), () -> connect(leg));
        }
        if (from.state == AgentState.READY) {
            distributeAll();
        }
        return result(leg, "redirected to " + c.destination());
    }

    // ---------------------------------------------------------------- lookups that reject with a reason

    private SimCall call(String callId) {
        SimCall call = calls.get(callId);
        require(call != null, "no active call " + callId);
        return call;
    }

    private SimLeg leg(String callId, String legId) {
        SimLeg leg = call(callId).leg(legId);
        require(leg != null, "call " + callId + " has no leg " + legId);
        return leg;
    }

    private SimLeg only(SimCall call, LegState state) {
        for (SimLeg leg : call.legs) {
            if (leg.state == state) {
                return leg;
            }
        }
        throw reject("call " + call.id + " has no " + state + " leg");
    }

    /** The connected agent leg that transfers: the named one, or the call's agent. */
    private SimLeg transferring(String callId, String legId) {
        SimLeg leg = legId.isEmpty() ? agentLegOf(call(callId)) : leg(callId, legId);
        require(leg != null && leg.agent != null && leg.state == LegState.CONNECTED,
                "call " + callId + " has no connected agent leg to transfer from");
        return leg;
    }

    private SimCall consultOf(String callId, String consultId) {
        call(callId);
        SimCall consult = call(consultId);
        require(consult.caller().role == LegRole.CONSULT, "call " + consultId + " is not a consultation");
        require(consult.legs.size() > 1 && consult.legs.get(1).state == LegState.CONNECTED,
                "consultation " + consultId + " is not answered yet");
        return consult;
    }

    /** Checks a transfer or call destination: a queue (when allowed) or an idle, logged-in agent's station. */
    private SimAgent destination(String destination, boolean queueAllowed) {
        if (queueAllowed && waiting.containsKey(destination)) {
            return null;
        }
        SimAgent target = agentsByStation.get(destination);
        require(target != null, "unknown destination " + destination);
        require(target.leg == null, "station " + destination + " is busy");
        require(target.state != AgentState.LOGGED_OUT, "nobody is logged in at station " + destination);
        return target;
    }

    private SimAgent agent(String agentId) {
        SimAgent agent = agentsById.get(agentId);
        require(agent != null, "unknown agent " + agentId);
        return agent;
    }

    private SimAgent loggedIn(String agentId) {
        SimAgent agent = agent(agentId);
        require(agent.state != AgentState.LOGGED_OUT, "agent " + agentId + " is logged out");
        return agent;
    }

    private SimAgent idle(String agentId) {
        SimAgent agent = loggedIn(agentId);
        require(agent.leg == null, "agent " + agentId + " is on a call");
        cancelPending(agent);
        return agent;
    }

    private void cancelPending(SimAgent agent) {
        if (agent.pending != null) {
            agent.pending.cancel();
            agent.pending = null;
        }
    }

    private void require(boolean condition, String reason) {
        if (!condition) {
            throw reject(reason);
        }
    }

    private SwitchRejectedException reject(String reason) {
        return new SwitchRejectedException(config.id(), reason);
    }

    // ---------------------------------------------------------------- events and bookkeeping

    private static CommandResult result(SimLeg leg, String detail) {
        return new CommandResult(leg.call.id, leg.id, detail);
    }

    private SimCall newCall(boolean generatedCall) {
        SimCall call = new SimCall("sim-" + (++callCounter), generatedCall);
        calls.put(call.id, call);
        return call;
    }

    private SimLeg newLeg(SimCall call, String device, LegRole role, LegState state, DeviceType type, SimAgent agent) {
        SimLeg leg = new SimLeg("L" + (++legCounter), call, device, role, agent);
        leg.state = state;
        call.legs.add(leg);
        if (agent != null) {
            agent.leg = leg;
        }
        emit(new LegCreated(env(call.id, leg.id, device), role, state, type, device));
        return leg;
    }

    private void move(SimLeg leg, LegState target) {
        leg.state = leg.state.moveTo(target, leg.call.id, leg.id);
    }

    private void attach(SimCall call, Map<String, String> data) {
        if (!data.isEmpty()) {
            emit(new CallDataChanged(env(call.id, "", ""), data));
        }
    }

    private void agentState(SimAgent agent, AgentState state, String reason) {
        agent.state = state;
        if (state == AgentState.READY) {
            agent.readySince = agenda.now();
        }
        emit(new AgentStateChanged(env("", "", agent.station), agent.id, state, reason));
    }

    private String queueNumber(String queue) {
        return Integer.toString(5000 + config.queues().indexOf(queue));
    }

    /** A queue named by its name or its number, else the destination unchanged. */
    private String queueName(String destination) {
        for (int i = 0; i < config.queues().size(); i++) {
            if (Integer.toString(5000 + i).equals(destination)) {
                return config.queues().get(i);
            }
        }
        return destination;
    }

    private Envelope env(String callId, String legId, String deviceId) {
        return Envelope.of(config.id(), agenda.now(), callId, legId, deviceId);
    }

    private void emit(CtiEvent event) {
        out.accept(event);
    }

    /** Milliseconds of an exponentially distributed time with the given mean in seconds. */
    private long exp(double meanSeconds) {
        return seconds(-meanSeconds * Math.log(1 - random.nextDouble()));
    }

    private static long seconds(double s) {
        return Math.round(s * 1000);
    }
}
