package io.callwire.recorder.wire;

import io.callwire.core.command.AcceptTask;
import io.callwire.core.command.AgentLogin;
import io.callwire.core.command.AgentLogout;
import io.callwire.core.command.AgentNotReady;
import io.callwire.core.command.AgentReady;
import io.callwire.core.command.AgentWrapUp;
import io.callwire.core.command.Answer;
import io.callwire.core.command.AttachData;
import io.callwire.core.command.BlindTransfer;
import io.callwire.core.command.CancelConsult;
import io.callwire.core.command.CancelTask;
import io.callwire.core.command.CompleteTask;
import io.callwire.core.command.ConfigureQueue;
import io.callwire.core.command.CompleteTransfer;
import io.callwire.core.command.Conference;
import io.callwire.core.command.Consult;
import io.callwire.core.command.CtiCommand;
import io.callwire.core.command.HangUp;
import io.callwire.core.command.Hold;
import io.callwire.core.command.MakeCall;
import io.callwire.core.command.Monitor;
import io.callwire.core.command.MonitorMode;
import io.callwire.core.command.Redirect;
import io.callwire.core.command.RejectTask;
import io.callwire.core.command.ReprioritizeTask;
import io.callwire.core.command.Retrieve;
import io.callwire.core.command.SendDtmf;
import io.callwire.core.command.StartRecording;
import io.callwire.core.command.StopRecording;
import io.callwire.core.command.SubmitTask;
import io.callwire.core.event.AgentReserved;
import io.callwire.core.event.AgentStateChanged;
import io.callwire.core.event.CallAbandoned;
import io.callwire.core.event.CallConferenced;
import io.callwire.core.event.CallAliased;
import io.callwire.core.event.CallDataChanged;
import io.callwire.core.event.CallDiverted;
import io.callwire.core.event.CallEnded;
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
import io.callwire.core.event.LegFailed;
import io.callwire.core.event.LegHeld;
import io.callwire.core.event.LegRetrieved;
import io.callwire.core.event.LinkStateChanged;
import io.callwire.core.event.RawEvent;
import io.callwire.core.event.RecordingStarted;
import io.callwire.core.event.RecordingStopped;
import io.callwire.core.event.ReservationRejected;
import io.callwire.core.event.ReservationTimedOut;
import io.callwire.core.event.TaskAssigned;
import io.callwire.core.event.TaskCompleted;
import io.callwire.core.event.TaskOverflowed;
import io.callwire.core.event.TaskQueued;
import io.callwire.core.event.Tick;
import io.callwire.core.event.TransferKind;
import io.callwire.core.model.AgentState;
import io.callwire.core.model.Channel;
import io.callwire.core.model.DeviceType;
import io.callwire.core.model.Direction;
import io.callwire.core.model.LegRole;
import io.callwire.core.model.LegState;
import io.callwire.core.model.LinkState;
import io.callwire.recorder.CommandEntry;
import io.callwire.recorder.DecisionEntry;
import io.callwire.recorder.EventEntry;
import io.callwire.recorder.JournalEntry;
import io.callwire.recorder.SessionEntry;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The journal's own binary wire format (no Java serialization, no Chronicle wire): one entry is
 * <pre>
 *   version:u8  kind:u8  type:u8  body...  crc32c:i32(big-endian, over everything before it)
 * </pre>
 * where kind is 1 event, 2 command, 3 session start, 4 decision (an event the engine derived), and type is the stable code of the event or command
 * record (see docs/recorder.md; codes are never reused). Numbers are LEB128 varints (zig-zag when signed),
 * strings are varint(UTF-8 length + 1) with 0 for null, enums are written by name, maps as a count and sorted
 * key/value pairs. An event's body starts with its envelope: sequence, switch id, timestamp, call id, leg id,
 * device id, flags (bit 0 synthetic, bit 1 raw present), raw text. Version 1 entries, identical but for a
 * CRC-32 trailer, are still read.
 */
public final class EntryCodec {
    /** Wire format version written in every entry: 2, the CRC-32C trailer. */
    public static final int FORMAT_VERSION = 2;
    /** The first format, with a CRC-32 trailer; still read. */
    static final int LEGACY_VERSION = 1;
    static final int KIND_EVENT = 1;
    static final int KIND_COMMAND = 2;
    static final int KIND_SESSION = 3;
    static final int KIND_DECISION = 4;

