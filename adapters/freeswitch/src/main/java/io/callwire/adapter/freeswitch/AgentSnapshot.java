package io.callwire.adapter.freeswitch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One row of {@code callcenter_config agent list}: a mod_callcenter agent, its contact's device, status
 * (Logged Out, Available, Available (On Demand), On Break) and state (Waiting, Receiving, In a queue call, Idle).
 *
 * @param wrapUpSeconds  {@code wrap_up_time}: seconds after a queue call in which mod_callcenter offers the agent no call
 * @param lastBridgeEnd  {@code last_bridge_end}: epoch seconds the agent's last queue call ended, 0 when none
 */
record AgentSnapshot(String name, String deviceId, String status, String state, int wrapUpSeconds, long lastBridgeEnd) {

    /**
     * Parses the table FreeSWITCH answers; {@code -ERR} (no mod_callcenter) is no agents.
     *
     * @throws IllegalArgumentException when the text is not such a table
     */
    static List<AgentSnapshot> parse(String text) {
        List<AgentSnapshot> out = new ArrayList<>();
        for (Map<String, String> row : PipeTable.parse(text, "name")) {
            out.add(new AgentSnapshot(row.get("name"), contactDevice(row.getOrDefault("contact", "")),
                    row.getOrDefault("status", ""), row.getOrDefault("state", ""),
                    (int) number(row.get("wrap_up_time")), number(row.get("last_bridge_end"))));
        }
        return out;
    }

    /** A numeric column; 0 when missing or not a number (an older mod_callcenter may lack the column). */
    private static long number(String value) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            return Math.max(0, Long.parseLong(value.strip()));
        } catch (NumberFormatException e) {
            return 0;
        }
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
