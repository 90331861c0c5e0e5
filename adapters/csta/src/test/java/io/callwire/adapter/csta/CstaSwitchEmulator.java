package io.callwire.adapter.csta;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static io.callwire.adapter.csta.XmlElement.leaf;
import static io.callwire.adapter.csta.XmlElement.of;

/**
 * A small CSTA switch for tests: a Netty server on 127.0.0.1 that speaks ECMA-323 XML with the 8-byte header,
 * accepts (or refuses) application sessions, keeps monitors, answers snapshots and services, and plays call and
 * agent scenarios as a switch reports them: every event goes to each monitor of a device in the call, with that
 * monitor's cross reference. Its own framing uses Netty's LengthFieldBasedFrameDecoder, not the adapter's decoder.
 * All state lives on the emulator's event loop; the scenario methods run there and wait.
 */
final class CstaSwitchEmulator implements AutoCloseable {
    static final String USER = "cti";
    static final String PASSWORD = "s3cret";

    private final MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final EventLoop loop = (EventLoop) group.next();
    private final XmlCodec xml = new XmlCodec();
    private final Channel server;
    private Channel client;
    private final Map<String, Map<String, String>> sessions = new HashMap<>();
    private String session = "";
    private int sessionCount;
    private int crossRefs;
    private int callIds = 100;
    /** Calls: id -> device -> local connection state (initiated, alerting, connected, hold, queued, fail). */
    private final Map<String, Map<String, String>> calls = new LinkedHashMap<>();
    private final Map<String, String> callers = new HashMap<>();
    private final Map<String, String> agentStates = new LinkedHashMap<>();
    private final Map<String, String> agentIds = new LinkedHashMap<>();
    private final Map<String, String[]> rejections = new HashMap<>();
    private final Set<String> queues = new LinkedHashSet<>();
    private final Set<String> silent = new LinkedHashSet<>();
    /** Names of the requests received, in order (read from any thread). */
    final List<String> requests = new CopyOnWriteArrayList<>();
    /** Request bodies as received, in order (read from any thread). */
    final List<XmlElement> bodies = new CopyOnWriteArrayList<>();
    private final List<String> handedOut = new CopyOnWriteArrayList<>();
    private int refuseSessions;
    private boolean agentEvents = true;
    private boolean allowResume = true;

