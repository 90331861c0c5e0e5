package io.callwire.examples.crm;

import java.util.concurrent.CompletionStage;

/**
 * Places a due follow-up call so the ACD gives it to an agent. The stage completes with the new call's id.
 * How depends on the switch: the reference app queues it on the simulator (see docs/agent-app.md).
 */
@FunctionalInterface
public interface FollowUpDialer {
    CompletionStage<String> dial(FollowUp task);
}