    /** Every enum's constant names, UTF-8 encoded once. */
    private static final ClassValue<byte[][]> ENUM_NAMES = new ClassValue<>() {
        @Override
        protected byte[][] computeValue(Class<?> type) {
            Object[] constants = type.getEnumConstants();
            byte[][] names = new byte[constants.length][];
            for (int i = 0; i < constants.length; i++) {
                names[i] = ((Enum<?>) constants[i]).name().getBytes(StandardCharsets.UTF_8);
            }
            return names;
        }
    };

    private EntryCodec() {
    }

    /** Encodes a session start into {@code out} (cleared first). */
    public static void encodeSession(long startedAt, WireBuffer out) {
        out.clear();
        out.putByte(FORMAT_VERSION);
        out.putByte(KIND_SESSION);
        out.putByte(0);
        out.putSignedVarLong(startedAt);
        out.putChecksum();
    }

    /** Encodes an event into {@code out} (cleared first). */
    public static void encodeEvent(CtiEvent event, WireBuffer out) {
        encodeEvent(KIND_EVENT, event, out);
    }

    /** Encodes a decision the engine derived (a routing decision, a derived CallEnded) into {@code out}. */
    public static void encodeDecision(CtiEvent decision, WireBuffer out) {
        encodeEvent(KIND_DECISION, decision, out);
    }

    private static void encodeEvent(int kind, CtiEvent event, WireBuffer out) {
        out.clear();
        out.putByte(FORMAT_VERSION);
        out.putByte(kind);
        out.putByte(eventType(event));
        Envelope env = event.envelope();
        out.putVarLong(env.sequence());
        out.putString(env.switchId());
        out.putSignedVarLong(env.timestamp());
        out.putString(env.callId());
        out.putString(env.legId());
        out.putString(env.deviceId());
        out.putByte((env.synthetic() ? 1 : 0) | (env.raw() != null ? 2 : 0));
        if (env.raw() != null) {
            out.putString(env.raw());
        }
        eventBody(event, out);
        out.putChecksum();
    }

    /** Encodes a host command at its ring sequence into {@code out} (cleared first). */
    public static void encodeCommand(long sequence, CtiCommand command, WireBuffer out) {
        out.clear();
        out.putByte(FORMAT_VERSION);
        out.putByte(KIND_COMMAND);
        out.putByte(commandType(command));
        out.putVarLong(sequence);
        commandBody(command, out);
        out.putChecksum();
    }

    /**
     * Decodes one entry held in {@code in} (from position 0).
     *
     * @throws WireFormatException when the checksum, version, kind, type or a field is wrong
     */
    public static JournalEntry decode(long index, WireBuffer in) {
        boolean legacy = in.length() > 0 && in.array()[0] == LEGACY_VERSION;
        if (!(legacy ? in.legacyChecksumMatches() : in.checksumMatches())) {
            throw new WireFormatException("checksum mismatch (" + in.length() + " bytes)");
        }
        int version = in.getByte();
        if (version != FORMAT_VERSION && version != LEGACY_VERSION) {
            throw new WireFormatException("unknown wire format version " + version);
        }
        int kind = in.getByte();
        int type = in.getByte();
        try {
            JournalEntry entry = switch (kind) {
                case KIND_EVENT -> new EventEntry(index, decodeEvent(type, in));
                case KIND_COMMAND -> {
                    long sequence = in.getVarLong();
                    yield new CommandEntry(index, sequence, decodeCommand(type, in));
                }
                case KIND_SESSION -> new SessionEntry(index, in.getSignedVarLong(), version);
                case KIND_DECISION -> new DecisionEntry(index, decodeEvent(type, in));
                default -> throw new WireFormatException("unknown entry kind " + kind);
            };
            if (in.position() != in.length() - 4) {
                throw new WireFormatException((in.length() - 4 - in.position()) + " unread bytes after the body");
            }
            return entry;
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new WireFormatException("invalid field in entry of kind " + kind + " type " + type + ": "
                    + e.getMessage(), e);
        }
    }

    // ---- events ---------------------------------------------------------------------------------------------