    CstaSwitchEmulator() throws InterruptedException {
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new LengthFieldBasedFrameDecoder(0xFFFF, 2, 2, -4, 0))
                                .addLast(new SimpleChannelInboundHandler<ByteBuf>() {
                                    @Override
                                    public void channelActive(ChannelHandlerContext ctx) {
                                        if (client != null) {
                                            client.close();
                                        }
                                        client = ctx.channel();
                                    }

                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
                                        int id = Integer.parseInt(frame.toString(4, 4, StandardCharsets.US_ASCII));
                                        String text = frame.toString(8, frame.readableBytes() - 8, StandardCharsets.UTF_8);
                                        request(ctx.channel(), id, xml.parse(text));
                                    }

                                    @Override
                                    public void channelInactive(ChannelHandlerContext ctx) {
                                        if (ctx.channel() == client) {
                                            client = null;
                                            if (!allowResume) {
                                                sessions.remove(session);
                                            }
                                        }
                                    }
                                });
                    }
                }).bind("127.0.0.1", 0).sync().channel();
    }

    int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    String uri(String extra) {
        return "csta://" + USER + ":" + PASSWORD + "@127.0.0.1:" + port() + "?devices=1001,1002,1003,5000" + extra;
    }

    // ------------------------------------------------------------------ settings and faults

    /** Refuses the next {@code n} StartApplicationSession requests. */
    void refuseSessions(int n) {
        run(() -> refuseSessions = n);
    }

    /** Whether SetAgentState also produces agent events (some switches report none). */
    void agentEvents(boolean on) {
        run(() -> agentEvents = on);
    }

    /** Whether a dropped session may be resumed by a reconnecting client. */
    void allowResume(boolean on) {
        run(() -> allowResume = on);
    }

    /** Answers the next request of this name with a CSTAErrorCode. */
    void reject(String request, String category, String value) {
        run(() -> rejections.put(request, new String[]{category, value}));
    }

    /** Lets requests of this name go unanswered. */
    void ignore(String request) {
        run(() -> silent.add(request));
    }

    /** The next call gets this id again (switches recycle call ids). */
    void recycleCallIds(String id) {
        run(() -> callIds = Integer.parseInt(id) - 1);
    }

    /** Sends raw bytes to the client. */
    void sendBytes(byte[] bytes) {
        run(() -> client.writeAndFlush(Unpooled.wrappedBuffer(bytes)));
    }

    /** Sends a well-framed message with this body text. */
    void sendFrame(int invokeId, String body) {
        run(() -> write(client, invokeId, body));
    }

    /** Sends an event element to every monitor as it is (no cross reference added). */
    void sendEvent(XmlElement event) {
        run(() -> write(client, CstaFrame.EVENT_INVOKE_ID, xml.write(event, XmlCodec.CSTA_NS)));
    }

    /** Drops the connection to the client. */
    void dropClient() {
        run(() -> {
            if (client != null) {
                client.close().sync();
            }
        });
    }

    /**
     * Drops the client and, before it can reconnect, changes calls with nobody listening (the events are lost);
     * the scenario runs on the emulator's loop right after the close.
     */
    void dropClientWhile(Runnable changesWhileDown) {
        run(() -> {
            Channel c = client;
            client = null;
            if (c != null) {
                c.close().sync();
            }
            if (!allowResume) {
                sessions.remove(session);
            }
            changesWhileDown.run();
        });
    }

    /** Ends the monitor of {@code device} from the switch's side. */
    void endMonitor(String device) {
        run(() -> {
            Map<String, String> monitors = sessions.get(session);
            for (Map.Entry<String, String> m : new ArrayList<>(monitors.entrySet())) {
                if (m.getValue().equals(device)) {
                    monitors.remove(m.getKey());
                    write(client, CstaFrame.EVENT_INVOKE_ID, xml.write(of("MonitorEndedEvent",
                            leaf("monitorCrossRefID", m.getKey()), leaf("cause", "resourcesNotAvailable")), XmlCodec.CSTA_NS));
                }
            }
        });
    }

    /** Sends SystemStatus with this status. */
    void systemStatus(String status) {
        run(() -> write(client, 42, xml.write(of("SystemStatus", leaf("systemStatus", status)), XmlCodec.CSTA_NS)));
    }

    /** Session ids handed out, in order; a resumed session repeats its id. */
    List<String> sessionIds() {
        return List.copyOf(handedOut);
    }

    /** Number of application sessions started (resumes included). */
    int sessionsStarted() {
        return call(() -> sessionCount);
    }

    boolean connected() {
        return call(() -> client != null && client.isActive() && !session.isEmpty() && sessions.containsKey(session));
    }

    /** Devices with a monitor in the current session. */
    Set<String> monitoredDevices() {
        return call(() -> new LinkedHashSet<>(sessions.getOrDefault(session, Map.of()).values()));
    }

    Set<String> liveCalls() {
        return call(() -> new LinkedHashSet<>(calls.keySet()));
    }

    // ------------------------------------------------------------------ scenarios (as a switch reports them)

    /** An outside caller reaches ACD split {@code split} and waits: Queued. Returns the call id. */
    String inboundQueued(String ani, String split, String ucid, String uui) {
        return call(() -> {
            String id = newCall();
            queues.add(split);
            callers.put(id, ani);
            calls.get(id).put(ani, "connected");
            calls.get(id).put(split, "queued");
            List<XmlElement> body = new ArrayList<>(List.of(conn("queuedConnection", id, split), dev("queue", split),
                    dev("callingDevice", ani), dev("calledDevice", split), leaf("numberQueued", "1"), leaf("cause", "newCall")));
            if (!uui.isEmpty()) {
                body.add(of("userData", leaf("string", uui)));
            }
            if (!ucid.isEmpty()) {
                body.add(of("extensions", of("privateData", of("private", leaf("ucid", ucid)))));
            }
            emit(id, of("QueuedEvent", body));
            return id;
        });
    }

    /** The split offers the queued call to an agent's station: Delivered (reported by the split and the station). */
    void deliver(String id, String station) {
        run(() -> {
            String split = split(id);
            calls.get(id).put(station, "alerting");
            emit(id, of("DeliveredEvent", conn("connection", id, station), dev("alertingDevice", station),
                    dev("callingDevice", callers.get(id)), dev("calledDevice", split == null ? station : split),
                    dev("lastRedirectionDevice", split == null ? "" : split), leaf("localConnectionInfo", "alerting"),
                    leaf("cause", split == null ? "newCall" : "distributed")));
        });
    }

    /** The ringing device answers: Established; a split the call waited in leaves the call. */
    void answer(String id, String device) {
        run(() -> established(id, device));
    }

    void hold(String id, String device) {
        run(() -> {
            calls.get(id).put(device, "hold");
            emit(id, of("HeldEvent", conn("heldConnection", id, device), dev("holdingDevice", device),
                    leaf("localConnectionInfo", "hold"), leaf("cause", "normal")));
        });
    }

    void retrieve(String id, String device) {
        run(() -> {
            calls.get(id).put(device, "connected");
            emit(id, of("RetrievedEvent", conn("retrievedConnection", id, device), dev("retrievingDevice", device),
                    leaf("localConnectionInfo", "connected"), leaf("cause", "normal")));
        });
    }

    /** {@code device} holds call {@code id} and calls {@code dest}: Held, then the consultation call rings. */
    String consult(String id, String device, String dest) {
        return call(() -> consultCall(id, device, dest));
    }

    /** Transfers the held call and the consultation call; the switch gives the result a new call id. */
    String transfer(String held, String consult, String transferring) {
        return call(() -> transferCalls(held, consult, transferring));
    }

    /** Joins the held call and the consultation call into a conference with a new call id. */
    String conference(String held, String consult, String conferencing) {
        return call(() -> conferenceCalls(held, consult, conferencing));
    }

    /** A device hangs up; when one party is left it is cleared too and the call ends (CallCleared). */
    void hangUp(String id, String device) {
        run(() -> clearParty(id, device, "normalClearing"));
    }

    /** {@code from} dials a busy {@code to}: ServiceInitiated, Originated, Failed(busy). Returns the call id. */
    String dialBusy(String from, String to) {
        return call(() -> {
            String id = originate(from, to, "newCall");
            calls.get(id).put(to, "fail");
            emit(id, of("FailedEvent", conn("failedConnection", id, to), dev("failingDevice", to),
                    dev("callingDevice", from), dev("calledDevice", to), leaf("localConnectionInfo", "connected"),
                    leaf("cause", "busy")), to);
            return id;
        });
    }

    /** An agent state event from the station, with an optional reason code. */
    void agentEvent(String element, String agentId, String station, String reason) {
        run(() -> agentEventNow(element, agentId, station, reason));
    }

    /** Sets the state GetAgentState reports, without an event. */
    void agentState(String station, String agentId, String state) {
        run(() -> {
            agentIds.put(station, agentId);
            agentStates.put(station, state);
        });
    }

    // ------------------------------------------------------------------ request handling

    private void request(Channel ch, int invokeId, XmlElement body) {
        String name = body.name();
        requests.add(name);
        bodies.add(body);
        if (silent.contains(name)) {
            return;
        }
        String[] reject = rejections.remove(name);
        if (reject != null) {
            reply(ch, invokeId, of("CSTAErrorCode", leaf(reject[0], reject[1])));
            return;
        }
        switch (name) {
            case "StartApplicationSession" -> startSession(ch, invokeId, body);
            case "ResetApplicationSessionTimer" -> replySession(ch, invokeId, of("ResetApplicationSessionTimerPosResponse",
                    leaf("actualSessionDuration", body.text("requestedSessionDuration"))));
            case "SystemStatusResponse" -> {
            }
            case "StopApplicationSession" -> {
                sessions.remove(session);
                replySession(ch, invokeId, of("StopApplicationSessionPosResponse"));
            }
            case "MonitorStart" -> {
                String crossRef = String.valueOf(++crossRefs);
                sessions.get(session).put(crossRef, body.findText("deviceObject"));
                reply(ch, invokeId, of("MonitorStartResponse", leaf("monitorCrossRefID", crossRef)));
            }
            case "MonitorStop" -> {
                sessions.getOrDefault(session, new HashMap<>()).remove(body.text("monitorCrossRefID"));
                reply(ch, invokeId, of("MonitorStopResponse"));
            }
            case "SnapshotDevice" -> snapshot(ch, invokeId, body.text("snapshotObject"));
            case "GetAgentState" -> {
                String station = body.text("device");
                String state = agentStates.getOrDefault(station, "agentNull");
                reply(ch, invokeId, of("GetAgentStateResponse", of("agentStateList", of("agentStateEntry",
                        leaf("agentID", agentIds.getOrDefault(station, "")), leaf("loggedOnState", String.valueOf(!state.equals("agentNull"))),
                        of("agentInfo", of("agentInfoItem", leaf("agentState", state)))))));
            }
            case "SetAgentState" -> setAgentState(ch, invokeId, body);
            case "MakeCall" -> {
                String from = body.text("callingDevice");
                String to = body.text("calledDirectoryNumber");
                reply(ch, invokeId, of("MakeCallResponse", conn("callingDevice", String.valueOf(callIds + 1), from)));
                String id = originate(from, to, "newCall");
                ring(id, to);
            }
            case "AnswerCall" -> {
                CstaIds.ConnectionId c = CstaIds.connection(body, "callToBeAnswered");
                reply(ch, invokeId, of("AnswerCallResponse"));
                established(c.callId(), c.deviceId());
            }
            case "HoldCall" -> {
                CstaIds.ConnectionId c = CstaIds.connection(body, "callToBeHeld");
                reply(ch, invokeId, of("HoldCallResponse"));
                calls.get(c.callId()).put(c.deviceId(), "hold");
                emit(c.callId(), of("HeldEvent", conn("heldConnection", c.callId(), c.deviceId()), dev("holdingDevice", c.deviceId()),
                        leaf("cause", "normal")));
            }
            case "RetrieveCall" -> {
                CstaIds.ConnectionId c = CstaIds.connection(body, "callToBeRetrieved");
                reply(ch, invokeId, of("RetrieveCallResponse"));
                calls.get(c.callId()).put(c.deviceId(), "connected");
                emit(c.callId(), of("RetrievedEvent", conn("retrievedConnection", c.callId(), c.deviceId()),
                        dev("retrievingDevice", c.deviceId()), leaf("cause", "normal")));
            }
            case "ClearConnection" -> {
                CstaIds.ConnectionId c = CstaIds.connection(body, "connectionToBeCleared");
                reply(ch, invokeId, of("ClearConnectionResponse"));
                clearParty(c.callId(), c.deviceId(), "normalClearing");
            }
            case "ClearCall" -> {
                CstaIds.ConnectionId c = CstaIds.connection(body, "callToBeCleared");
                reply(ch, invokeId, of("ClearCallResponse"));
                for (String d : new ArrayList<>(calls.get(c.callId()).keySet())) {
                    clearParty(c.callId(), d, "normalClearing");
                }
            }
            case "ConsultationCall" -> {
                CstaIds.ConnectionId c = CstaIds.connection(body, "existingCall");
                String dest = body.text("consultedDevice");
                String next = String.valueOf(callIds + 1);
                reply(ch, invokeId, of("ConsultationCallResponse", conn("initiatedCall", next, c.deviceId())));
                consultCall(c.callId(), c.deviceId(), dest);
            }
            case "TransferCall" -> {
                CstaIds.ConnectionId held = CstaIds.connection(body, "heldCall");
                CstaIds.ConnectionId active = CstaIds.connection(body, "activeCall");
                String next = String.valueOf(callIds + 1);
                reply(ch, invokeId, of("TransferCallResponse", conn("transferredCall", next, "")));
                transferCalls(held.callId(), active.callId(), held.deviceId());
            }
            case "ConferenceCall" -> {
                CstaIds.ConnectionId held = CstaIds.connection(body, "heldCall");
                CstaIds.ConnectionId active = CstaIds.connection(body, "activeCall");
                reply(ch, invokeId, of("ConferenceCallResponse", conn("conferenceCall", String.valueOf(callIds + 1), held.deviceId())));
                conferenceCalls(held.callId(), active.callId(), held.deviceId());
            }
            case "SingleStepTransferCall" -> {
                CstaIds.ConnectionId active = CstaIds.connection(body, "activeCall");
                String to = body.text("transferredTo");
                String next = newCall();
                reply(ch, invokeId, of("SingleStepTransferCallResponse", conn("transferredCall", next, to)));
                Map<String, String> old = calls.remove(active.callId());
                old.remove(active.deviceId());
                calls.get(next).putAll(old);
                callers.put(next, callers.get(active.callId()));
                List<XmlElement> items = new ArrayList<>();
                for (String d : old.keySet()) {
                    items.add(of("connectionListItem", conn("newConnection", next, d), conn("oldConnection", active.callId(), d)));
                }
                Set<String> devices = new LinkedHashSet<>(old.keySet());
                devices.add(active.deviceId());
                emitTo(devices, of("TransferedEvent", conn("primaryOldCall", active.callId(), active.deviceId()),
                        dev("transferringDevice", active.deviceId()), dev("transferredToDevice", to),
                        of("transferredConnections", items), leaf("cause", "singleStepTransfer")));
                ring(next, to);
            }
            case "DeflectCall" -> {
                CstaIds.ConnectionId c = CstaIds.connection(body, "callToBeDiverted");
                String to = body.text("newDestination");
                reply(ch, invokeId, of("DeflectCallResponse"));
                Map<String, String> parties = calls.get(c.callId());
                Set<String> before = new LinkedHashSet<>(parties.keySet());
                parties.remove(c.deviceId());
                parties.put(to, "alerting");
                before.add(to);
                emitTo(before, of("DivertedEvent", conn("connection", c.callId(), c.deviceId()), dev("divertingDevice", c.deviceId()),
                        dev("newDestination", to), dev("callingDevice", callers.get(c.callId())), leaf("cause", "redirected")));
                emit(c.callId(), of("DeliveredEvent", conn("connection", c.callId(), to), dev("alertingDevice", to),
                        dev("callingDevice", callers.get(c.callId())), dev("calledDevice", to),
                        dev("lastRedirectionDevice", c.deviceId()), leaf("cause", "redirected")));
            }
            case "GenerateDigits" -> reply(ch, invokeId, of("GenerateDigitsResponse"));
            case "ReconnectCall" -> {
                CstaIds.ConnectionId active = CstaIds.connection(body, "activeCall");
                CstaIds.ConnectionId held = CstaIds.connection(body, "heldCall");
                reply(ch, invokeId, of("ReconnectCallResponse"));
                for (String d : new ArrayList<>(calls.get(active.callId()).keySet())) {
                    clearParty(active.callId(), d, "normalClearing");
                }
                calls.get(held.callId()).put(held.deviceId(), "connected");
                emit(held.callId(), of("RetrievedEvent", conn("retrievedConnection", held.callId(), held.deviceId()),
                        dev("retrievingDevice", held.deviceId()), leaf("cause", "normal")));
            }
            default -> reply(ch, invokeId, of("CSTAErrorCode", leaf("operation", "generic")));
        }
    }

    private void startSession(Channel ch, int invokeId, XmlElement body) {
        if (refuseSessions > 0 || !USER.equals(body.findText("userName")) || !PASSWORD.equals(body.findText("password"))) {
            refuseSessions = Math.max(0, refuseSessions - 1);
            replySession(ch, invokeId, of("StartApplicationSessionNegResponse",
                    of("errorCode", leaf("definedError", "invalidApplicationInfo"))));
            return;
        }
        sessionCount++;
        String previous = body.findText("sessionID");
        if (allowResume && !previous.isEmpty() && sessions.containsKey(previous)) {
            session = previous;
        } else {
            session = "S" + sessionCount;
            sessions.put(session, new LinkedHashMap<>());
        }
        handedOut.add(session);
        replySession(ch, invokeId, of("StartApplicationSessionPosResponse", leaf("sessionID", session),
                leaf("actualProtocolVersion", CstaLink.PROTOCOL_VERSION), leaf("actualSessionDuration", body.text("requestedSessionDuration"))));
    }

    private void snapshot(Channel ch, int invokeId, String device) {
        List<XmlElement> infos = new ArrayList<>();
        calls.forEach((id, parties) -> {
            String state = parties.get(device);
            if (state != null) {
                infos.add(of("snapshotDeviceResponseInfo", conn("connectionIdentifier", id, device),
                        of("localCallState", of("compoundCallState", leaf("localConnectionState", state)))));
            }
        });
        reply(ch, invokeId, of("SnapshotDeviceResponse", of("crossRefIDorSnapshotData", of("snapshotData", infos))));
    }

    private void setAgentState(Channel ch, int invokeId, XmlElement body) {
        String station = body.text("device");
        String agent = body.text("agentID");
        String requested = body.text("requestedAgentState");
        String reason = body.findText("reasonCode");
        reply(ch, invokeId, of("SetAgentStateResponse"));
        agentIds.put(station, agent);
        String state = switch (requested) {
            case "loggedOn", "notReady" -> "agentNotReady";
            case "loggedOff" -> "agentNull";
            case "ready" -> "agentReady";
            case "workingAfterCall" -> "agentWorkingAfterCall";
            default -> "agentNull";
        };
        agentStates.put(station, state);
        if (agentEvents) {
            String element = switch (requested) {
                case "loggedOn" -> "AgentLoggedOnEvent";
                case "loggedOff" -> "AgentLoggedOffEvent";
                case "ready" -> "AgentReadyEvent";
                case "workingAfterCall" -> "AgentWorkingAfterCallEvent";
                default -> "AgentNotReadyEvent";
            };
            agentEventNow(element, agent, station, reason);
        }
    }

    // ------------------------------------------------------------------ the switch's own moves

    private String newCall() {
        String id = String.valueOf(++callIds);
        calls.put(id, new LinkedHashMap<>());
        return id;
    }

    private String split(String id) {
        for (String d : calls.get(id).keySet()) {
            if (queues.contains(d)) {
                return d;
            }
        }
        return null;
    }

    private String originate(String from, String to, String cause) {
        String id = newCall();
        callers.put(id, from);
        calls.get(id).put(from, "initiated");
        emit(id, of("ServiceInitiatedEvent", conn("initiatedConnection", id, from), dev("initiatingDevice", from),
                leaf("localConnectionInfo", "initiated"), leaf("cause", cause)));
        emit(id, of("OriginatedEvent", conn("originatedConnection", id, from), dev("callingDevice", from),
                dev("calledDevice", to), leaf("localConnectionInfo", "connected"), leaf("cause", cause)));
        return id;
    }

    private void ring(String id, String to) {
        calls.get(id).put(to, "alerting");
        emit(id, of("DeliveredEvent", conn("connection", id, to), dev("alertingDevice", to),
                dev("callingDevice", callers.get(id)), dev("calledDevice", to), leaf("localConnectionInfo", "connected"),
                leaf("cause", "newCall")));
    }

    private void established(String id, String device) {
        Map<String, String> parties = calls.get(id);
        String split = split(id);
        parties.put(device, "connected");
        for (Map.Entry<String, String> p : parties.entrySet()) {
            if (p.getValue().equals("initiated")) {
                p.setValue("connected");
            }
        }
        emit(id, of("EstablishedEvent", conn("establishedConnection", id, device), dev("answeringDevice", device),
                dev("callingDevice", callers.get(id)), dev("calledDevice", split == null ? device : split),
                dev("lastRedirectionDevice", split == null ? "" : split), leaf("localConnectionInfo", "connected"),
                leaf("cause", "newCall")));
        if (split != null) {
            parties.remove(split);
        }
    }

    private String consultCall(String id, String device, String dest) {
        calls.get(id).put(device, "hold");
        emit(id, of("HeldEvent", conn("heldConnection", id, device), dev("holdingDevice", device), leaf("cause", "normal")));
        String consult = originate(device, dest, "consultation");
        ring(consult, dest);
        return consult;
    }

    private String transferCalls(String held, String consult, String transferring) {
        String next = newCall();
        Map<String, String> a = calls.remove(held);
        Map<String, String> b = calls.remove(consult);
        Set<String> devices = new LinkedHashSet<>(a.keySet());
        devices.addAll(b.keySet());
        a.remove(transferring);
        b.remove(transferring);
        List<XmlElement> items = new ArrayList<>();
        for (String d : a.keySet()) {
            items.add(of("connectionListItem", conn("newConnection", next, d), conn("oldConnection", held, d), dev("endpoint", d)));
        }
        for (String d : b.keySet()) {
            items.add(of("connectionListItem", conn("newConnection", next, d), conn("oldConnection", consult, d), dev("endpoint", d)));
        }
        calls.get(next).putAll(a);
        calls.get(next).putAll(b);
        callers.put(next, callers.get(held));
        emitTo(devices, of("TransferedEvent", conn("primaryOldCall", held, transferring), conn("secondaryOldCall", consult, transferring),
                dev("transferringDevice", transferring), dev("transferredToDevice", String.join(",", b.keySet())),
                of("transferredConnections", items), leaf("localConnectionInfo", "null"), leaf("cause", "transfer")));
        return next;
    }

    private String conferenceCalls(String held, String consult, String conferencing) {
        String next = newCall();
        Map<String, String> a = calls.remove(held);
        Map<String, String> b = calls.remove(consult);
        List<XmlElement> items = new ArrayList<>();
        for (String d : a.keySet()) {
            items.add(of("connectionListItem", conn("newConnection", next, d), conn("oldConnection", held, d), dev("endpoint", d)));
        }
        for (String d : b.keySet()) {
            if (!d.equals(conferencing)) {
                items.add(of("connectionListItem", conn("newConnection", next, d), conn("oldConnection", consult, d), dev("endpoint", d)));
            }
        }
        Map<String, String> parties = calls.get(next);
        parties.putAll(a);
        parties.putAll(b);
        parties.replaceAll((d, s) -> "connected");
        callers.put(next, callers.get(held));
        String added = b.keySet().stream().filter(d -> !d.equals(conferencing)).findFirst().orElse("");
        emit(next, of("ConferencedEvent", conn("primaryOldCall", held, conferencing), conn("secondaryOldCall", consult, conferencing),
                dev("conferencingDevice", conferencing), dev("addedParty", added), of("conferenceConnections", items),
                leaf("localConnectionInfo", "connected"), leaf("cause", "conference")));
        return next;
    }

    private void clearParty(String id, String device, String cause) {
        Map<String, String> parties = calls.get(id);
        if (parties == null || !parties.containsKey(device)) {
            return;
        }
        Set<String> before = new LinkedHashSet<>(parties.keySet());
        before.add(callers.getOrDefault(id, device));
        parties.remove(device);
        emitTo(before, of("ConnectionClearedEvent", conn("droppedConnection", id, device), dev("releasingDevice", device),
                leaf("localConnectionInfo", "null"), leaf("cause", cause)));
        long live = parties.keySet().stream().filter(d -> !queues.contains(d)).count();
        boolean callerGone = device.equals(callers.get(id));
        if (live <= 1 || callerGone && live == 0) {
            for (String d : new ArrayList<>(parties.keySet())) {
                if (!queues.contains(d)) {
                    parties.remove(d);
                    emitTo(before, of("ConnectionClearedEvent", conn("droppedConnection", id, d), dev("releasingDevice", d),
                            leaf("localConnectionInfo", "null"), leaf("cause", cause)));
                }
            }
            calls.remove(id);
            emitTo(before, of("CallClearedEvent", conn("clearedCall", id, ""), leaf("cause", cause)));
        }
    }

    private void agentEventNow(String element, String agentId, String station, String reason) {
        List<XmlElement> body = new ArrayList<>(List.of(dev("agentDevice", station), leaf("agentID", agentId)));
        if (!reason.isEmpty()) {
            body.add(of("extensions", of("privateData", of("private", leaf("reasonCode", reason)))));
        }
        emitTo(Set.of(station), of(element, body));
    }

    // ------------------------------------------------------------------ wire

    /** Sends the event to every monitor of a device in the call (each with its cross reference). */
    private void emit(String callId, XmlElement event, String... extra) {
        Set<String> devices = new LinkedHashSet<>(calls.getOrDefault(callId, Map.of()).keySet());
        devices.addAll(List.of(extra));
        String caller = callers.get(callId);
        if (caller != null) {
            devices.add(caller);
        }
        emitTo(devices, event);
    }

    private void emitTo(Set<String> devices, XmlElement event) {
        if (client == null) {
            return;
        }
        for (Map.Entry<String, String> m : sessions.getOrDefault(session, Map.of()).entrySet()) {
            if (devices.contains(m.getValue())) {
                List<XmlElement> children = new ArrayList<>();
                children.add(leaf("monitorCrossRefID", m.getKey()));
                children.addAll(event.children());
                write(client, CstaFrame.EVENT_INVOKE_ID, xml.write(of(event.name(), children), XmlCodec.CSTA_NS));
            }
        }
    }

    private void reply(Channel ch, int invokeId, XmlElement body) {
        write(ch, invokeId, xml.write(body, XmlCodec.CSTA_NS));
    }

    private void replySession(Channel ch, int invokeId, XmlElement body) {
        write(ch, invokeId, xml.write(body, XmlCodec.SESSION_NS));
    }

    private static void write(Channel ch, int invokeId, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ByteBuf b = Unpooled.buffer(8 + bytes.length);
        b.writeShort(0).writeShort(8 + bytes.length).writeBytes(String.format("%04d", invokeId).getBytes(StandardCharsets.US_ASCII))
                .writeBytes(bytes);
        ch.writeAndFlush(b);
    }

    private static XmlElement conn(String name, String callId, String device) {
        return of(name, leaf("callID", callId), leaf("deviceID", device));
    }

    private static XmlElement dev(String name, String device) {
        return of(name, leaf("deviceIdentifier", device));
    }

    private void run(ThrowingRunnable r) {
        call(() -> {
            r.run();
            return null;
        });
    }

    private <T> T call(Callable<T> c) {
        if (loop.inEventLoop()) {
            try {
                return c.call();
            } catch (Exception e) {
                throw new IllegalStateException("emulator step failed", e);
            }
        }
        try {
            return loop.submit(c).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("emulator step failed", e);
        }
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Override
    public void close() {
        server.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
