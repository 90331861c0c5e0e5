package io.callwire.adapter.asterisk;

import io.callwire.adapter.asterisk.LiveChannels.LiveChannel;
import io.callwire.core.command.AgentLogin;
import io.callwire.core.command.AgentLogout;
import io.callwire.core.command.AgentNotReady;
import io.callwire.core.command.AgentReady;
import io.callwire.core.command.AgentWrapUp;
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
import io.callwire.core.model.LegRole;
import io.callwire.core.model.LegState;
import org.asteriskjava.manager.action.AtxferAction;
import org.asteriskjava.manager.action.BridgeAction;
import org.asteriskjava.manager.action.HangupAction;
import org.asteriskjava.manager.action.ManagerAction;
import org.asteriskjava.manager.action.MixMonitorAction;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.action.PlayDtmfAction;
import org.asteriskjava.manager.action.QueueAddAction;
import org.asteriskjava.manager.action.QueuePauseAction;
import org.asteriskjava.manager.action.QueueRemoveAction;
import org.asteriskjava.manager.action.RedirectAction;
import org.asteriskjava.manager.action.SetVarAction;
import org.asteriskjava.manager.action.StopMixMonitorAction;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns a command into the AMI actions that carry it out, in order. Reads the live channel view only; sending
 * and answering is the adapter's job. A command that names something the switch does not have fails with
 * {@link SwitchRejectedException}.
 */
final class AmiCommands {

    /** Commands this adapter can carry out over AMI with any configuration. */
    static final Set<Class<? extends CtiCommand>> SUPPORTED = Set.of(MakeCall.class, HangUp.class, BlindTransfer.class,
            Redirect.class, Consult.class, CompleteTransfer.class, CancelConsult.class, SendDtmf.class,
            StartRecording.class, StopRecording.class, Monitor.class, AttachData.class, AgentLogin.class,
            AgentLogout.class, AgentReady.class, AgentNotReady.class, AgentWrapUp.class);

    /** The actions for one command and the result to report when all succeeded. */
    record Plan(List<ManagerAction> actions, CommandResult result) {
    }

    private final AsteriskConfig config;
    private final LiveChannels live;
    private final AtomicLong originates = new AtomicLong();
    /** Held leg -> the party this adapter sent to music on hold for it (Hold over {@code holdContext}). */
    private final Map<String, String> heldPeers = new ConcurrentHashMap<>();
    private final AtomicLong rooms = new AtomicLong();
    private final long roomBase = (System.currentTimeMillis() / 1000 % 100_000) * 10_000;
    /** Call -> the leg an Atxfer consultation was started from; the consultation shares that call. */
    private final Map<String, String> atxferBy = new ConcurrentHashMap<>();
    private final String originatePrefix;

    AmiCommands(AsteriskConfig config, LiveChannels live) {
        this.config = config;
        this.live = live;
        this.originatePrefix = AsteriskAdapter.ORIGINATE_PREFIX + Long.toString(System.nanoTime() & 0xffffff, 36) + "-";
    }

    /**
     * Whether the command can be carried out: the {@link #SUPPORTED} ones always, Hold and Retrieve when a
     * {@code holdContext} is configured, Conference when a {@code conferenceContext} is.
     */
    boolean supports(Class<? extends CtiCommand> type) {
        return SUPPORTED.contains(type)
                || (type == Hold.class || type == Retrieve.class) && !config.holdContext().isEmpty()
                || type == Conference.class && !config.conferenceContext().isEmpty();
    }