    private static int eventType(CtiEvent e) {
        if (e instanceof CallStarted) return 1;
        if (e instanceof LegCreated) return 2;
        if (e instanceof LegAlerting) return 3;
        if (e instanceof CallQueued) return 4;
        if (e instanceof LegConnected) return 5;
        if (e instanceof LegHeld) return 6;
        if (e instanceof LegRetrieved) return 7;
        if (e instanceof LegFailed) return 8;
        if (e instanceof LegCleared) return 9;
        if (e instanceof CallEnded) return 10;
        if (e instanceof CallDiverted) return 11;
        if (e instanceof CallTransferred) return 12;
        if (e instanceof CallConferenced) return 13;
        if (e instanceof CallDataChanged) return 14;
        if (e instanceof CallAbandoned) return 15;
        if (e instanceof AgentStateChanged) return 16;
        if (e instanceof DtmfReceived) return 17;
        if (e instanceof RecordingStarted) return 18;
        if (e instanceof RecordingStopped) return 19;
        if (e instanceof LinkStateChanged) return 20;
        if (e instanceof RawEvent) return 21;
        if (e instanceof Tick) return 22;
        if (e instanceof TaskQueued) return 23;
        if (e instanceof AgentReserved) return 24;
        if (e instanceof TaskAssigned) return 25;
        if (e instanceof ReservationRejected) return 26;
        if (e instanceof ReservationTimedOut) return 27;
        if (e instanceof TaskOverflowed) return 28;
        if (e instanceof TaskCompleted) return 29;
        if (e instanceof CallAliased) return 30;
        throw new IllegalArgumentException("no wire type for " + e.getClass().getName());
    }

    private static void eventBody(CtiEvent event, WireBuffer out) {
        if (event instanceof CallStarted e) {
            putEnum(e.direction(), out);
            out.putString(e.ani());
            out.putString(e.dnis());
            out.putString(e.parentCallId());
        } else if (event instanceof LegCreated e) {
            putEnum(e.role(), out);
            putEnum(e.initialState(), out);
            putEnum(e.deviceType(), out);
            out.putString(e.number());
        } else if (event instanceof CallQueued e) {
            out.putString(e.queueId());
        } else if (event instanceof LegFailed e) {
            out.putString(e.cause());
        } else if (event instanceof LegCleared e) {
            out.putString(e.cause());
        } else if (event instanceof CallEnded e) {
            out.putString(e.cause());
        } else if (event instanceof CallDiverted e) {
            out.putString(e.fromDeviceId());
            out.putString(e.toDeviceId());
            out.putString(e.reason());
        } else if (event instanceof CallTransferred e) {
            putList(e.oldCallIds(), out);
            putEnum(e.kind(), out);
            out.putString(e.transferringDeviceId());
            out.putString(e.destination());
        } else if (event instanceof CallConferenced e) {
            putList(e.oldCallIds(), out);
            putList(e.partyDeviceIds(), out);
        } else if (event instanceof CallDataChanged e) {
            putMap(e.data(), out);
        } else if (event instanceof CallAbandoned e) {
            out.putString(e.queueId());
            out.putSignedVarLong(e.waitedMillis());
        } else if (event instanceof AgentStateChanged e) {
            out.putString(e.agentId());
            putEnum(e.state(), out);
            out.putString(e.reason());
        } else if (event instanceof DtmfReceived e) {
            out.putString(e.digit());
        } else if (event instanceof RecordingStarted e) {
            out.putString(e.recordingId());
            out.putString(e.location());
        } else if (event instanceof RecordingStopped e) {
            out.putString(e.recordingId());
        } else if (event instanceof LinkStateChanged e) {
            putEnum(e.state(), out);
            out.putString(e.detail());
        } else if (event instanceof RawEvent e) {
            out.putString(e.vendorType());
            putMap(e.fields(), out);
        } else if (event instanceof TaskQueued e) {
            out.putString(e.taskId());
            out.putString(e.queueId());
            out.putSignedVarLong(e.priority());
        } else if (event instanceof AgentReserved e) {
            putStrings(out, e.taskId(), e.agentId(), e.reservationId());
        } else if (event instanceof TaskAssigned e) {
            putStrings(out, e.taskId(), e.agentId(), e.reservationId());
        } else if (event instanceof ReservationRejected e) {
            putStrings(out, e.taskId(), e.agentId(), e.reservationId(), e.reason());
        } else if (event instanceof ReservationTimedOut e) {
            putStrings(out, e.taskId(), e.agentId(), e.reservationId());
        } else if (event instanceof TaskOverflowed e) {
            putStrings(out, e.taskId(), e.fromQueueId(), e.toQueueId());
        } else if (event instanceof TaskCompleted e) {
            putStrings(out, e.taskId(), e.agentId(), e.outcome());
        } else if (event instanceof CallAliased e) {
            out.putString(e.alias());
        }
        // LegAlerting, LegConnected, LegHeld, LegRetrieved, Tick: envelope only
    }

