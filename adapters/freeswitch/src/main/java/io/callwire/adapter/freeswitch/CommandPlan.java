package io.callwire.adapter.freeswitch;

import io.callwire.adapter.freeswitch.CallDirectory.LegEntry;
import io.callwire.core.command.AgentLogin;
import io.callwire.core.command.AgentLogout;
import io.callwire.core.command.AgentNotReady;
import io.callwire.core.command.AgentReady;
import io.callwire.core.command.AgentWrapUp;
import io.callwire.core.command.Answer;
import io.callwire.core.command.AttachData;
import io.callwire.core.command.BlindTransfer;
import io.callwire.core.command.CommandResult;
import io.callwire.core.command.CancelConsult;
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
import io.callwire.core.model.DeviceType;
import io.callwire.core.model.LegRole;
import io.callwire.core.model.LegState;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * What one command becomes on the Event Socket: the {@code bgapi} commands to run in order, and the result
 * to answer when every one of them said {@code +OK}. Library ids are turned into channel UUIDs through the
 * {@link CallDirectory}; a call without a known leg falls back to its id, which is its first channel's UUID.
 *
 * @param apis      bgapi command lines (without the {@code bgapi} word)
 * @param required  how many of the first {@code apis} must say {@code +OK}; the rest are clean-up (hanging up
 *                  legs a transfer left behind) whose refusal, typically "no such channel" because the switch
 *                  cleared the leg itself already, is logged and does not fail the command
 * @param result    the command's result on success
 * @param onSuccess what to publish after success, on the translating thread, for what FreeSWITCH reports no
 *                  event of its own (call data set with uuid_setvar, a transfer made with uuid_transfer)
 * @param beforeSend what the translator must know before the switch can report the command's effect, run on the
 *                  translating thread before the first command is sent (a queued caller a Redirect takes out of its
 *                  queue, the reason of an AgentWrapUp): the switch's events may overtake the job's {@code +OK}
 * @param onFailure undoes {@code beforeSend} when the command failed, on the translating thread
 */