    Plan plan(CtiCommand command) {
        String sw = config.id();
        if (command instanceof Hold h) {
            return hold(h);
        }
        if (command instanceof Retrieve r) {
            return retrieve(r);
        }
        if (command instanceof Conference c) {
            return conference(c);
        }
        if (command instanceof MakeCall m) {
            String id = originatePrefix + originates.incrementAndGet();
            OriginateAction o = originate(config.dialable(m.fromDevice()), id);
            o.setContext(config.context());
            o.setExten(m.destination());
            o.setPriority(1);
            if (!m.data().isEmpty()) {
                m.data().forEach((k, v) -> o.setVariable("CALLWIRE_" + k, v));
            }
            return new Plan(List.of(o), new CommandResult(id, id, "originating " + m.destination()));
        }
        if (command instanceof HangUp h) {
            List<ManagerAction> actions = new ArrayList<>();
            if (h.legId().isEmpty()) {
                for (LiveChannel c : channels(h.callId())) {
                    actions.add(new HangupAction(c.name()));
                }
            } else {
                actions.add(new HangupAction(leg(h.callId(), h.legId()).name()));
            }
            return new Plan(actions, new CommandResult(h.callId(), h.legId(), "hung up"));
        }
        if (command instanceof BlindTransfer b) {
            LiveChannel c = leg(b.callId(), b.legId());
            return new Plan(List.of(new BlindTransferAction(c.name(), config.context(), b.destination())),
                    new CommandResult(b.callId(), b.legId(), "transferred to " + b.destination()));
        }
        if (command instanceof Redirect r) {
            LiveChannel c = leg(r.callId(), r.legId());
            return new Plan(List.of(new RedirectAction(c.name(), config.context(), r.destination(), 1)),
                    new CommandResult(r.callId(), r.legId(), "redirected to " + r.destination()));
        }
        if (command instanceof Consult c) {
            LiveChannel ch = leg(c.callId(), c.legId());
            atxferBy.keySet().removeIf(call -> live.ofCall(call).isEmpty());
            atxferBy.put(c.callId(), ch.uniqueid());
            return new Plan(List.of(new AtxferAction(ch.name(), config.context(), c.destination(), 1)),
                    new CommandResult(c.callId(), c.legId(), "consulting " + c.destination()));
        }
        if (command instanceof CompleteTransfer t) {
            return completeTransfer(t);
        }
        if (command instanceof CancelConsult t) {
            if (t.callId().equals(t.consultCallId())) {
                // Atxfer: the consulted party is the newest leg; hanging it up returns the transferer to the call
                LiveChannel transferer = atxferer(t.callId());
                List<LiveChannel> list = channels(t.callId());
                LiveChannel consulted = list.get(list.size() - 1);
                if (consulted.uniqueid().equals(transferer.uniqueid())) {
                    throw new SwitchRejectedException(sw, "consultation in " + t.callId() + " has no other party");
                }
                return new Plan(List.of(new HangupAction(consulted.name())),
                        new CommandResult(t.callId(), consulted.uniqueid(), "consultation cancelled"));
            }
            LiveChannel transferer = transferer(t.callId(), t.consultCallId());
            List<ManagerAction> actions = new ArrayList<>();
            for (LiveChannel c : channels(t.consultCallId())) {
                if (!c.device().equals(transferer.device())) {
                    actions.add(new HangupAction(c.name()));
                }
            }
            if (actions.isEmpty()) {
                throw new SwitchRejectedException(sw, "consultation " + t.consultCallId() + " has no other party");
            }
            return new Plan(actions, new CommandResult(t.callId(), "", "consultation cancelled"));
        }
        if (command instanceof SendDtmf d) {
            LiveChannel c = leg(d.callId(), d.legId());
            List<ManagerAction> actions = new ArrayList<>();
            for (char digit : d.digits().toCharArray()) {
                actions.add(new PlayDtmfAction(c.name(), String.valueOf(digit)));
            }
            return new Plan(actions, new CommandResult(d.callId(), d.legId(), "sent " + d.digits()));
        }
        if (command instanceof StartRecording s) {
            LiveChannel c = firstParty(s.callId());
            String file = s.location().isEmpty() ? "callwire-" + s.callId().replace('/', '_') + ".wav" : s.location();
            MixMonitorAction a = new MixMonitorAction(c.name(), file);
            return new Plan(List.of(a), new CommandResult(s.callId(), c.uniqueid(), file));
        }
        if (command instanceof StopRecording s) {
            LiveChannel c = firstParty(s.callId());
            return new Plan(List.of(new StopMixMonitorAction(c.name())),
                    new CommandResult(s.callId(), c.uniqueid(), "recording stopped"));
        }
        if (command instanceof Monitor m) {
            LiveChannel target = channels(m.callId()).stream().filter(c -> c.role() == LegRole.AGENT).findFirst()
                    .orElseGet(() -> firstParty(m.callId()));
            String options = switch (m.mode()) {
                case LISTEN -> "qE";
                case WHISPER -> "qwE";
                case BARGE -> "qBE";
            };
            String id = originatePrefix + originates.incrementAndGet();
            OriginateAction o = originate(config.dialable(m.supervisorDevice()), id);
            o.setApplication("ChanSpy");
            o.setData(target.name() + "," + options);
            return new Plan(List.of(o), new CommandResult(id, id, m.mode() + " on " + target.device()));
        }
        if (command instanceof AttachData a) {
            LiveChannel c = firstParty(a.callId());
            List<ManagerAction> actions = new ArrayList<>();
            for (Map.Entry<String, String> e : a.data().entrySet()) {
                actions.add(new SetVarAction(c.name(), "CALLWIRE_" + e.getKey(), e.getValue()));
            }
            return new Plan(actions, new CommandResult(a.callId(), "", "attached " + a.data().keySet()));
        }
        if (command instanceof AgentLogin l) {
            if (l.queues().isEmpty()) {
                throw new SwitchRejectedException(sw, "agent login names no queue");
            }
            String iface = l.agentId().contains("/") ? l.agentId() : config.dialable(l.deviceId());
            List<ManagerAction> actions = new ArrayList<>();
            for (String queue : l.queues()) {
                QueueAddAction add = new QueueAddAction(queue, iface);
                add.setStateInterface(config.dialable(l.deviceId()));
                add.setMemberName(l.agentId());
                actions.add(add);
            }
            return new Plan(actions, new CommandResult("", "", iface + " added to " + l.queues()));
        }
        if (command instanceof AgentLogout l) {
            Set<String> queues = live.queuesOf(l.agentId());
            if (queues.isEmpty()) {
                throw new SwitchRejectedException(sw, "agent " + l.agentId() + " is in no queue");
            }
            List<ManagerAction> actions = new ArrayList<>();
            for (String q : queues) {
                actions.add(new QueueRemoveAction(q, l.agentId()));
            }
            return new Plan(actions, new CommandResult("", "", l.agentId() + " removed from " + queues));
        }
        if (command instanceof AgentReady r) {
            return new Plan(List.of(new QueuePauseAction(r.agentId(), false)),
                    new CommandResult("", "", r.agentId() + " unpaused"));
        }
        if (command instanceof AgentNotReady n) {
            QueuePauseAction p = new QueuePauseAction(n.agentId(), true);
            p.setReason(n.reason());
            return new Plan(List.of(p), new CommandResult("", "", n.agentId() + " paused"));
        }
        if (command instanceof AgentWrapUp w) {
            QueuePauseAction p = new QueuePauseAction(w.agentId(), true);
            p.setReason(w.reason().isEmpty() ? "wrap-up" : "wrap-up: " + w.reason());
            return new Plan(List.of(p), new CommandResult("", "", w.agentId() + " paused for wrap-up"));
        }
        throw new SwitchRejectedException(sw, command.getClass().getSimpleName() + " has no AMI action");
    }

