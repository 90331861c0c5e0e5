package io.callwire.adapter.freeswitch;

import java.util.ArrayList;
import java.util.List;

/**
 * One row of {@code callcenter_config agent list}: a mod_callcenter agent, its contact's device, status
 * (Logged Out, Available, Available (On Demand), On Break) and state (Waiting, Receiving, In a queue call, Idle).
 */
record AgentSnapshot(String name, String deviceId, String status, String state) {

    /**
     * Parses the pipe-separated table FreeSWITCH answers (a header line, rows, {@code +OK}).
     *
     * @throws IllegalArgumentException when the text is not such a table
     */
    static List<AgentSnapshot> parse(String text) {
        List<AgentSnapshot> out = new ArrayList<>();
        String[] lines = text.split("\n");
        if (lines.length == 0 || !lines[0].startsWith("name|")) {
            if (text.strip().startsWith("+OK") || text.isBlank()) {
                return out;
            }
            throw new IllegalArgumentException("not a callcenter agent list: '" + EslFrameDecoder.abbreviate(text.strip()) + "'");
        }
        List<String> columns = List.of(lines[0].strip().split("\\|", -1));
        int name = columns.indexOf("name");
        int contact = columns.indexOf("contact");
        int status = columns.indexOf("status");
        int state = columns.indexOf("state");
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("+OK")) {
                continue;
            }
            String[] f = line.split("\\|", -1);
            if (f.length != columns.size()) {
                throw new IllegalArgumentException("agent list row with " + f.length + " fields, expected "
                        + columns.size());
            }
            out.add(new AgentSnapshot(f[name], contactDevice(contact < 0 ? "" : f[contact]), f[status], f[state]));
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
