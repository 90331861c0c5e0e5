package io.callwire.routing;

import java.util.Map;

/** A read-only look at an agent as the router sees it, for {@link AgentScorer}s. State thread only. */
public interface AgentView {
    /** Agent id. */
    String id();

    /** Skill levels 1..10 by name. */
    Map<String, Integer> skills();

    /** Engine time (epoch ms) since which the agent has been idle. */
    long idleSince();

    /** Tasks the agent has handled since the router started. */
    long tasksHandled();

    /** Busy, reserved and wrap-up time over working time, 0..1, at engine time {@code now}. */
    double occupancy(long now);
}
