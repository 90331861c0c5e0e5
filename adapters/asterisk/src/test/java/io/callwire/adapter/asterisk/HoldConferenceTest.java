package io.callwire.adapter.asterisk;

import io.callwire.core.command.CommandResult;
import io.callwire.core.command.Conference;
import io.callwire.core.command.Hold;
import io.callwire.core.command.Retrieve;
import io.callwire.core.command.SwitchRejectedException;
import io.callwire.core.command.UnsupportedCommandException;
import io.callwire.core.model.LegState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.callwire.adapter.asterisk.AmiHarness.done;
import static io.callwire.adapter.asterisk.AmiHarness.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hold and Retrieve through {@code holdContext} (Redirect into music on hold and a holding bridge, back by Bridge)
 * and Conference through {@code conferenceContext} (Redirect into a ConfBridge room): the actions on the wire, and
 * the events Asterisk 22 reports for them translated as for any other call.
 */
class HoldConferenceTest {
    private static final String CALL = "1763901000.10";
    private static final String CALLER = "1763901000.10";
    private static final String CALLED = "1763901000.11";
    private AmiHarness h;

    @AfterEach
    void close() {
        if (h != null) {
            h.close();
        }
    }

    private LegState state(String call, String leg) {
        return h.snapshot().call(call).orElseThrow().legs().stream().filter(l -> l.id().equals(leg)).findFirst()
                .orElseThrow().state();
    }

    /** The channel snapshot fields Asterisk 22 puts in every channel event. */
    private static String channel(String name, String uid, String linkedid, String num, String context, String exten) {
        return "Channel: " + name + "\nChannelState: 6\nChannelStateDesc: Up\nCallerIDNum: " + num
                + "\nCallerIDName: <unknown>\nConnectedLineNum: <unknown>\nConnectedLineName: <unknown>\nLanguage: en\n"
                + "AccountCode: \nContext: " + context + "\nExten: " + exten + "\nPriority: 1\nUniqueid: " + uid
                + "\nLinkedid: " + linkedid + "\n";
    }

    private static String bridge(String event, String ts, String id, String tech, String creator, String name, int n) {
        return "Event: " + event + "\nPrivilege: call,all\nTimestamp: " + ts + "\nBridgeUniqueid: " + id
                + "\nBridgeType: " + (tech.equals("simple_bridge") ? "basic" : "base") + "\nBridgeTechnology: " + tech
                + "\nBridgeCreator: " + creator + "\nBridgeName: " + name + "\nBridgeNumChannels: " + n
                + "\nBridgeVideoSourceMode: none\n";
    }

    private static String newexten(String ts, String channel, String app, String data) {
        return "Event: Newexten\nPrivilege: dialplan,all\nTimestamp: " + ts + "\n" + channel + "Extension: "
                + channel.lines().filter(l -> l.startsWith("Exten: ")).findFirst().orElseThrow().substring(7)
                + "\nApplication: " + app + "\nAppData: " + data + "\n\n";
    }

