package io.callwire.adapter.freeswitch;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Event Socket bytes as FreeSWITCH 1.10 sends them ({@code text/event-plain} frames, URL-encoded header values,
 * the header set of channel events) for complete calls: an outside caller is bridged to extension 1001, put on
 * hold and retrieved, and both hang up (CHANNEL_CREATE, CHANNEL_PROGRESS, CHANNEL_ANSWER, CHANNEL_BRIDGE,
 * CHANNEL_HOLD, CHANNEL_UNHOLD, CHANNEL_UNBRIDGE, CHANNEL_HANGUP_COMPLETE, HEARTBEAT), every call with ids of
 * its own.
 */
final class EslTraffic {
    /** How many frames {@link #bytes} writes per call. */
    static final int EVENTS_PER_CALL = 12;
    private static final long T0 = 1_763_900_000_000_000L;

    private EslTraffic() {
    }

    static byte[] bytes(int calls) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int[] seq = {4000};
        for (int n = 0; n < calls; n++) {
            call(n, out, seq);
        }
        return out.toByteArray();
    }

    private static void call(int n, ByteArrayOutputStream out, int[] seq) {
        long t = T0 + n * 60_000_000L;
        String a = String.format(Locale.ROOT, "a1a1a1a1-%04x-4000-8000-%012x", n & 0xffff, 2L * n);
        String b = String.format(Locale.ROOT, "b2b2b2b2-%04x-4000-8000-%012x", n & 0xffff, 2L * n + 1);
        String caller = "+4930" + (1_000_000 + n);
        Chan in = new Chan(a, a, "sofia/external/" + caller + "@127.0.0.1", "inbound", caller, "Caller " + n, "5000",
                "public");
        Chan agent = new Chan(b, a, "sofia/internal/1001@127.0.0.1", "outbound", "1001", "Agent 1001", "1001",
                "default");
        frame(out, core("CHANNEL_CREATE", t, seq), in.data(null));
        frame(out, core("CHANNEL_CREATE", t + 20_000, seq), agent.data(a));
        agent.callState = "RINGING";
        frame(out, core("CHANNEL_PROGRESS", t + 40_000, seq), agent.data(a));
        agent.callState = "ACTIVE";
        agent.answered = true;
        frame(out, core("CHANNEL_ANSWER", t + 3_000_000, seq), agent.data(a));
        in.callState = "ACTIVE";
        in.answered = true;
        frame(out, core("CHANNEL_ANSWER", t + 3_020_000, seq), in.data(b));
        frame(out, core("CHANNEL_BRIDGE", t + 3_040_000, seq), in.data(b), pairs("Bridge-A-Unique-ID", a, "Bridge-B-Unique-ID", b));
        frame(out, core("HEARTBEAT", t + 5_000_000, seq), pairs("Up-Time", "0 years", "Session-Count", "2"));
        agent.callState = "HELD";
        frame(out, core("CHANNEL_HOLD", t + 10_000_000, seq), agent.data(a));
        agent.callState = "ACTIVE";
        frame(out, core("CHANNEL_UNHOLD", t + 20_000_000, seq), agent.data(a));
        frame(out, core("CHANNEL_UNBRIDGE", t + 40_000_000, seq), in.data(b));
        agent.state = "CS_REPORTING";
        frame(out, core("CHANNEL_HANGUP_COMPLETE", t + 40_020_000, seq), agent.data(a),
                pairs("Hangup-Cause", "NORMAL_CLEARING"));
        in.state = "CS_REPORTING";
        frame(out, core("CHANNEL_HANGUP_COMPLETE", t + 40_040_000, seq), in.data(b),
                pairs("Hangup-Cause", "NORMAL_CLEARING"));
    }

    private static List<String[]> core(String name, long t, int[] seq) {
        List<String[]> h = new ArrayList<>();
        h.add(new String[] {"Event-Name", name});
        h.add(new String[] {"Core-UUID", "2d5f0c1e-5a0b-4b8e-9a36-7d0b8c1f0001"});
        h.add(new String[] {"FreeSWITCH-Hostname", "pbx1"});
        h.add(new String[] {"FreeSWITCH-Switchname", "pbx1"});
        h.add(new String[] {"FreeSWITCH-IPv4", "127.0.0.1"});
        h.add(new String[] {"Event-Date-Timestamp", Long.toString(t)});
        h.add(new String[] {"Event-Calling-File", "switch_channel.c"});
        h.add(new String[] {"Event-Calling-Function", "switch_channel_perform_" + name.toLowerCase(Locale.ROOT)});
        h.add(new String[] {"Event-Calling-Line-Number", "3912"});
        h.add(new String[] {"Event-Sequence", Integer.toString(++seq[0])});
        return h;
    }

    private static List<String[]> pairs(String... namesAndValues) {
        List<String[]> h = new ArrayList<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            h.add(new String[] {namesAndValues[i], namesAndValues[i + 1]});
        }
        return h;
    }

    @SafeVarargs
    private static void frame(ByteArrayOutputStream out, List<String[]>... blocks) {
        StringBuilder body = new StringBuilder();
        for (List<String[]> block : blocks) {
            for (String[] h : block) {
                body.append(h[0]).append(": ").append(URLEncoder.encode(h[1], StandardCharsets.UTF_8)).append('\n');
            }
        }
        body.append('\n');
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        out.writeBytes(("Content-Length: " + bytes.length + "\nContent-Type: text/event-plain\n\n")
                .getBytes(StandardCharsets.UTF_8));
        out.writeBytes(bytes);
    }

    /** One channel's data as channel events carry it. */
    private static final class Chan {
        final String uuid;
        final String callUuid;
        final String name;
        final String direction;
        final String number;
        final String callerName;
        final String destination;
        final String context;
        String state = "CS_EXECUTE";
        String callState = "DOWN";
        boolean answered;

        Chan(String uuid, String callUuid, String name, String direction, String number, String callerName,
             String destination, String context) {
            this.uuid = uuid;
            this.callUuid = callUuid;
            this.name = name;
            this.direction = direction;
            this.number = number;
            this.callerName = callerName;
            this.destination = destination;
            this.context = context;
        }

        List<String[]> data(String other) {
            List<String[]> h = new ArrayList<>(List.of(
                    new String[] {"Channel-State", state}, new String[] {"Channel-Call-State", callState},
                    new String[] {"Channel-Name", name}, new String[] {"Unique-ID", uuid},
                    new String[] {"Call-Direction", direction}, new String[] {"Presence-Call-Direction", direction},
                    new String[] {"Channel-Call-UUID", callUuid},
                    new String[] {"Answer-State", answered ? "answered" : "ringing"},
                    new String[] {"Caller-Direction", direction}, new String[] {"Caller-Username", number},
                    new String[] {"Caller-Caller-ID-Name", callerName}, new String[] {"Caller-Caller-ID-Number", number},
                    new String[] {"Caller-ANI", number}, new String[] {"Caller-Destination-Number", destination},
                    new String[] {"Caller-Unique-ID", uuid}, new String[] {"Caller-Source", "mod_sofia"},
                    new String[] {"Caller-Context", context}, new String[] {"Caller-Channel-Name", name},
                    new String[] {"variable_direction", direction}, new String[] {"variable_uuid", uuid},
                    new String[] {"variable_sip_user_agent", "Yealink SIP-T46S 66.86.0.15"},
                    new String[] {"variable_sip_call_id", uuid + "@127.0.0.1"}));
            if (other != null) {
                h.add(new String[] {"Other-Type", "originatee"});
                h.add(new String[] {"Other-Leg-Unique-ID", other});
            }
            return h;
        }
    }
}
