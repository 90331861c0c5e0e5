package io.callwire.routing;

/** How a queue chooses among the available agents who meet a task's requirement. */
public enum Strategy {
    /** The agent idle longest (the classic ACD rule). Looks only at the head of each skill group. */
    LONGEST_IDLE,
    /** The agent with the highest levels in the skills the requirement names, then the longest idle. */
    BEST_PROFICIENCY,
    /** Agents in turn, in configuration order, continuing after the agent the queue chose last. */
    ROUND_ROBIN,
    /** The agent with the lowest occupancy (busy time over working time), then the longest idle. */
    LEAST_OCCUPIED,
    /** The agent who has handled the fewest tasks, then the longest idle. */
    FEWEST_CALLS,
    /** A random agent, weighted by proficiency plus one; the generator is seeded, so replays agree. */
    WEIGHTED_RANDOM,
    /** The agent the queue's {@link AgentScorer} rates highest, then the longest idle. */
    SCORED;

    /** Whether the strategy needs only the longest-idle head of each skill group. */
    boolean headsOnly() {
        return this == LONGEST_IDLE || this == BEST_PROFICIENCY;
    }
}
