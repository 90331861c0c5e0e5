package io.callwire.adapter.freeswitch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One row of {@code callcenter_config queue list members <queue>}: a caller's channel ({@code session_uuid}) in a
 * mod_callcenter queue and its state (Waiting, Trying, Answered, Abandoned).
 */
record MemberSnapshot(String queue, String sessionUuid, String state) {

    /** Whether the member still waits for an agent. */
    boolean waiting() {
        return state.equals("Waiting") || state.equals("Trying");
    }

    static List<MemberSnapshot> parse(String text) {
        List<MemberSnapshot> out = new ArrayList<>();
        for (Map<String, String> row : PipeTable.parse(text, "queue")) {
            out.add(new MemberSnapshot(row.get("queue"), row.getOrDefault("session_uuid", ""),
                    row.getOrDefault("state", "")));
        }
        return out;
    }

    /** Queue names from {@code callcenter_config queue list}. */
    static List<String> queueNames(String text) {
        List<String> out = new ArrayList<>();
        for (Map<String, String> row : PipeTable.parse(text, "name")) {
            out.add(row.get("name"));
        }
        return out;
    }
}
