package io.callwire.routing;

import java.time.Duration;
import java.util.Objects;

/**
 * One step of time-based widening: a task that has waited {@code after} is offered to agents meeting
 * {@code requirement} instead of the queue's stricter one (e.g. after 20 s accept {@code billing >= 3}).
 * Steps apply in order, at the first tick or event after they fall due.
 */
public record WideningStep(Duration after, SkillExpression requirement) {
    public WideningStep {
        Objects.requireNonNull(requirement, "requirement");
        if (after.isNegative() || after.isZero()) {
            throw new IllegalArgumentException("a widening step needs a positive wait");
        }
    }
}