    private static CtiEvent decodeEvent(int type, WireBuffer in) {
        long sequence = in.getVarLong();
        String switchId = in.getRequiredString();
        long timestamp = in.getSignedVarLong();
        String callId = in.getString();
        String legId = in.getString();
        String deviceId = in.getString();
        int flags = in.getByte();
        String raw = (flags & 2) != 0 ? in.getString() : null;
        Envelope env = new Envelope(sequence, switchId, timestamp, callId, legId, deviceId, (flags & 1) != 0, raw);
        return switch (type) {
            case 1 -> new CallStarted(env, getEnum(Direction.class, in), in.getString(), in.getString(), in.getString());
            case 2 -> new LegCreated(env, getEnum(LegRole.class, in), getEnum(LegState.class, in),
                    getEnum(DeviceType.class, in), in.getString());
            case 3 -> new LegAlerting(env);
            case 4 -> new CallQueued(env, in.getString());
            case 5 -> new LegConnected(env);
            case 6 -> new LegHeld(env);
            case 7 -> new LegRetrieved(env);
            case 8 -> new LegFailed(env, in.getString());
            case 9 -> new LegCleared(env, in.getString());
            case 10 -> new CallEnded(env, in.getString());
            case 11 -> new CallDiverted(env, in.getString(), in.getString(), in.getString());
            case 12 -> new CallTransferred(env, getList(in), getEnum(TransferKind.class, in), in.getString(),
                    in.getString());
            case 13 -> new CallConferenced(env, getList(in), getList(in));
            case 14 -> new CallDataChanged(env, getMap(in));
            case 15 -> new CallAbandoned(env, in.getString(), in.getSignedVarLong());
            case 16 -> new AgentStateChanged(env, in.getString(), getEnum(AgentState.class, in), in.getString());
            case 17 -> new DtmfReceived(env, in.getString());
            case 18 -> new RecordingStarted(env, in.getString(), in.getString());
            case 19 -> new RecordingStopped(env, in.getString());
            case 20 -> new LinkStateChanged(env, getEnum(LinkState.class, in), in.getString());
            case 21 -> new RawEvent(env, in.getString(), getMap(in));
            case 22 -> new Tick(env);
            case 23 -> new TaskQueued(env, in.getString(), in.getString(), (int) in.getSignedVarLong());
            case 24 -> new AgentReserved(env, in.getString(), in.getString(), in.getString());
            case 25 -> new TaskAssigned(env, in.getString(), in.getString(), in.getString());
            case 26 -> new ReservationRejected(env, in.getString(), in.getString(), in.getString(), in.getString());
            case 27 -> new ReservationTimedOut(env, in.getString(), in.getString(), in.getString());
            case 28 -> new TaskOverflowed(env, in.getString(), in.getString(), in.getString());
            case 29 -> new TaskCompleted(env, in.getString(), in.getString(), in.getString());
            case 30 -> new CallAliased(env, in.getString());
            default -> throw new WireFormatException("unknown event type " + type);
        };
    }

    // ---- commands -------------------------------------------------------------------------------------------

