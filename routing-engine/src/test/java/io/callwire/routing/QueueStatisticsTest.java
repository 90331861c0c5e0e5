package io.callwire.routing;

import io.callwire.core.model.AgentState;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class QueueStatisticsTest {
    private static QueueStatistics stats(String queue, long answered, long abandoned, long inTime, long waitSum, long at) {
        int[] agents = new int[AgentState.values().length];
        agents[AgentState.READY.ordinal()] = 3;
        return new QueueStatistics(queue, 2, 1_000, answered + abandoned, answered, abandoned, 0, inTime, waitSum,
                answered, answered * 60_000, agents, at);
    }

    @Test
    void figuresSinceAStartSnapshotCountOnlyWhatCameAfter() {
        QueueStatistics midnight = stats("q", 100, 10, 90, 1_000_000, 10);
        QueueStatistics now = stats("q", 130, 12, 110, 1_300_000, 20);
        QueueStatistics today = now.since(midnight);
        assertEquals(30, today.answered());
        assertEquals(2, today.abandoned());
        assertEquals(100.0 * 20 / 32, today.serviceLevelPercent());
        assertEquals(10_000, today.averageSpeedOfAnswerMillis());
        assertEquals(2, today.waiting(), "waiting is as now");
        assertEquals(3, today.agents(AgentState.READY));
        assertThrows(IllegalArgumentException.class, () -> now.since(stats("other", 0, 0, 0, 0, 0)));
    }
}
