package io.callwire.examples.crm;

import java.util.concurrent.CompletionStage;

/**
 * Hands a due follow-up call to the ACD so it is offered to an agent, who places the call on accepting.
 * The task is submitted under {@link FollowUp#routingTaskId()}, which the CRM stores before calling the dialer;
 * the stage completes with that id (the reference app submits an outbound voice task, see docs/agent-app.md)
 * or fails with the reason it could not be queued.
 */
@FunctionalInterface
public interface FollowUpDialer {
    CompletionStage<String> dial(FollowUp task);
}