    private static int commandType(CtiCommand c) {
        if (c instanceof MakeCall) return 1;
        if (c instanceof Answer) return 2;
        if (c instanceof HangUp) return 3;
        if (c instanceof Hold) return 4;
        if (c instanceof Retrieve) return 5;
        if (c instanceof BlindTransfer) return 6;
        if (c instanceof Consult) return 7;
        if (c instanceof CompleteTransfer) return 8;
        if (c instanceof CancelConsult) return 9;
        if (c instanceof Conference) return 10;
        if (c instanceof Redirect) return 11;
        if (c instanceof SendDtmf) return 12;
        if (c instanceof StartRecording) return 13;
        if (c instanceof StopRecording) return 14;
        if (c instanceof Monitor) return 15;
        if (c instanceof AttachData) return 16;
        if (c instanceof AgentLogin) return 17;
        if (c instanceof AgentLogout) return 18;
        if (c instanceof AgentReady) return 19;
        if (c instanceof AgentNotReady) return 20;
        if (c instanceof AgentWrapUp) return 21;
        if (c instanceof SubmitTask) return 22;
        if (c instanceof AcceptTask) return 23;
        if (c instanceof RejectTask) return 24;
        if (c instanceof CompleteTask) return 25;
        if (c instanceof CancelTask) return 26;
        if (c instanceof ReprioritizeTask) return 27;
        if (c instanceof ConfigureQueue) return 28;
        throw new IllegalArgumentException("no wire type for " + c.getClass().getName());
    }

    private static void commandBody(CtiCommand command, WireBuffer out) {
        if (command instanceof MakeCall c) {
            putStrings(out, c.switchId(), c.fromDevice(), c.destination());
            putMap(c.data(), out);
        } else if (command instanceof Answer c) {
            putStrings(out, c.callId(), c.legId());
        } else if (command instanceof HangUp c) {
            putStrings(out, c.callId(), c.legId());
        } else if (command instanceof Hold c) {
            putStrings(out, c.callId(), c.legId());
        } else if (command instanceof Retrieve c) {
            putStrings(out, c.callId(), c.legId());
        } else if (command instanceof BlindTransfer c) {
            putStrings(out, c.callId(), c.legId(), c.destination());
        } else if (command instanceof Consult c) {
            putStrings(out, c.callId(), c.legId(), c.destination());
        } else if (command instanceof CompleteTransfer c) {
            putStrings(out, c.callId(), c.consultCallId());
        } else if (command instanceof CancelConsult c) {
            putStrings(out, c.callId(), c.consultCallId());
        } else if (command instanceof Conference c) {
            putStrings(out, c.callId(), c.consultCallId());
        } else if (command instanceof Redirect c) {
            putStrings(out, c.callId(), c.legId(), c.destination());
        } else if (command instanceof SendDtmf c) {
            putStrings(out, c.callId(), c.legId(), c.digits());
        } else if (command instanceof StartRecording c) {
            putStrings(out, c.callId(), c.location());
        } else if (command instanceof StopRecording c) {
            out.putString(c.callId());
        } else if (command instanceof Monitor c) {
            putStrings(out, c.callId(), c.supervisorDevice());
            putEnum(c.mode(), out);
        } else if (command instanceof AttachData c) {
            out.putString(c.callId());
            putMap(c.data(), out);
        } else if (command instanceof AgentLogin c) {
            putStrings(out, c.switchId(), c.agentId(), c.deviceId());
            putList(c.queues(), out);
        } else if (command instanceof AgentLogout c) {
            out.putString(c.agentId());
        } else if (command instanceof AgentReady c) {
            out.putString(c.agentId());
        } else if (command instanceof AgentNotReady c) {
            putStrings(out, c.agentId(), c.reason());
        } else if (command instanceof AgentWrapUp c) {
            putStrings(out, c.agentId(), c.reason());
        } else if (command instanceof SubmitTask c) {
            putStrings(out, c.taskId(), c.queueId());
            putEnum(c.channel(), out);
            out.putSignedVarLong(c.priority());
            out.putString(c.dial());
            out.putSignedVarLong(c.notBefore());
            out.putString(c.replacesCallId());
            putMap(c.data(), out);
        } else if (command instanceof AcceptTask c) {
            out.putString(c.reservationId());
        } else if (command instanceof RejectTask c) {
            putStrings(out, c.reservationId(), c.reason());
        } else if (command instanceof CompleteTask c) {
            out.putString(c.taskId());
        } else if (command instanceof CancelTask c) {
            putStrings(out, c.taskId(), c.reason());
        } else if (command instanceof ReprioritizeTask c) {
            out.putString(c.taskId());
            out.putSignedVarLong(c.priority());
        } else if (command instanceof ConfigureQueue c) {
            out.putString(c.queueId());
            putMap(c.settings(), out);
        }
    }