    /**
     * A consultation made from the phone is a call of its own: the held party and the consulted party are bridged
     * together ({@code Bridge}) and the transferring device's two channels hung up. A consultation made with
     * {@code Atxfer} shares the transferring channel; hanging it up makes Asterisk complete the transfer.
     */
    private Plan completeTransfer(CompleteTransfer t) {
        if (t.callId().equals(t.consultCallId())) {
            LiveChannel transferer = atxferer(t.callId());
            return new Plan(List.of(new HangupAction(transferer.name())),
                    new CommandResult(t.callId(), transferer.uniqueid(), "transfer completed"));
        }
        LiveChannel transferer = transferer(t.callId(), t.consultCallId());
        LiveChannel held = other(t.callId(), transferer.device());
        LiveChannel target = other(t.consultCallId(), transferer.device());
        List<ManagerAction> actions = new ArrayList<>();
        actions.add(new BridgeAction(held.name(), target.name()));
        for (String call : List.of(t.callId(), t.consultCallId())) {
            for (LiveChannel c : channels(call)) {
                if (c.device().equals(transferer.device())) {
                    actions.add(new HangupAction(c.name()));
                }
            }
        }
        return new Plan(actions, new CommandResult(t.callId(), held.uniqueid(), "transferred to " + target.device()));
    }

    /**
     * AMI has no hold action. The leg's only other party is redirected to {@code holdContext,music,1} (music on hold)
     * and, in the same Redirect, the leg itself to {@code holdContext,held,1}, which waits in a holding bridge
     * ({@code BridgeWait}); Asterisk reports that bridge, which the translator publishes as LegHeld.
     */
    private Plan hold(Hold h) {
        LiveChannel held = legOrFirst(h.callId(), h.legId());
        if (held.state() != LegState.CONNECTED) {
            throw new SwitchRejectedException(config.id(), "leg " + held.uniqueid() + " is " + held.state()
                    + ", not CONNECTED");
        }
        List<LiveChannel> others = channels(h.callId()).stream().filter(c -> !c.uniqueid().equals(held.uniqueid()))
                .toList();
        if (others.size() != 1 || others.get(0).state() != LegState.CONNECTED) {
            throw new SwitchRejectedException(config.id(), "hold over AMI needs exactly one other connected party; call "
                    + h.callId() + " has " + others.size() + " other live leg(s)");
        }
        LiveChannel peer = others.get(0);
        heldPeers.keySet().removeIf(leg -> live.leg(leg).isEmpty());
        heldPeers.put(held.uniqueid(), peer.uniqueid());
        RedirectAction r = new RedirectAction(peer.name(), config.holdContext(), "music", 1);
        r.setExtraChannel(held.name());
        r.setExtraContext(config.holdContext());
        r.setExtraExten("held");
        r.setExtraPriority(1);
        return new Plan(List.of(r), new CommandResult(h.callId(), held.uniqueid(), "held"));
    }

