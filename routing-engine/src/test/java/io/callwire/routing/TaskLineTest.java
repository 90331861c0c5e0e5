package io.callwire.routing;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TaskLineTest {
    private long order;

    private Task task(String id, RoutingQueue queue, long queuedAtSeconds, int priority) {
        return new Task(id, "sw", "c-" + id, "l-" + id, queue, queuedAtSeconds * 1000, priority, ++order, java.util.Map.of());
    }

    private static List<String> drain(TaskLine line) {
        List<String> out = new ArrayList<>();
        while (!line.isEmpty()) {
            Task first = line.peekFirst();
            line.remove(first);
            out.add(first.id);
        }
        return out;
    }

    @Test
    void priorityPlusAgeLetsOldLowPriorityTasksOvertakeNewHighPriorityOnes() {
        RoutingQueue ageing = new RoutingQueue("q", SkillExpression.ANY, Duration.ofSeconds(20),
                Duration.ofSeconds(30), 1.0);
        TaskLine line = new TaskLine();
        line.add(task("old-low", ageing, 0, 0));
        line.add(task("newer-high", ageing, 60, 5));
        line.add(task("newest-high", ageing, 600, 5));
        line.add(task("old-low-2", ageing, 0, 0));
        assertEquals(4, line.size());
        assertEquals(0, line.oldest().queuedAt);
        assertEquals(List.of("newer-high", "old-low", "old-low-2", "newest-high"), drain(line));
    }

    @Test
    void withoutAgeingPriorityIsStrictAndReturnedTasksComeFirst() {
        RoutingQueue strict = new RoutingQueue("q", SkillExpression.ANY, Duration.ofSeconds(20),
                Duration.ofSeconds(30), 0.0);
        TaskLine line = new TaskLine();
        Task returned = task("returned", strict, 900, 0);
        line.add(task("low", strict, 0, 1));
        line.add(task("high", strict, 800, 9));
        line.addFirst(returned);
        line.remove(task("absent", strict, 0, 0));
        assertEquals(List.of("returned", "high", "low"), drain(line));
    }

    @Test
    void agreesWithASortedSetOverRandomMoves() {
        RoutingQueue ageing = new RoutingQueue("q", SkillExpression.ANY, Duration.ofSeconds(20),
                Duration.ofSeconds(30), 2.0);
        java.util.SplittableRandom random = new java.util.SplittableRandom(5);
        java.util.TreeSet<Task> model = new java.util.TreeSet<>(java.util.Comparator.<Task>comparingDouble(t -> -t.key)
                .thenComparingLong(t -> t.order));
        List<Task> all = new ArrayList<>();
        TaskLine line = new TaskLine();
        long clock = 0;
        for (int step = 0; step < 20_000; step++) {
            if (model.isEmpty() || random.nextInt(3) > 0) {
                clock += random.nextInt(5);
                // now and then an older arrival (an overflow keeps its wait)
                long at = random.nextInt(10) == 0 ? Math.max(0, clock - random.nextInt(100)) : clock;
                Task t = task("t" + step, ageing, at, random.nextInt(4));
                all.add(t);
                model.add(t);
                line.add(t);
            } else {
                Task victim = random.nextBoolean() ? model.first()
                        : all.stream().filter(model::contains).skip(random.nextInt(model.size())).findFirst().orElseThrow();
                model.remove(victim);
                line.remove(victim);
            }
            assertEquals(model.isEmpty() ? null : model.first(), line.peekFirst(), "step " + step);
            assertEquals(model.size(), line.size());
        }
        Task probe = model.isEmpty() ? null : model.last();
        if (probe != null) {
            assertEquals(model.headSet(probe).size(), line.countBefore(probe));
        }
    }
}
