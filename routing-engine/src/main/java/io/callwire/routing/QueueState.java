package io.callwire.routing;

import io.callwire.core.model.Channel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One routed queue's live routing state: its waiting tasks, who may take them, and its counters. Tasks wait in
 * one {@link Variant} per distinct requirement (a single one unless the queue's requirements are call-data
 * templates), and within it in one line per channel and widening level. Owned by the router on the state
 * thread.
 */
final class QueueState {
    private static final int CHANNELS = Channel.values().length;

    RoutingQueue queue;
    int levels;
    final List<Variant> variants = new ArrayList<>();
    private final Map<List<SkillExpression>, Variant> byRequirements = new LinkedHashMap<>();
    private boolean templated;
    final QueueCounters counters;
    /** The queue's place in {@link #nextTasks}, where its next task per channel is kept current as lines change. */
    final int index;
    private final NextTasks nextTasks;
    /** Ordinal of the agent the queue chose last, for round robin. */
    int lastOrdinal = -1;

    QueueState(RoutingQueue queue, int index, NextTasks next) {
        this.index = index;
        this.nextTasks = next;
        this.counters = new QueueCounters(queue);
        reconfigure(queue);
    }

    /**
     * Takes new rules, keeping the running counts. The lines start empty: the router puts the waiting tasks
     * back (see {@link #waitingTasks()}, taken before).
     */
    void reconfigure(RoutingQueue rules) {
        this.queue = rules;
        nextTasks.reset(index, rules.ageingPerMinute());
        this.levels = rules.widening().size() + 1;
        boolean anyTemplate = false;
        for (int step = 0; step < levels; step++) {
            anyTemplate |= rules.requirementAt(step).isTemplate();
        }
        this.templated = anyTemplate;
        variants.clear();
        byRequirements.clear();
        counters.reconfigure(rules);
        if (!templated) {
            variantFor(Map.of());
        }
    }

    /** The tasks of one bound requirement set: a line and an eligibility per channel and widening level. */
    final class Variant {
        final SkillExpression[] requirements;
        final TaskLine[] lines = new TaskLine[CHANNELS * levels];
        final AgentPool.Eligibility[] eligibility = new AgentPool.Eligibility[CHANNELS * levels];

        private Variant(SkillExpression[] requirements) {
            this.requirements = requirements;
            for (int i = 0; i < lines.length; i++) {
                lines[i] = new TaskLine(QueueState.this, Channel.values()[i / levels]);
                eligibility[i] = new AgentPool.Eligibility(queue.id(), requirements[i % levels]);
            }
        }

        TaskLine line(Channel channel, int step) {
            return lines[channel.ordinal() * levels + step];
        }

        AgentPool.Eligibility eligibility(Channel channel, int step) {
            return eligibility[channel.ordinal() * levels + step];
        }
    }

    /** The variant for a task with this call data (the queue's only one unless its requirements are templates). */
    Variant variantFor(Map<String, String> data) {
        if (!templated && !variants.isEmpty()) {
            return variants.get(0);
        }
        SkillExpression[] bound = new SkillExpression[levels];
        for (int step = 0; step < levels; step++) {
            bound[step] = queue.requirementAt(step).bind(data);
        }
        return byRequirements.computeIfAbsent(List.of(bound), k -> {
            Variant v = new Variant(bound);
            variants.add(v);
            return v;
        });
    }

    /** Every waiting task, oldest first. */
    List<Task> waitingTasks() {
        List<Task> all = new ArrayList<>();
        for (Variant v : variants) {
            for (TaskLine line : v.lines) {
                for (Task t = line.oldest(); t != null; t = t.newerArrival) {
                    all.add(t);
                }
            }
        }
        all.sort(java.util.Comparator.comparingLong((Task t) -> t.queuedAt).thenComparingLong(t -> t.order));
        return all;
    }

    TaskLine line(Task task) {
        return task.variant.line(task.channel, task.step);
    }

    int waiting() {
        int n = 0;
        for (int i = 0, size = variants.size(); i < size; i++) {
            for (TaskLine line : variants.get(i).lines) {
                n += line.size();
            }
        }
        return n;
    }

    /** The task that has waited longest across all lines, or null. */
    Task oldest() {
        Task oldest = null;
        for (int i = 0, size = variants.size(); i < size; i++) {
            for (TaskLine line : variants.get(i).lines) {
                Task t = line.oldest();
                if (t != null && (oldest == null || t.queuedAt < oldest.queuedAt)) {
                    oldest = t;
                }
            }
        }
        return oldest;
    }

    /** A line of the channel changed: the task served next may be another. */
    void lineChanged(Channel channel) {
        nextTasks.set(index, channel.ordinal(), next(channel));
    }

    /** The task of a channel served next across all variants and levels, or null. */
    Task next(Channel channel) {
        Task best = null;
        for (int i = 0, size = variants.size(); i < size; i++) {
            Variant v = variants.get(i);
            for (int step = 0; step < levels; step++) {
                Task head = v.line(channel, step).peekFirst();
                if (head != null && (best == null || TaskLine.before(head, best))) {
                    best = head;
                }
            }
        }
        return best;
    }

    /**
     * Whether an agent with this profile may take the queue's tasks at some level. With call-data templates
     * the skills needed are known per task only, so every agent working the queue counts.
     */
    boolean servedBy(AgentProfile profile) {
        if (templated) {
            return profile.queues().isEmpty() || profile.queues().contains(queue.id());
        }
        for (int step = 0; step < levels; step++) {
            if (profile.serves(queue.id(), queue.requirementAt(step))) {
                return true;
            }
        }
        return false;
    }

    void publish(long now) {
        Task oldest = oldest();
        counters.waiting(waiting(), oldest == null ? 0 : oldest.queuedAt, now);
    }
}