    /** Bridges a leg this adapter held back with the party it sent to music on hold. */
    private Plan retrieve(Retrieve r) {
        LiveChannel held = legOrFirst(r.callId(), r.legId());
        String peerId = heldPeers.get(held.uniqueid());
        if (held.state() != LegState.HELD) {
            throw new SwitchRejectedException(config.id(), "leg " + held.uniqueid() + " is " + held.state() + ", not HELD");
        }
        if (peerId == null) {
            throw new SwitchRejectedException(config.id(), "leg " + held.uniqueid()
                    + " was not held by this adapter (held from the phone?); AMI cannot take a phone's hold back");
        }
        LiveChannel peer = live.leg(peerId).filter(c -> c.state() == null || !c.state().isTerminal())
                .orElseThrow(() -> new SwitchRejectedException(config.id(), "the held party of leg " + held.uniqueid()
                        + " is gone"));
        return new Plan(List.of(new BridgeAction(held.name(), peer.name(), false)),
                new CommandResult(r.callId(), held.uniqueid(), "retrieved"));
    }

    /**
     * A consultation made from the phone becomes a ConfBridge conference: the consulting line and the consulted
     * party are redirected to {@code conferenceContext,<room>,1}, then the held party too, while the device's held
     * line goes to {@code conferenceContext,hangup,1}. Each Redirect moves the two channels of one bridge together,
     * so neither is left alone in a bridge that Asterisk would end under it.
     */
    private Plan conference(Conference c) {
        if (c.callId().equals(c.consultCallId())) {
            throw new SwitchRejectedException(config.id(), "an Atxfer consultation cannot be joined over AMI; use the "
                    + "attended transfer 'threeway' feature (atxferthreeway) on the phone");
        }
        LiveChannel consulting = transferer(c.callId(), c.consultCallId());
        LiveChannel heldLine = channels(c.callId()).stream().filter(ch -> ch.device().equals(consulting.device()))
                .findFirst().orElseThrow();
        LiveChannel heldParty = other(c.callId(), consulting.device());
        LiveChannel consulted = other(c.consultCallId(), consulting.device());
        String room = Long.toString(roomBase + rooms.incrementAndGet());
        String ctx = config.conferenceContext();
        RedirectAction first = new RedirectAction(consulting.name(), ctx, room, 1);
        first.setExtraChannel(consulted.name());
        first.setExtraContext(ctx);
        first.setExtraExten(room);
        first.setExtraPriority(1);
        RedirectAction second = new RedirectAction(heldParty.name(), ctx, room, 1);
        second.setExtraChannel(heldLine.name());
        second.setExtraContext(ctx);
        second.setExtraExten("hangup");
        second.setExtraPriority(1);
        return new Plan(List.of(first, second),
                new CommandResult(c.callId(), "", "conference room " + room));
    }

    private LiveChannel legOrFirst(String callId, String legId) {
        return legId.isEmpty() ? channels(callId).get(0) : leg(callId, legId);
    }

    private LiveChannel atxferer(String callId) {
        String leg = atxferBy.get(callId);
        return live.leg(leg == null ? "" : leg).orElseThrow(() -> new SwitchRejectedException(config.id(),
                "no consultation started from call " + callId));
    }

    private LiveChannel other(String callId, String device) {
        return channels(callId).stream().filter(c -> !c.device().equals(device)).findFirst()
                .orElseThrow(() -> new SwitchRejectedException(config.id(), "call " + callId + " has no other party"));
    }

    private OriginateAction originate(String channel, String id) {
        OriginateAction o = new OriginateAction();
        o.setChannel(channel);
        o.setChannelId(id);
        o.setAsync(true);
        o.setTimeout(30_000L);
        return o;
    }

    private List<LiveChannel> channels(String callId) {
        List<LiveChannel> list = live.ofCall(callId);
        if (list.isEmpty()) {
            throw new SwitchRejectedException(config.id(), "no live channel in call " + callId);
        }
        return list;
    }

    private LiveChannel leg(String callId, String legId) {
        return live.leg(legId).filter(c -> c.state() == null || !c.state().isTerminal())
                .orElseThrow(() -> new SwitchRejectedException(config.id(),
                        "no live channel for leg " + legId + " of call " + callId));
    }

    /** The caller if still there, else the oldest connected party. */
    private LiveChannel firstParty(String callId) {
        List<LiveChannel> list = channels(callId);
        return list.stream().filter(c -> c.state() == LegState.CONNECTED).findFirst().orElse(list.get(0));
    }

    /** The device that is in both calls: the one that put the first on hold and consulted from it. */
    private LiveChannel transferer(String callId, String consultCallId) {
        List<LiveChannel> main = channels(callId);
        for (LiveChannel c : channels(consultCallId)) {
            if (main.stream().anyMatch(m -> m.device().equals(c.device()))) {
                return c;
            }
        }
        throw new SwitchRejectedException(config.id(), "no device is in both call " + callId + " and " + consultCallId);
    }
}
