package io.callwire.routing;

import java.util.List;

/**
 * Why the router reserved this agent for this task, and what it thought of the other agents it looked at.
 *
 * @param taskId        task
 * @param reservationId reservation the decision made
 * @param queueId       queue the task waited in
 * @param step          widening level in force (0 = the queue's own requirement)
 * @param requirement   the requirement in force
 * @param strategy      the queue's strategy
 * @param agentId       agent chosen
 * @param reason        why, in words (strategy, preferred agent, sticky agent)
 * @param considered    agents looked at, with their score and a note; other available agents either did
 *                      not meet the requirement or were idle for less time than their group's head
 * @param at            engine time (epoch ms) of the decision
 */
public record DecisionTrace(String taskId, String reservationId, String queueId, int step, String requirement,
                            Strategy strategy, String agentId, String reason, List<Candidate> considered, long at) {
    public DecisionTrace {
        considered = List.copyOf(considered);
    }

    /** One agent the router looked at: its score under the strategy (higher is better) and a note. */
    public record Candidate(String agentId, double score, String note) {
    }
}
