package io.callwire.adapter.asterisk;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * AMI text as Asterisk 20+ writes it for complete two-party calls: extension 1001 dials 1002, it rings and is
 * answered, both are bridged, the callee is put on hold and retrieved, both hang up (Newchannel, DialBegin,
 * Newstate, DialState, DialEnd, BridgeCreate, BridgeEnter, Hold, Unhold, VarSet, Newexten, BridgeLeave,
 * BridgeDestroy, Hangup), every call with ids of its own.
 */
final class AmiTraffic {
    private AmiTraffic() {
    }

    /** The lines of {@code calls} calls; each event ends with an empty line. */
    static List<String> lines(int calls) {
        List<String> lines = new ArrayList<>();
        for (int n = 0; n < calls; n++) {
            call(n, lines);
        }
        return lines;
    }

    /** How many events {@link #lines} writes per call. */
    static final int EVENTS_PER_CALL = 21;

    private static void call(int n, List<String> out) {
        double t = 1_763_901_000 + n;
        String a = String.format(Locale.ROOT, "PJSIP/1001-%08x", 2 * n);
        String b = String.format(Locale.ROOT, "PJSIP/1002-%08x", 2 * n + 1);
        String ua = String.format(Locale.ROOT, "%d.%d", 1_763_901_000 + n, 2 * n);
        String ub = String.format(Locale.ROOT, "%d.%d", 1_763_901_000 + n, 2 * n + 1);
        String bridge = String.format(Locale.ROOT, "8d3e4b2a-%04x-4c1e-9f3b-%012x", n & 0xffff, n);
        Party caller = new Party(a, ua, ua, "1001", "Anna Agent", "1002");
        Party callee = new Party(b, ub, ua, "1002", "Bert Buyer", "s");
        event(out, "Newchannel", t, caller.fields(4, "Ring"));
        event(out, "Newexten", t, caller.fields(4, "Ring"), "Extension: 1002", "Application: Dial",
                "AppData: PJSIP/1002,30");
        event(out, "Newchannel", t + 0.01, callee.fields(0, "Down"));
        event(out, "DialBegin", t + 0.02, caller.fields(4, "Ring"), callee.dest(0, "Down"), "DialString: 1002");
        event(out, "Newstate", t + 0.03, callee.fields(5, "Ringing"));
        event(out, "DialState", t + 0.04, caller.fields(4, "Ring"), callee.dest(5, "Ringing"), "DialStatus: RINGING");
        event(out, "Newstate", t + 1, callee.fields(6, "Up"));
        event(out, "Newstate", t + 1.01, caller.fields(6, "Up"));
        event(out, "DialEnd", t + 1.02, caller.fields(6, "Up"), callee.dest(6, "Up"), "DialStatus: ANSWER");
        event(out, "BridgeCreate", t + 1.03, bridge(bridge, 0));
        event(out, "BridgeEnter", t + 1.04, bridge(bridge, 1), callee.fields(6, "Up"));
        event(out, "BridgeEnter", t + 1.05, bridge(bridge, 2), caller.fields(6, "Up"));
        event(out, "VarSet", t + 1.06, caller.fields(6, "Up"), "Variable: BRIDGEPEER", "Value: " + b);
        event(out, "Hold", t + 5, callee.fields(6, "Up"), "MusicClass: default");
        event(out, "Unhold", t + 9, callee.fields(6, "Up"));
        event(out, "BridgeLeave", t + 20, bridge(bridge, 1), caller.fields(6, "Up"));
        event(out, "Hangup", t + 20.01, caller.fields(6, "Up"), "Cause: 16", "Cause-txt: Normal Clearing");
        event(out, "BridgeLeave", t + 20.02, bridge(bridge, 0), callee.fields(6, "Up"));
        event(out, "BridgeDestroy", t + 20.03, bridge(bridge, 0));
        event(out, "Hangup", t + 20.04, callee.fields(6, "Up"), "Cause: 16", "Cause-txt: Normal Clearing");
        event(out, "SoftHangupRequest", t + 20.05, callee.fields(6, "Up"), "Cause: 16");
    }

    private static String[] bridge(String id, int channels) {
        return new String[] {"BridgeUniqueid: " + id, "BridgeType: basic", "BridgeTechnology: simple_bridge",
            "BridgeCreator: <unknown>", "BridgeName: <unknown>", "BridgeNumChannels: " + channels,
            "BridgeVideoSourceMode: none"};
    }

    private static void event(List<String> out, String name, double time, Object... blocks) {
        out.add("Event: " + name);
        out.add("Privilege: call,all");
        out.add(String.format(Locale.ROOT, "Timestamp: %.6f", time));
        for (Object block : blocks) {
            if (block instanceof String[] lines) {
                out.addAll(List.of(lines));
            } else {
                out.add((String) block);
            }
        }
        out.add("");
    }

    /** One channel's standard fields. */
    private record Party(String channel, String uniqueid, String linkedid, String number, String name, String exten) {
        String[] fields(int state, String desc) {
            return prefixed("", state, desc);
        }

        String[] dest(int state, String desc) {
            return prefixed("Dest", state, desc);
        }

        private String[] prefixed(String p, int state, String desc) {
            return new String[] {p + "Channel: " + channel, p + "ChannelState: " + state,
                p + "ChannelStateDesc: " + desc, p + "CallerIDNum: " + number, p + "CallerIDName: " + name,
                p + "ConnectedLineNum: <unknown>", p + "ConnectedLineName: <unknown>", p + "Language: en",
                p + "AccountCode: ", p + "Context: from-internal", p + "Exten: " + exten, p + "Priority: 1",
                p + "Uniqueid: " + uniqueid, p + "Linkedid: " + linkedid};
        }
    }
}