record CommandPlan(List<String> apis, int required, CommandResult result, Consumer<EventTranslator> onSuccess,
                   Consumer<EventTranslator> beforeSend, Consumer<EventTranslator> onFailure) {

    private static final Consumer<EventTranslator> NOTHING = t -> { };

    /** Variable set on a consultation's originated leg; its value is the call the consultation was made from. */
    static final String PARENT_VARIABLE = "callwire_parent_call";

    CommandPlan {
        apis = List.copyOf(apis);
        if (required < 1 || required > apis.size()) {
            throw new IllegalArgumentException("required must be within 1.." + apis.size() + ", got " + required);
        }
    }

    /** A plan whose every command must succeed. */
    CommandPlan(List<String> apis, CommandResult result, Consumer<EventTranslator> onSuccess) {
        this(apis, apis.size(), result, onSuccess, NOTHING, NOTHING);
    }

    /** A plan whose first {@code required} commands must succeed, the rest being clean-up. */
    CommandPlan(List<String> apis, int required, CommandResult result, Consumer<EventTranslator> onSuccess) {
        this(apis, required, result, onSuccess, NOTHING, NOTHING);
    }

    /** Types the adapter carries out. */
    static final Set<Class<? extends CtiCommand>> SUPPORTED = Set.of(MakeCall.class, Answer.class, HangUp.class,
            Hold.class, Retrieve.class, BlindTransfer.class, Redirect.class, Consult.class, CancelConsult.class,
            CompleteTransfer.class, Conference.class, SendDtmf.class,
            StartRecording.class, StopRecording.class, Monitor.class, AttachData.class, AgentLogin.class,
            AgentLogout.class, AgentReady.class, AgentNotReady.class, AgentWrapUp.class);

    /** Values that go into a dial string or an API argument unquoted. */
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_.:@+#*/=-]*");

    /** A command the adapter cannot express, with the reason. */
    static final class NotExpressible extends Exception {
        private static final long serialVersionUID = 1L;

        NotExpressible(String message) {
            super(message);
        }
    }

    static CommandPlan of(CtiCommand command, CallDirectory dir, FreeswitchConfig cfg) throws NotExpressible {
        if (command instanceof MakeCall c) {
            String uuid = UUID.randomUUID().toString();
            StringBuilder vars = new StringBuilder("origination_uuid=").append(uuid);
            for (Map.Entry<String, String> d : c.data().entrySet()) {
                vars.append(',').append(cfg.dataPrefix()).append(safe(d.getKey(), "data key"))
                        .append('=').append(safe(d.getValue(), "data value"));
            }
            String api = "originate {" + vars + "}" + endpoint(cfg, c.fromDevice()) + " "
                    + safe(c.destination(), "destination") + " XML " + cfg.context();
            return new CommandPlan(List.of(api), new CommandResult(uuid, uuid, "originated"), NOTHING);
        }
        if (command instanceof Answer c) {
            return one("uuid_answer " + leg(dir, c.callId(), c.legId()), c.callId(), c.legId());
        }
        if (command instanceof HangUp c) {
            if (!c.legId().isEmpty()) {
                return one("uuid_kill " + leg(dir, c.callId(), c.legId()), c.callId(), c.legId());
            }
            List<String> apis = new ArrayList<>();
            for (LegEntry l : dir.legsOf(c.callId())) {
                apis.add("uuid_kill " + l.uuid());
            }
            if (apis.isEmpty()) {
                apis.add("uuid_kill " + c.callId());
            }
            return new CommandPlan(apis, new CommandResult(c.callId(), "", "hung up"), NOTHING);
        }
        if (command instanceof Hold c) {
            return one("uuid_hold " + leg(dir, c.callId(), c.legId()), c.callId(), c.legId());
        }
        if (command instanceof Retrieve c) {
            return one("uuid_hold off " + leg(dir, c.callId(), c.legId()), c.callId(), c.legId());
        }
        if (command instanceof BlindTransfer c) {
            String dest = safe(c.destination(), "destination") + " XML " + cfg.context();
            String api = c.legId().isEmpty()
                    ? "uuid_transfer " + leg(dir, c.callId(), "") + " " + dest
                    : "uuid_transfer " + leg(dir, c.callId(), c.legId()) + " -bleg " + dest;
            return new CommandPlan(List.of(api), new CommandResult(c.callId(), c.legId(), "transferred"),
                    t -> t.transferred(c.callId(), c.legId(), c.destination()));
        }
        if (command instanceof Redirect c) {
            return redirect(c, dir, cfg);
        }
        if (command instanceof Consult c) {
            return consult(c, dir, cfg);
        }
        if (command instanceof CancelConsult c) {
            return cancelConsult(c, dir);
        }
        if (command instanceof CompleteTransfer c) {
            return completeTransfer(c, dir);
        }
        if (command instanceof Conference c) {
            return conference(c, dir, cfg);
        }
        if (command instanceof SendDtmf c) {
            return one("uuid_send_dtmf " + leg(dir, c.callId(), c.legId()) + " " + c.digits(), c.callId(), c.legId());
        }
        if (command instanceof StartRecording c) {
            String path = c.location().isEmpty() ? cfg.recordDir() + "/" + c.callId() + ".wav" : c.location();
            return new CommandPlan(List.of("uuid_record " + leg(dir, c.callId(), "") + " start " + safe(path, "location")),
                    new CommandResult(c.callId(), "", path), NOTHING);
        }
        if (command instanceof StopRecording c) {
            return one("uuid_record " + leg(dir, c.callId(), "") + " stop all", c.callId(), "");
        }
        if (command instanceof Monitor c) {
            List<LegEntry> legs = dir.legsOf(c.callId());
            String target = legs.stream().filter(l -> l.role() == LegRole.AGENT).map(LegEntry::uuid).findFirst()
                    .orElse(legs.stream().filter(l -> l.role() == LegRole.CALLED).map(LegEntry::uuid).findFirst()
                            .orElse(leg(dir, c.callId(), "")));
            String vars = switch (c.mode()) {
                case LISTEN -> "";
                case WHISPER -> ",eavesdrop_whisper_aleg=true";
                case BARGE -> ",eavesdrop_whisper_aleg=true,eavesdrop_whisper_bleg=true";
            };
            String uuid = UUID.randomUUID().toString();
            return new CommandPlan(List.of("originate {origination_uuid=" + uuid + vars + "}"
                    + endpoint(cfg, c.supervisorDevice()) + " &eavesdrop(" + target + ")"),
                    new CommandResult(uuid, uuid, c.mode().name().toLowerCase(java.util.Locale.ROOT)), NOTHING);
        }
        if (command instanceof AttachData c) {
            String uuid = leg(dir, c.callId(), "");
            List<String> apis = new ArrayList<>();
            for (Map.Entry<String, String> d : c.data().entrySet()) {
                apis.add("uuid_setvar " + uuid + " " + cfg.dataPrefix() + safe(d.getKey(), "data key")
                        + (d.getValue().isEmpty() ? "" : " " + safe(d.getValue(), "data value")));
            }
            return new CommandPlan(apis, new CommandResult(c.callId(), "", "data set"),
                    t -> t.dataSet(c.callId(), c.data()));
        }
        if (command instanceof AgentLogin c) {
            List<String> apis = new ArrayList<>();
            apis.add("callcenter_config agent set contact " + safe(c.agentId(), "agent") + " " + endpoint(cfg, c.deviceId()));
            apis.add("callcenter_config agent set status " + c.agentId() + " 'On Break'");
            for (String q : c.queues()) {
                apis.add("callcenter_config tier add " + safe(q, "queue") + " " + c.agentId() + " 1 1");
            }
            return new CommandPlan(apis, CommandResult.ok("logged in"), NOTHING);
        }
        if (command instanceof AgentLogout c) {
            return agentStatus(c.agentId(), "Logged Out");
        }
        if (command instanceof AgentReady c) {
            // Available, and Waiting so that an agent left Idle by AgentWrapUp (or by On Demand) is offered calls again
            String agent = safe(c.agentId(), "agent");
            return new CommandPlan(List.of("callcenter_config agent set status " + agent + " 'Available'",
                    "callcenter_config agent set state " + agent + " 'Waiting'"), CommandResult.ok("Available"), NOTHING);
        }
        if (command instanceof AgentWrapUp c) {
            // mod_callcenter's own after-call work: state Idle (status unchanged) is offered no call until Waiting
            return new CommandPlan(List.of("callcenter_config agent set state " + safe(c.agentId(), "agent") + " 'Idle'"),
                    1, CommandResult.ok("Idle"), NOTHING, t -> t.expectWrapUp(c.agentId(), c.reason()),
                    t -> t.dropWrapUp(c.agentId()));
        }
        if (command instanceof AgentNotReady c) {
            return agentStatus(c.agentId(), "On Break");
        }
        throw new NotExpressible(command.getClass().getSimpleName() + " has no FreeSWITCH equivalent here");
    }

    /**
     * Holds the call on the consulting party's leg ({@code uuid_hold}: FreeSWITCH plays hold music to its partner,
     * the held party, and reports CHANNEL_HOLD on the consulting leg, as for {@code Hold}), then originates from the
     * consulting party's station to the destination: a new call whose first leg carries {@link #PARENT_VARIABLE}, so the translator
     * publishes its CallStarted with the held call as parent. The result names the consultation call (the
     * originated leg's UUID). The originate job answers once the station took the consultation leg.
     */
    private static CommandPlan consult(Consult c, CallDirectory dir, FreeswitchConfig cfg) throws NotExpressible {
        List<LegEntry> legs = dir.legsOf(c.callId());
        LegEntry from = c.legId().isEmpty() ? consultingParty(legs, c.callId())
                : dir.byLegId(c.legId()).orElseThrow(() -> new NotExpressible("leg " + c.legId() + " is not live"));
        List<String> apis = new ArrayList<>();
        if (from.state() != LegState.HELD) {
            apis.add("uuid_hold " + from.uuid());
        }
        String uuid = UUID.randomUUID().toString();
        apis.add("originate {origination_uuid=" + uuid + "," + PARENT_VARIABLE + "=" + safe(c.callId(), "call id")
                + "}" + endpoint(cfg, from.deviceId()) + " " + safe(c.destination(), "destination") + " XML "
                + cfg.context());
        return new CommandPlan(apis, new CommandResult(uuid, uuid, "consulting " + c.destination()), NOTHING);
    }

    /** The party that consults when no leg is named: the agent's leg, else the called station's. */
    private static LegEntry consultingParty(List<LegEntry> legs, String callId) throws NotExpressible {
        for (LegRole role : List.of(LegRole.AGENT, LegRole.CALLED)) {
            for (LegEntry l : legs) {
                if (l.role() == role && l.deviceType() == DeviceType.STATION) {
                    return l;
                }
            }
        }
        throw new NotExpressible("call " + callId + " has no agent or station leg to consult from; name the leg");
    }

    /** The consultation's consulting leg: its CONSULT leg (placed by Consult), else its first leg; null when none. */
    private static LegEntry consultingLeg(List<LegEntry> consult) {
        return consult.stream().filter(l -> l.role() == LegRole.CONSULT).findFirst()
                .orElse(consult.isEmpty() ? null : consult.get(0));
    }

    /** The consulting station's device, empty when the consultation has no leg left. */
    private static String consultingDevice(List<LegEntry> consult) {
        LegEntry l = consultingLeg(consult);
        return l == null ? "" : l.deviceId();
    }

    /**
     * Hangs up the consulting leg (FreeSWITCH then clears the consulted party bridged to it, or cancels it while it
     * rings) and takes the call off hold ({@code uuid_hold off} on the consulting station's leg in the held call and
     * on any other held leg of it).
     */
    private static CommandPlan cancelConsult(CancelConsult c, CallDirectory dir) throws NotExpressible {
        List<LegEntry> consult = dir.legsOf(c.consultCallId());
        String consulting = consultingDevice(consult);
        List<String> apis = new ArrayList<>();
        LegEntry consultingLeg = consultingLeg(consult);
        if (consultingLeg != null) {
            apis.add("uuid_kill " + consultingLeg.uuid());
        }
        for (LegEntry l : dir.legsOf(c.callId())) {
            if (l.state() == LegState.HELD || !consulting.isEmpty() && l.deviceId().equals(consulting)) {
                apis.add("uuid_hold off " + l.uuid());
            }
        }
        if (apis.isEmpty()) {
            throw new NotExpressible("call " + c.callId() + " has no held party and consultation "
                    + c.consultCallId() + " no live leg");
        }
        return new CommandPlan(apis, new CommandResult(c.callId(), "", "consultation cancelled"), NOTHING);
    }

    /**
     * Bridges the held party with the consulted party ({@code uuid_bridge}); then, as clean-up, takes the held
     * party off hold if it was itself held and hangs up the consulting station's legs in both calls. The CHANNEL_BRIDGE of the two
     * calls' legs makes the translator publish CallTransferred(ATTENDED).
     */
    private static CommandPlan completeTransfer(CompleteTransfer c, CallDirectory dir) throws NotExpressible {
        List<LegEntry> held = dir.legsOf(c.callId());
        List<LegEntry> consult = dir.legsOf(c.consultCallId());
        String transferring = consultingDevice(consult);
        LegEntry a = held.stream().filter(l -> !l.deviceId().equals(transferring)).findFirst().orElse(null);
        LegEntry consulting = consultingLeg(consult);
        LegEntry b = consult.stream().filter(l -> l != consulting && !l.deviceId().equals(transferring))
                .findFirst().orElse(null);
        if (a == null || b == null) {
            throw new NotExpressible("cannot tell the held party of call " + c.callId()
                    + " and the consulted party of call " + c.consultCallId() + " apart");
        }
        List<String> apis = new ArrayList<>();
        apis.add("uuid_bridge " + a.uuid() + " " + b.uuid());
        if (a.state() == LegState.HELD) {
            apis.add("uuid_hold off " + a.uuid());
        }
        for (LegEntry l : held) {
            if (l.deviceId().equals(transferring)) {
                apis.add("uuid_kill " + l.uuid());
            }
        }
        for (LegEntry l : consult) {
            if (l != b && l.deviceId().equals(transferring)) {
                apis.add("uuid_kill " + l.uuid());
            }
        }
        return new CommandPlan(apis, 1, new CommandResult(c.callId(), a.legId(), "bridged"), NOTHING);
    }

    /**
     * Moves the held call's parties and the consultation (its consulting leg together with the consulted party,
     * {@code -both}) into the conference room {@code cw-<call>} with {@code uuid_transfer}; then, as clean-up,
     * hangs up the consulting station's leg in the held call (the station stays in the room through its
     * consultation leg). The conference's add-member events make the translator publish CallConferenced.
     */
    private static CommandPlan conference(Conference c, CallDirectory dir, FreeswitchConfig cfg) throws NotExpressible {
        List<LegEntry> held = dir.legsOf(c.callId());
        List<LegEntry> consult = dir.legsOf(c.consultCallId());
        String consulting = consultingDevice(consult);
        List<LegEntry> parties = held.stream().filter(l -> !l.deviceId().equals(consulting)).toList();
        if (consult.size() < 2 || parties.isEmpty()) {
            throw new NotExpressible("call " + c.callId() + " has no held party or consultation " + c.consultCallId()
                    + " no consulted party to conference");
        }
        LegEntry stationLeg = consultingLeg(consult);
        String room = "cw-" + safe(c.callId(), "call id");
        String destination = String.format(cfg.conference(), room);
        List<String> apis = new ArrayList<>();
        for (LegEntry p : parties) {
            apis.add("uuid_transfer " + p.uuid() + " " + destination);
        }
        apis.add("uuid_transfer " + stationLeg.uuid() + " -both " + destination);
        int required = apis.size();
        for (LegEntry l : held) {
            if (l.deviceId().equals(consulting)) {
                apis.add("uuid_kill " + l.uuid());
            }
        }
        return new CommandPlan(apis, required, new CommandResult(c.callId(), "", "conference " + room), NOTHING);
    }

    /**
     * Moves a call before it is answered: a queued caller (mod_callcenter member) or any other leg is transferred
     * itself ({@code uuid_transfer <leg> <dest> XML <context>}); for a ringing outbound leg the call's first leg
     * (the caller whose bridge rings it) is transferred instead, which cancels the ringing leg — transferring the
     * ringing channel would not stop the phone ringing. FreeSWITCH reports no event for uuid_transfer, so the
     * adapter publishes the CallDiverted after {@code +OK}.
     */
    private static CommandPlan redirect(Redirect c, CallDirectory dir, FreeswitchConfig cfg) throws NotExpressible {
        String destination = safe(c.destination(), "destination");
        List<LegEntry> legs = dir.legsOf(c.callId());
        LegEntry target = c.legId().isEmpty() ? legs.stream().findFirst().orElse(null) : dir.byLegId(c.legId()).orElse(null);
        String moved = target == null ? leg(dir, c.callId(), c.legId()) : target.uuid();
        if (target != null && target.state() == LegState.ALERTING && target.outbound()) {
            LegEntry caller = legs.stream().filter(l -> l != target && !l.outbound()).findFirst().orElse(null);
            if (caller != null) {
                moved = caller.uuid();
            }
        }
        boolean queued = target != null && target.state() == LegState.QUEUED;
        String from = target == null ? "" : target.legId();
        String movedUuid = moved;
        return new CommandPlan(List.of("uuid_transfer " + moved + " " + destination + " XML " + cfg.context()), 1,
                new CommandResult(c.callId(), c.legId(), "redirected to " + c.destination()),
                t -> t.redirected(c.callId(), from, movedUuid, c.destination()),
                queued ? t -> t.expectBreakout(movedUuid) : NOTHING, queued ? t -> t.dropBreakout(movedUuid) : NOTHING);
    }

    private static CommandPlan agentStatus(String agent, String status) throws NotExpressible {
        return new CommandPlan(List.of("callcenter_config agent set status " + safe(agent, "agent") + " '" + status + "'"),
                CommandResult.ok(status), NOTHING);
    }

    private static CommandPlan one(String api, String callId, String legId) {
        return new CommandPlan(List.of(api), new CommandResult(callId, legId, ""), NOTHING);
    }

    /** The channel UUID of a leg, or of the call's oldest live leg when no leg is named. */
    private static String leg(CallDirectory dir, String callId, String legId) {
        if (!legId.isEmpty()) {
            return dir.byLegId(legId).map(LegEntry::uuid).orElse(legId);
        }
        List<LegEntry> legs = dir.legsOf(callId);
        return legs.isEmpty() ? callId : legs.get(0).uuid();
    }

    private static String endpoint(FreeswitchConfig cfg, String device) throws NotExpressible {
        return String.format(cfg.endpoint(), safe(device, "device"));
    }

    /** Text that goes into a command line unquoted: no spaces, commas, braces, quotes or line breaks. */
    static String safe(String value, String what) throws NotExpressible {
        if (!SAFE.matcher(value).matches()) {
            throw new NotExpressible(what + " '" + EslFrameDecoder.abbreviate(value)
                    + "' has characters that cannot be passed to FreeSWITCH unquoted (allowed: letters, digits, _.:@+#*/=-)");
        }
        return value;
    }
}
