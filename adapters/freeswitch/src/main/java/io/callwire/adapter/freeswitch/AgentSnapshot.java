package io.callwire.adapter.freeswitch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One row of {@code callcenter_config agent list}: a mod_callcenter agent, its contact's device, status
 * (Logged Out, Available, Available (On Demand), On Break) and state (Waiting, Receiving, In a queue call, Idle).
 */
record AgentSnapshot(String name, String deviceId, String status, String state) {

    /**
     * Parses the table FreeSWITCH answers; {@code -ERR} (no mod_callcenter) is no agents.
     *
     * @throws IllegalArgumentException when the text is not such a table
     */
    static List<AgentSnapshot> parse(String text) {
        List<AgentSnapshot> out = new ArrayList<>();
        for (Map<String, String> row : PipeTable.parse(text, "name")) {
            out.add(new AgentSnapshot(row.get("name"), contactDevice(row.getOrDefault("contact", "")),
                    row.getOrDefault("status", ""), row.getOrDefault("state", "")));
        }
        return out;
    }

    /** {@code [leg_timeout=10]user/1001@default} is device 1001. */
    static String contactDevice(String contact) {
        String s = contact.replaceAll("\\[[^]]*]|\\{[^}]*}", "");
        int slash = s.lastIndexOf('/');
        if (slash >= 0) {
            s = s.substring(slash + 1);
        }
        int at = s.indexOf('@');
        return at > 0 ? s.substring(0, at) : s;
    }
}
