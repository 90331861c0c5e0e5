package io.callwire.routing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Applies the text settings of a {@link io.callwire.core.command.ConfigureQueue} to a queue's rules. Keys:
 * {@code requirement} (skill expression), {@code strategy} (a {@link Strategy} name other than SCORED),
 * {@code ageingPerMinute}, {@code offerTimeout}, {@code serviceLevel}, {@code wrapUp}, {@code maxWait}
 * (seconds, or ISO-8601 like {@code PT2M}), {@code maxLength}, {@code limitAction}
 * ({@code overflow:QUEUE}, {@code redirect:DESTINATION}, {@code callback:ANNOUNCEMENT}) and {@code widening}
 * ({@code 20:billing >= 3;60:any}, seconds and requirement per step; empty for none).
 */
final class QueueSettings {
    private QueueSettings() {
    }

    /** The queue with the settings applied; IllegalArgumentException naming the key for anything unusable. */
    static RoutingQueue apply(RoutingQueue queue, Map<String, String> settings) {
        RoutingQueue q = queue;
        for (Map.Entry<String, String> setting : settings.entrySet()) {
            String value = setting.getValue().trim();
            try {
                q = switch (setting.getKey()) {
                    case "requirement" -> new RoutingQueue(q.id(), SkillExpression.parse(value), q.offerTimeout(),
                            q.serviceLevel(), q.ageingPerMinute(), q.strategy(), q.scorer(), q.widening(), q.limits(), q.wrapUp());
                    case "strategy" -> q.withStrategy(strategy(value));
                    case "ageingPerMinute" -> new RoutingQueue(q.id(), q.requirement(), q.offerTimeout(), q.serviceLevel(),
                            Double.parseDouble(value), q.strategy(), q.scorer(), q.widening(), q.limits(), q.wrapUp());
                    case "offerTimeout" -> new RoutingQueue(q.id(), q.requirement(), duration(value), q.serviceLevel(),
                            q.ageingPerMinute(), q.strategy(), q.scorer(), q.widening(), q.limits(), q.wrapUp());
                    case "serviceLevel" -> new RoutingQueue(q.id(), q.requirement(), q.offerTimeout(), duration(value),
                            q.ageingPerMinute(), q.strategy(), q.scorer(), q.widening(), q.limits(), q.wrapUp());
                    case "wrapUp" -> q.withWrapUp(duration(value));
                    case "maxWait" -> q.withLimits(new QueueLimits(duration(value), q.limits().maxLength(), q.limits().action()));
                    case "maxLength" -> q.withLimits(new QueueLimits(q.limits().maxWait(), Integer.parseInt(value),
                            q.limits().action()));
                    case "limitAction" -> q.withLimits(new QueueLimits(q.limits().maxWait(), q.limits().maxLength(),
                            action(value)));
                    case "widening" -> q.withWidening(widening(value));
                    default -> throw new IllegalArgumentException("unknown setting");
                };
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("queue " + queue.id() + ": setting " + setting.getKey() + "='"
                        + value + "': " + e.getMessage(), e);
            }
        }
        return q;
    }

    private static Strategy strategy(String value) {
        Strategy s = Strategy.valueOf(value.toUpperCase(Locale.ROOT));
        if (s == Strategy.SCORED) {
            throw new IllegalArgumentException("a scorer is code, not a setting");
        }
        return s;
    }

    private static Duration duration(String value) {
        return value.startsWith("P") ? Duration.parse(value) : Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000));
    }

    private static LimitAction action(String value) {
        int colon = value.indexOf(':');
        if (colon < 1 || colon == value.length() - 1) {
            throw new IllegalArgumentException("expected overflow:QUEUE, redirect:DESTINATION or callback:ANNOUNCEMENT");
        }
        String target = value.substring(colon + 1);
        return switch (value.substring(0, colon)) {
            case "overflow" -> new LimitAction.OverflowTo(target);
            case "redirect" -> new LimitAction.RedirectTo(target);
            case "callback" -> new LimitAction.OfferCallback(target);
            default -> throw new IllegalArgumentException("unknown limit action " + value.substring(0, colon));
        };
    }

    private static WideningStep[] widening(String value) {
        List<WideningStep> steps = new ArrayList<>();
        for (String step : value.split(";")) {
            if (step.isBlank()) {
                continue;
            }
            int colon = step.indexOf(':');
            if (colon < 1) {
                throw new IllegalArgumentException("expected SECONDS:REQUIREMENT per step");
            }
            String requirement = step.substring(colon + 1).trim();
            steps.add(new WideningStep(duration(step.substring(0, colon).trim()),
                    requirement.equalsIgnoreCase("any") ? SkillExpression.ANY : SkillExpression.parse(requirement)));
        }
        return steps.toArray(WideningStep[]::new);
    }
}
