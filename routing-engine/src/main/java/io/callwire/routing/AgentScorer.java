package io.callwire.routing;

import java.util.Map;

/**
 * A custom agent-selection rule for queues with {@link Strategy#SCORED}: among the available agents who meet
 * the task's requirement, the highest score wins, ties going to the longest idle. Runs on the engine's
 * state thread for every candidate of every decision: keep it quick, allocation-free and without I/O.
 */
@FunctionalInterface
public interface AgentScorer {
    /** An agent's score for a task of {@code queueId} with this attached call data; higher is better. */
    double score(AgentView agent, String queueId, Map<String, String> callData);
}
