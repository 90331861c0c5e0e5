package io.callwire.adapter.asterisk;

import io.callwire.core.model.AgentState;

import java.util.TreeSet;

/** A queue member as the translator sees it; the agent id is the member's Interface. Translator thread only. */
final class AmiAgent {
    final String id;
    String device;
    final TreeSet<String> queues = new TreeSet<>();
    boolean paused;
    String pausedReason = "";
    /** The device state, AST_DEVICE_* code (1 not in use, 2 in use, 5 unavailable, 6 ringing ...). */
    int status = 1;
    AgentState published;
    String publishedReason;

    AmiAgent(String id, String device) {
        this.id = id;
        this.device = device;
    }
}
