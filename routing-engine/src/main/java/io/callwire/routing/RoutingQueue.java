package io.callwire.routing;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A queue the library routes itself (rather than the switch). Start from {@link #RoutingQueue(String,
 * SkillExpression, Duration)} and refine with the {@code with...} methods.
 *
 * @param id              queue id, as in CallQueued events
 * @param requirement     skills an agent needs to take its tasks
 * @param offerTimeout    how long a reserved agent's station may ring before the task goes back to the queue
 * @param serviceLevel    answer-within time of the service-level target (e.g. 80% within 30 s)
 * @param ageingPerMinute priority points a waiting task gains per minute, so no task starves (0 = strict priority)
 * @param strategy        how an agent is chosen among those who qualify
 * @param scorer          the rule of {@link Strategy#SCORED}; null for the other strategies
 * @param widening        ordered steps that relax the requirement as a task waits
 * @param limits          maximum wait and length, and what happens at them
 * @param wrapUp          wrap-up time the router gives an agent after a task of this queue; zero leaves
 *                        wrap-up to the switch
 */
public record RoutingQueue(String id, SkillExpression requirement, Duration offerTimeout, Duration serviceLevel,
                           double ageingPerMinute, Strategy strategy, AgentScorer scorer,
                           List<WideningStep> widening, QueueLimits limits, Duration wrapUp) {
    public RoutingQueue {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(requirement, "requirement");
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(limits, "limits");
        widening = List.copyOf(widening);
        if (offerTimeout.isNegative() || offerTimeout.isZero()) {
            throw new IllegalArgumentException("queue " + id + ": offer timeout must be positive");
        }
        if (serviceLevel.isNegative() || serviceLevel.isZero()) {
            throw new IllegalArgumentException("queue " + id + ": service-level time must be positive");
        }
        if (!(ageingPerMinute >= 0)) {
            throw new IllegalArgumentException("queue " + id + ": ageing must not be negative");
        }
        if ((strategy == Strategy.SCORED) != (scorer != null)) {
            throw new IllegalArgumentException("queue " + id + ": a scorer goes with the SCORED strategy only");
        }
        for (int i = 1; i < widening.size(); i++) {
            if (widening.get(i).after().compareTo(widening.get(i - 1).after()) <= 0) {
                throw new IllegalArgumentException("queue " + id + ": widening steps must come in order of wait");
            }
        }
        if (limits.action() instanceof LimitAction.OverflowTo to && to.queueId().equals(id)) {
            throw new IllegalArgumentException("queue " + id + ": cannot overflow into itself");
        }
        if (wrapUp.isNegative()) {
            throw new IllegalArgumentException("queue " + id + ": wrap-up time must not be negative");
        }
    }

    /** A queue with the given service-level time and ageing, longest-idle routing and no limits. */
    public RoutingQueue(String id, SkillExpression requirement, Duration offerTimeout, Duration serviceLevel,
                        double ageingPerMinute) {
        this(id, requirement, offerTimeout, serviceLevel, ageingPerMinute, Strategy.LONGEST_IDLE, null, List.of(),
                QueueLimits.NONE, Duration.ZERO);
    }

    /** A queue with the common 30-second service-level time and one priority point of ageing per minute. */
    public RoutingQueue(String id, SkillExpression requirement, Duration offerTimeout) {
        this(id, requirement, offerTimeout, Duration.ofSeconds(30), 1.0);
    }

    /** This queue choosing agents by a built-in strategy (not {@link Strategy#SCORED}). */
    public RoutingQueue withStrategy(Strategy choice) {
        return new RoutingQueue(id, requirement, offerTimeout, serviceLevel, ageingPerMinute, choice, null, widening,
                limits, wrapUp);
    }

    /** This queue choosing agents by a custom scorer. */
    public RoutingQueue withScorer(AgentScorer agentScorer) {
        return new RoutingQueue(id, requirement, offerTimeout, serviceLevel, ageingPerMinute, Strategy.SCORED,
                Objects.requireNonNull(agentScorer, "scorer"), widening, limits, wrapUp);
    }

    /** This queue relaxing its requirement step by step as a task waits. */
    public RoutingQueue withWidening(WideningStep... steps) {
        return new RoutingQueue(id, requirement, offerTimeout, serviceLevel, ageingPerMinute, strategy, scorer,
                List.of(steps), limits, wrapUp);
    }

    /** This queue with a maximum wait and/or length. */
    public RoutingQueue withLimits(QueueLimits queueLimits) {
        return new RoutingQueue(id, requirement, offerTimeout, serviceLevel, ageingPerMinute, strategy, scorer,
                widening, queueLimits, wrapUp);
    }

    /** This queue giving its agents wrap-up time after each task (zero leaves it to the switch). */
    public RoutingQueue withWrapUp(Duration time) {
        return new RoutingQueue(id, requirement, offerTimeout, serviceLevel, ageingPerMinute, strategy, scorer,
                widening, limits, time);
    }

    /** The requirement at widening level {@code step} (0 = the queue's own). */
    SkillExpression requirementAt(int step) {
        return step == 0 ? requirement : widening.get(step - 1).requirement();
    }
}