    @Test
    void holdRedirectsThePeerToMusicAndTheLegIntoAHoldingBridgeAndRetrieveBridgesThemBack() throws Exception {
        h = AmiHarness.started("holdContext=callwire-hold", Duration.ofSeconds(2));
        h.play("hold-retrieve.ami", 0);
        h.play("hold-retrieve.ami", 1);
        h.mark();
        CommandResult held = done(h.engine.execute(new Hold(CALL, CALLER)));
        assertEquals(CALLER, held.legId());
        Map<String, String> r = h.lastAction("Redirect");
        assertEquals(List.of("PJSIP/1002-00000011", "callwire-hold", "music", "1"),
                List.of(r.get("channel"), r.get("context"), r.get("exten"), r.get("priority")));
        assertEquals(List.of("PJSIP/1001-00000010", "callwire-hold", "held", "1"),
                List.of(r.get("extrachannel"), r.get("extracontext"), r.get("extraexten"), r.get("extrapriority")));

        String basic = "2d3e4f50-0010-4000-8000-000000000010";
        String holding = "7a1b2c3d-0010-4000-8000-0000000000f0";
        String caller = channel("PJSIP/1001-00000010", CALLER, CALL, "1001", "callwire-hold", "held");
        String called = channel("PJSIP/1002-00000011", CALLED, CALL, "1002", "callwire-hold", "music");
        h.server.send(bridge("BridgeLeave", "1763901010.000000", basic, "simple_bridge", "<unknown>", "<unknown>", 1)
                + called + "\n"
                + bridge("BridgeLeave", "1763901010.001000", basic, "simple_bridge", "<unknown>", "<unknown>", 0)
                + caller + "\n"
                + bridge("BridgeDestroy", "1763901010.001500", basic, "simple_bridge", "<unknown>", "<unknown>", 0) + "\n"
                + newexten("1763901010.002000", called, "MusicOnHold", "")
                + "Event: MusicOnHoldStart\nPrivilege: call,all\nTimestamp: 1763901010.002500\n" + called + "Class: default\n\n"
                + newexten("1763901010.003000", caller, "BridgeWait", "callwire-held,participant,e(s)")
                + bridge("BridgeCreate", "1763901010.003500", holding, "holding_bridge", "BridgeWait", "callwire-held", 0) + "\n"
                + bridge("BridgeEnter", "1763901010.004000", holding, "holding_bridge", "BridgeWait", "callwire-held", 1)
                + caller + "\n");
        h.settle();
        assertEquals(List.of("LegHeld leg=" + CALLER), h.stream());
        assertEquals(LegState.HELD, state(CALL, CALLER));
        assertEquals(LegState.CONNECTED, state(CALL, CALLED), "the party hearing music is not the held leg");

        h.mark();
        CommandResult back = done(h.engine.execute(new Retrieve(CALL, CALLER)));
        assertEquals("retrieved", back.detail());
        Map<String, String> b = h.lastAction("Bridge");
        assertEquals(List.of("PJSIP/1001-00000010", "PJSIP/1002-00000011"), List.of(b.get("channel1"), b.get("channel2")));
        String again = "5e6f7a8b-0010-4000-8000-0000000000f1";
        h.server.send(bridge("BridgeLeave", "1763901020.000000", holding, "holding_bridge", "BridgeWait", "callwire-held", 0)
                + caller + "\n"
                + "Event: MusicOnHoldStop\nPrivilege: call,all\nTimestamp: 1763901020.000500\n" + called + "\n"
                + bridge("BridgeCreate", "1763901020.001000", again, "simple_bridge", "<unknown>", "<unknown>", 0) + "\n"
                + bridge("BridgeEnter", "1763901020.001500", again, "simple_bridge", "<unknown>", "<unknown>", 1) + caller + "\n"
                + bridge("BridgeEnter", "1763901020.002000", again, "simple_bridge", "<unknown>", "<unknown>", 2) + called + "\n");
        h.settle();
        assertEquals(List.of("LegRetrieved leg=" + CALLER), h.stream());
        assertEquals(LegState.CONNECTED, state(CALL, CALLER));
        assertEquals(2, h.snapshot().call(CALL).orElseThrow().legs().size());
    }

    @Test
    void holdAndRetrieveRefuseWhatAmiCannotDoFaithfully() throws Exception {
        h = AmiHarness.started("holdContext=callwire-hold", Duration.ofSeconds(2));
        h.play("hold-retrieve.ami", 0); // held from the phone (Hold event), not by the adapter
        assertEquals(LegState.HELD, state(CALL, CALLER));
        SwitchRejectedException phone = assertInstanceOf(SwitchRejectedException.class,
                failure(h.engine.execute(new Retrieve(CALL, CALLER))));
        assertTrue(phone.reason().contains("not held by this adapter"), phone.reason());
        SwitchRejectedException twice = assertInstanceOf(SwitchRejectedException.class,
                failure(h.engine.execute(new Hold(CALL, CALLER))));
        assertTrue(twice.reason().contains("not CONNECTED"), twice.reason());
        assertTrue(h.server.actions("Redirect").isEmpty() && h.server.actions("Bridge").isEmpty(), "nothing was sent");
    }

    @Test
    void withoutTheirDialplanContextsHoldRetrieveAndConferenceAreUnsupported() throws Exception {
        h = AmiHarness.started("", Duration.ofSeconds(2));
        h.play("hold-retrieve.ami", 0);
        h.play("hold-retrieve.ami", 1);
        assertFalse(h.adapter().supports(Hold.class));
        assertInstanceOf(UnsupportedCommandException.class, failure(h.engine.execute(new Hold(CALL, CALLER))));
        assertInstanceOf(UnsupportedCommandException.class, failure(h.engine.execute(new Retrieve(CALL, CALLER))));
        assertInstanceOf(UnsupportedCommandException.class,
                failure(h.engine.execute(new Conference(CALL, CALL))));
    }

