package io.callwire.routing;

import java.time.Duration;
import java.util.Objects;

/**
 * A queue the library routes itself (rather than the switch).
 *
 * @param id           queue id, as in CallQueued events
 * @param requirement  skills an agent needs to take its tasks
 * @param offerTimeout how long a reserved agent's station may ring before the task goes back to the queue
 */
public record RoutingQueue(String id, SkillExpression requirement, Duration offerTimeout) {
    public RoutingQueue {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(requirement, "requirement");
        if (offerTimeout.isNegative() || offerTimeout.isZero()) {
            throw new IllegalArgumentException("queue " + id + ": offer timeout must be positive");
        }
    }
}
