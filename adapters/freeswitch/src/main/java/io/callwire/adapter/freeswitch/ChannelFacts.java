package io.callwire.adapter.freeswitch;

import com.fasterxml.jackson.databind.JsonNode;
import io.callwire.core.model.DeviceType;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the adapter needs to know about one channel, read either from an event's headers or from a row of
 * {@code show channels as json}.
 *
 * @param uuid         Unique-ID
 * @param callUuid     Channel-Call-UUID ({@code call_uuid}), empty when none
 * @param deviceId     the device: the user part of a sofia channel name, else the channel name
 * @param outbound     Call-Direction outbound (FreeSWITCH placed the leg)
 * @param context      dialplan context the channel entered ({@code public} for calls from outside)
 * @param agent        a mod_callcenter agent leg
 * @param relatedUuids channels whose call this one joins (the callcenter member's leg)
 * @param data         call data from {@code variable_<prefix>*} channel variables
 * @param callState    Channel-Call-State / callstate: DOWN, EARLY, RINGING, ACTIVE, HELD, HANGUP...
 * @param parentCallId the call a consultation was placed from ({@code variable_callwire_parent_call}), else empty
 */
record ChannelFacts(String uuid, String callUuid, String deviceId, DeviceType deviceType, boolean outbound,
                    String ani, String dnis, String context, boolean agent, List<String> relatedUuids,
                    Map<String, String> data, String callState, String parentCallId) {

    static ChannelFacts of(EslEvent e, String dataPrefix) {
        String uuid = e.header("Unique-ID");
        String member = e.header("variable_cc_member_session_uuid");
        boolean agent = !member.isEmpty() && !member.equals(uuid);
        String name = e.header("Channel-Name");
        return new ChannelFacts(uuid, e.header("Channel-Call-UUID"), device(name), deviceType(name),
                e.header("Call-Direction").equals("outbound"), e.header("Caller-Caller-ID-Number"),
                e.header("Caller-Destination-Number"), e.header("Caller-Context"), agent,
                agent ? List.of(member) : List.of(), data(e, dataPrefix), e.header("Channel-Call-State"),
                e.header("variable_" + CommandPlan.PARENT_VARIABLE));
    }

    /** A row of {@code show channels as json}. */
    static ChannelFacts of(JsonNode row) {
        String name = text(row, "name");
        String uuid = text(row, "uuid");
        return new ChannelFacts(uuid, text(row, "call_uuid"), device(name), deviceType(name),
                text(row, "direction").equals("outbound"), text(row, "cid_num"), text(row, "dest"),
                text(row, "context"), false, List.of(), Map.of(), text(row, "callstate"), "");
    }

    /** Call data carried by the event's {@code variable_<prefix>key} headers, by key. */
    static Map<String, String> data(EslEvent e, String dataPrefix) {
        String p = "variable_" + dataPrefix;
        Map<String, String> out = null;
        for (Map.Entry<String, String> h : e.headers().entrySet()) {
            if (h.getKey().startsWith(p) && h.getKey().length() > p.length()) {
                if (out == null) {
                    out = new HashMap<>();
                }
                out.put(h.getKey().substring(p.length()), h.getValue());
            }
        }
        return out == null ? Map.of() : out;
    }

    /** {@code sofia/internal/1001@10.0.0.5} is device 1001; a channel name of another kind is its own device. */
    static String device(String channelName) {
        String[] parts = channelName.split("/");
        if (parts.length >= 3 && parts[0].equals("sofia")) {
            String user = parts[parts.length - 1];
            if (user.startsWith("sip:")) {
                user = user.substring(4);
            }
            int at = user.indexOf('@');
            return at > 0 ? user.substring(0, at) : user;
        }
        return channelName;
    }

    static DeviceType deviceType(String channelName) {
        String[] parts = channelName.split("/");
        if (parts.length >= 3 && parts[0].equals("sofia")) {
            return parts[1].equals("internal") ? DeviceType.STATION : DeviceType.TRUNK;
        }
        if (channelName.startsWith("user/")) {
            return DeviceType.STATION;
        }
        return DeviceType.UNKNOWN;
    }

    private static String text(JsonNode row, String field) {
        JsonNode n = row.get(field);
        return n == null || n.isNull() ? "" : n.asText();
    }
}
