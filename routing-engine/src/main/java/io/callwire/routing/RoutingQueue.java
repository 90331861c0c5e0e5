package io.callwire.routing;

import java.time.Duration;
import java.util.Objects;

/**
 * A queue the library routes itself (rather than the switch).
 *
 * @param id           queue id, as in CallQueued events
 * @param requirement  skills an agent needs to take its tasks
 * @param offerTimeout how long a reserved agent's station may ring before the task goes back to the queue
 * @param serviceLevel answer-within time of the service-level target (e.g. 80% within 30 s)
 * @param ageingPerMinute priority points a waiting task gains per minute, so no task starves (0 = strict priority)
 */
public record RoutingQueue(String id, SkillExpression requirement, Duration offerTimeout, Duration serviceLevel,
                           double ageingPerMinute) {
    public RoutingQueue {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(requirement, "requirement");
        if (offerTimeout.isNegative() || offerTimeout.isZero()) {
            throw new IllegalArgumentException("queue " + id + ": offer timeout must be positive");
        }
        if (serviceLevel.isNegative() || serviceLevel.isZero()) {
            throw new IllegalArgumentException("queue " + id + ": service-level time must be positive");
        }
        if (!(ageingPerMinute >= 0)) {
            throw new IllegalArgumentException("queue " + id + ": ageing must not be negative");
        }
    }

    /** A queue with the common 30-second service-level time and one priority point of ageing per minute. */
    public RoutingQueue(String id, SkillExpression requirement, Duration offerTimeout) {
        this(id, requirement, offerTimeout, Duration.ofSeconds(30), 1.0);
    }
}
