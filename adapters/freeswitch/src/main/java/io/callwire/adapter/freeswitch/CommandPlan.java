package io.callwire.adapter.freeswitch;

import io.callwire.adapter.freeswitch.CallDirectory.LegEntry;
import io.callwire.core.command.AgentLogin;
import io.callwire.core.command.AgentLogout;
import io.callwire.core.command.AgentNotReady;
import io.callwire.core.command.AgentReady;
import io.callwire.core.command.Answer;
import io.callwire.core.command.AttachData;
import io.callwire.core.command.BlindTransfer;
import io.callwire.core.command.CommandResult;
import io.callwire.core.command.CompleteTransfer;
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
import io.callwire.core.model.LegRole;

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
 * @param result    the command's result on success
 * @param onSuccess what to publish after success, on the translating thread, for what FreeSWITCH reports no
 *                  event of its own (call data set with uuid_setvar, a transfer made with uuid_transfer)
 */
record CommandPlan(List<String> apis, CommandResult result, Consumer<EventTranslator> onSuccess) {

    private static final Consumer<EventTranslator> NOTHING = t -> { };

    /** Types the adapter carries out. */
    static final Set<Class<? extends CtiCommand>> SUPPORTED = Set.of(MakeCall.class, Answer.class, HangUp.class,
            Hold.class, Retrieve.class, BlindTransfer.class, Redirect.class, CompleteTransfer.class, SendDtmf.class,
            StartRecording.class, StopRecording.class, Monitor.class, AttachData.class, AgentLogin.class,
            AgentLogout.class, AgentReady.class, AgentNotReady.class);

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
            return one("uuid_transfer " + leg(dir, c.callId(), c.legId()) + " " + safe(c.destination(), "destination")
                    + " XML " + cfg.context(), c.callId(), c.legId());
        }
        if (command instanceof CompleteTransfer c) {
            // the consultation was placed by the transferring party: its first leg; the consulted party is another
            List<LegEntry> held = dir.legsOf(c.callId());
            List<LegEntry> consult = dir.legsOf(c.consultCallId());
            String transferring = consult.isEmpty() ? "" : consult.get(0).deviceId();
            LegEntry a = held.stream().filter(l -> !l.deviceId().equals(transferring)).findFirst().orElse(null);
            LegEntry b = consult.stream().skip(1).filter(l -> !l.deviceId().equals(transferring)).findFirst().orElse(null);
            if (a == null || b == null) {
                throw new NotExpressible("cannot tell the held party of call " + c.callId()
                        + " and the consulted party of call " + c.consultCallId() + " apart");
            }
            return new CommandPlan(List.of("uuid_bridge " + a.uuid() + " " + b.uuid()),
                    new CommandResult(c.callId(), a.legId(), "bridged"), NOTHING);
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
            return agentStatus(c.agentId(), "Available");
        }
        if (command instanceof AgentNotReady c) {
            return agentStatus(c.agentId(), "On Break");
        }
        throw new NotExpressible(command.getClass().getSimpleName() + " has no FreeSWITCH equivalent here");
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
