package io.callwire.routing;

import io.callwire.core.event.CallAbandoned;
import io.callwire.core.event.CallEnded;
import io.callwire.core.event.CallQueued;
import io.callwire.core.event.CtiEvent;
import io.callwire.core.event.LegConnected;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Statistics of the queues the switch routes itself (Asterisk app_queue, mod_callcenter, an ACD split), kept
 * from the same events as the library's own queues: a call joins on CallQueued, is answered when another
 * leg of it connects, and is abandoned when it ends first. So a wallboard shows both kinds side by side.
 * Owned by the router on the state thread.
 */
final class SwitchQueues {
    private final Duration serviceLevel;
    private final Map<String, Observed> queues = new ConcurrentHashMap<>();
    private final Map<String, Waiting> waiting = new HashMap<>();

    SwitchQueues(Duration serviceLevel) {
        this.serviceLevel = serviceLevel;
    }

    /** Applies an event about a queue the library does not route. */
    void onEvent(CtiEvent event, long now) {
        if (event instanceof CallQueued e) {
            Observed queue = queues.computeIfAbsent(e.queueId(), id -> new Observed(
                    new QueueCounters(new RoutingQueue(id, SkillExpression.ANY, Duration.ofSeconds(1), serviceLevel, 0))));
            if (!waiting.containsKey(e.callId())) {
                Waiting w = new Waiting(queue, e.legId(), now);
                waiting.put(e.callId(), w);
                queue.line.put(e.callId(), w);
                queue.counters.offered();
                queue.publish(now);
            }
        } else if (event instanceof LegConnected e) {
            Waiting w = waiting.get(e.callId());
            if (w != null && !w.legId.equals(e.legId())) {
                leave(e.callId(), w).counters.answered(now - w.since);
                w.queue.publish(now);
            }
        } else if (event instanceof CallAbandoned || event instanceof CallEnded) {
            Waiting w = waiting.get(event.callId());
            if (w != null) {
                leave(event.callId(), w).counters.abandoned();
                w.queue.publish(now);
            }
        }
    }

    private Observed leave(String callId, Waiting w) {
        waiting.remove(callId);
        w.queue.line.remove(callId);
        return w.queue;
    }

    void statistics(Map<String, QueueStatistics> into) {
        queues.forEach((id, q) -> into.putIfAbsent(id, q.counters.published()));
    }

    private record Waiting(Observed queue, String legId, long since) {
    }

    /** One switch-side queue: its counters and the calls waiting in it, oldest first. */
    private static final class Observed {
        final QueueCounters counters;
        final LinkedHashMap<String, Waiting> line = new LinkedHashMap<>();

        Observed(QueueCounters counters) {
            this.counters = counters;
        }

        void publish(long now) {
            long oldest = line.isEmpty() ? 0 : line.values().iterator().next().since;
            counters.waiting(line.size(), oldest, now);
        }
    }
}