    private static CtiCommand decodeCommand(int type, WireBuffer in) {
        return switch (type) {
            case 1 -> new MakeCall(in.getString(), in.getString(), in.getString(), getMap(in));
            case 2 -> new Answer(in.getString(), in.getString());
            case 3 -> new HangUp(in.getString(), in.getString());
            case 4 -> new Hold(in.getString(), in.getString());
            case 5 -> new Retrieve(in.getString(), in.getString());
            case 6 -> new BlindTransfer(in.getString(), in.getString(), in.getString());
            case 7 -> new Consult(in.getString(), in.getString(), in.getString());
            case 8 -> new CompleteTransfer(in.getString(), in.getString());
            case 9 -> new CancelConsult(in.getString(), in.getString());
            case 10 -> new Conference(in.getString(), in.getString());
            case 11 -> new Redirect(in.getString(), in.getString(), in.getString());
            case 12 -> new SendDtmf(in.getString(), in.getString(), in.getString());
            case 13 -> new StartRecording(in.getString(), in.getString());
            case 14 -> new StopRecording(in.getString());
            case 15 -> new Monitor(in.getString(), in.getString(), getEnum(MonitorMode.class, in));
            case 16 -> new AttachData(in.getString(), getMap(in));
            case 17 -> new AgentLogin(in.getString(), in.getString(), in.getString(), getList(in));
            case 18 -> new AgentLogout(in.getString());
            case 19 -> new AgentReady(in.getString());
            case 20 -> new AgentNotReady(in.getString(), in.getString());
            case 21 -> new AgentWrapUp(in.getString(), in.getString());
            case 22 -> new SubmitTask(in.getString(), in.getString(), getEnum(Channel.class, in),
                    (int) in.getSignedVarLong(), in.getString(), in.getSignedVarLong(), in.getString(), getMap(in));
            case 23 -> new AcceptTask(in.getString());
            case 24 -> new RejectTask(in.getString(), in.getString());
            case 25 -> new CompleteTask(in.getString());
            case 26 -> new CancelTask(in.getString(), in.getString());
            case 27 -> new ReprioritizeTask(in.getString(), (int) in.getSignedVarLong());
            case 28 -> new ConfigureQueue(in.getString(), getMap(in));
            default -> throw new WireFormatException("unknown command type " + type);
        };
    }

    // ---- field helpers --------------------------------------------------------------------------------------

    private static void putStrings(WireBuffer out, String... values) {
        for (String v : values) {
            out.putString(v);
        }
    }

    private static void putEnum(Enum<?> value, WireBuffer out) {
        if (value == null) {
            out.putString(null);
        } else {
            out.putEncoded(ENUM_NAMES.get(value.getDeclaringClass())[value.ordinal()]);
        }
    }

    private static <E extends Enum<E>> E getEnum(Class<E> type, WireBuffer in) {
        String name = in.getString();
        return name == null ? null : Enum.valueOf(type, name);
    }

    private static void putList(List<String> values, WireBuffer out) {
        out.putVarLong(values.size());
        for (String v : values) {
            out.putString(v);
        }
    }

    private static List<String> getList(WireBuffer in) {
        int n = in.getVarInt();
        if (n > in.length()) {
            throw new WireFormatException("list of " + n + " items is longer than the entry");
        }
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(in.getString());
        }
        return out;
    }

    private static void putMap(Map<String, String> map, WireBuffer out) {
        out.putVarLong(map.size());
        for (Map.Entry<String, String> e : map.entrySet()) { // event and command maps are sorted already
            out.putString(e.getKey());
            out.putString(e.getValue());
        }
    }

    private static Map<String, String> getMap(WireBuffer in) {
        int n = in.getVarInt();
        if (n > in.length()) {
            throw new WireFormatException("map of " + n + " entries is longer than the entry");
        }
        Map<String, String> out = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            out.put(in.getRequiredString(), in.getRequiredString());
        }
        return out;
    }
}