    @Test
    void conferenceRedirectsBothCallsIntoOneConfBridgeRoomAndDropsTheHeldLine() throws Exception {
        h = AmiHarness.started("conferenceContext=callwire-conference", Duration.ofSeconds(2));
        assertTrue(h.adapter().supports(Conference.class));
        assertFalse(h.adapter().supports(Hold.class));
        h.play("attended-transfer.ami", 0);
        String main = "1763903000.30";
        String consult = "1763903015.32";
        h.mark();
        CommandResult result = done(h.engine.execute(new Conference(main, consult)));
        String room = result.detail().substring("conference room ".length());
        assertTrue(room.matches("[0-9]+"), room);
        List<Map<String, String>> redirects = h.server.actions("Redirect");
        assertEquals(2, redirects.size());
        Map<String, String> first = redirects.get(0);
        assertEquals(List.of("PJSIP/1001-00000032", "PJSIP/1002-00000033", "callwire-conference", room, room),
                List.of(first.get("channel"), first.get("extrachannel"), first.get("context"), first.get("exten"),
                        first.get("extraexten")));
        Map<String, String> second = redirects.get(1);
        assertEquals(List.of("PJSIP/provider-00000030", room, "PJSIP/1001-00000031", "hangup"),
                List.of(second.get("channel"), second.get("exten"), second.get("extrachannel"), second.get("extraexten")));

        String consultBridge = "4f506172-0031-4000-8000-000000000031";
        String mainBridge = "4f506172-0030-4000-8000-000000000030";
        String conf = "c0nf0000-0032-4000-8000-0000000000c1";
        String ctx = "callwire-conference";
        String consulting = channel("PJSIP/1001-00000032", "1763903015.32", consult, "1001", ctx, room);
        String consulted = channel("PJSIP/1002-00000033", "1763903015.33", consult, "1002", ctx, room);
        String provider = channel("PJSIP/provider-00000030", "1763903000.30", main, "+4930555123", ctx, room);
        String heldLine = channel("PJSIP/1001-00000031", "1763903000.31", main, "1001", ctx, "hangup");
        String confbridge = "Event: ConfbridgeJoin\nPrivilege: call,all\nTimestamp: %s\nConference: " + room
                + "\nBridgeUniqueid: " + conf + "\nBridgeType: base\nBridgeTechnology: softmix\nBridgeCreator: ConfBridge\n"
                + "BridgeName: " + room + "\nBridgeNumChannels: %d\nBridgeVideoSourceMode: none\n%sAdmin: No\nMuted: No\n\n";
        h.server.send(bridge("BridgeLeave", "1763903100.000000", consultBridge, "simple_bridge", "<unknown>", "<unknown>", 1)
                + consulting + "\n"
                + bridge("BridgeLeave", "1763903100.000500", consultBridge, "simple_bridge", "<unknown>", "<unknown>", 0)
                + consulted + "\n"
                + bridge("BridgeDestroy", "1763903100.001000", consultBridge, "simple_bridge", "<unknown>", "<unknown>", 0) + "\n"
                + newexten("1763903100.001500", consulting, "ConfBridge", room)
                + bridge("BridgeCreate", "1763903100.002000", conf, "softmix", "ConfBridge", room, 0) + "\n"
                + "Event: ConfbridgeStart\nPrivilege: call,all\nTimestamp: 1763903100.002500\nConference: " + room
                + "\nBridgeUniqueid: " + conf + "\nBridgeType: base\nBridgeTechnology: softmix\nBridgeCreator: ConfBridge\n"
                + "BridgeName: " + room + "\nBridgeNumChannels: 0\nBridgeVideoSourceMode: none\n\n"
                + bridge("BridgeEnter", "1763903100.003000", conf, "softmix", "ConfBridge", room, 1) + consulting + "\n"
                + String.format(confbridge, "1763903100.003500", 1, consulting)
                + newexten("1763903100.004000", consulted, "ConfBridge", room)
                + bridge("BridgeEnter", "1763903100.004500", conf, "softmix", "ConfBridge", room, 2) + consulted + "\n"
                + String.format(confbridge, "1763903100.005000", 2, consulted)
                + bridge("BridgeLeave", "1763903100.010000", mainBridge, "simple_bridge", "<unknown>", "<unknown>", 1)
                + provider + "\n"
                + bridge("BridgeLeave", "1763903100.010500", mainBridge, "simple_bridge", "<unknown>", "<unknown>", 0)
                + heldLine + "\n"
                + bridge("BridgeDestroy", "1763903100.011000", mainBridge, "simple_bridge", "<unknown>", "<unknown>", 0) + "\n"
                + newexten("1763903100.011500", provider, "ConfBridge", room)
                + bridge("BridgeEnter", "1763903100.012000", conf, "softmix", "ConfBridge", room, 3) + provider + "\n"
                + String.format(confbridge, "1763903100.012500", 3, provider)
                + newexten("1763903100.013000", heldLine, "Hangup", "")
                + "Event: Hangup\nPrivilege: call,all\nTimestamp: 1763903100.013500\n" + heldLine
                + "Cause: 16\nCause-txt: Normal Clearing\n\n");
        h.settle();
        List<String> stream = h.stream();
        assertTrue(stream.stream().anyMatch(s -> s.startsWith("CallConferenced ") && s.contains("old=[")
                && s.contains("PJSIP/provider") && s.contains("PJSIP/1002")), stream.toString());
        assertTrue(stream.contains("LegCleared leg=1763903000.31 Normal Clearing"), stream.toString());
        assertEquals(1, stream.stream().filter(s -> s.startsWith("CallConferenced ")).count(), stream.toString());
        await3Parties();
    }

    private void await3Parties() {
        var calls = h.snapshot().calls();
        assertEquals(1, calls.size(), calls.toString());
        assertEquals(3, calls.get(0).legs().stream().filter(l -> l.state() == LegState.CONNECTED).count(),
                calls.toString());
    }
}
