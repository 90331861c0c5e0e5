package io.callwire.routing;

import io.callwire.core.event.AgentReserved;
import io.callwire.core.event.TaskQueued;
import io.callwire.core.model.AgentState;
import io.callwire.core.model.Channel;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The decision an agent gets when it becomes free, taken apart from acting on it ({@link Router#firstOffer}), is
 * the reservation the router then makes, and asking for it changes no later decision.
 */
class FirstOfferTest {
    private static final int QUEUES = 12;
    private static final int AGENTS = 30;

    private static Router router() {
        List<RoutingQueue> queues = new ArrayList<>();
        for (int q = 0; q < QUEUES; q++) {
            String skill = "s" + q % 4;
            queues.add(new RoutingQueue("q" + q, SkillExpression.parse(skill + " >= " + (2 + q / 4 * 3)),
                    Duration.ofSeconds(15)).withWidening(new WideningStep(Duration.ofSeconds(40),
                    SkillExpression.parse(skill + " >= 1"))));
        }
        SplittableRandom random = new SplittableRandom(3);
        List<AgentProfile> agents = new ArrayList<>();
        for (int a = 0; a < AGENTS; a++) {
            Map<String, Integer> skills = new HashMap<>();
            for (int s = 0; s < 4; s++) {
                if (random.nextInt(2) == 0) {
                    skills.put("s" + s, 1 + random.nextInt(10));
                }
            }
            agents.add(new AgentProfile("a" + a, "st" + a, skills));
        }
        return new Router(queues, agents, (queueId, data) -> Integer.parseInt(data.getOrDefault("priority", "0")));
    }

    /** Every agent NOT_READY, then 80 calls of mixed priority, some excluding agents, some widened by now. */
    private static RouterHarness waitingWork(Router router) {
        RouterHarness h = new RouterHarness(router);
        for (int a = 0; a < AGENTS; a++) {
            h.agent("a" + a, AgentState.READY);
            h.agent("a" + a, AgentState.NOT_READY);
        }
        SplittableRandom random = new SplittableRandom(5);
        for (int c = 0; c < 80; c++) {
            h.at(c);
            Map<String, String> data = new HashMap<>();
            data.put("priority", String.valueOf(random.nextInt(3)));
            if (random.nextInt(5) == 0) {
                data.put("excludedAgents", "a" + random.nextInt(AGENTS) + ",a" + random.nextInt(AGENTS));
            }
            h.queued("c" + c, "q" + random.nextInt(QUEUES), "", data);
        }
        h.at(90);
        return h;
    }

    @Test
    void predictsTheReservationAnAgentGetsOnBecomingReady() {
        Router router = router();
        RouterHarness h = waitingWork(router);
        Map<String, String> taskOfCall = new HashMap<>();
        h.emitted(TaskQueued.class).forEach(q -> taskOfCall.put(q.taskId(), q.callId()));
        Match match = new Match();
        int offers = 0;
        for (int a = 0; a < AGENTS; a++) {
            RoutedAgent agent = router.routedAgent("a" + a);
            AgentPool pool = router.pool(Channel.VOICE);
            pool.add(agent, h.now());
            boolean found = router.firstOffer(agent, Channel.VOICE, h.now(), match);
            pool.remove(agent);
            int before = h.emitted(AgentReserved.class).size();
            h.agent("a" + a, AgentState.READY);
            List<AgentReserved> reserved = h.emitted(AgentReserved.class);
            if (!found) {
                assertEquals(before, reserved.size(), "a" + a + " gets nothing");
                continue;
            }
            offers++;
            AgentReserved r = reserved.get(before);
            assertEquals(match.task.id, r.taskId(), "task offered to a" + a);
            assertEquals("a" + a, r.agentId());
            assertEquals(match.agent.profile.id(), r.agentId());
        }
        assertTrue(offers > AGENTS / 2, "most agents get work: " + offers);
    }

    @Test
    void askingChangesNoDecision() {
        Router asked = router();
        Router untouched = router();
        RouterHarness a = waitingWork(asked);
        RouterHarness u = waitingWork(untouched);
        Match match = new Match();
        for (int n = 0; n < AGENTS; n++) {
            for (int other = 0; other < AGENTS; other++) {
                RoutedAgent agent = asked.routedAgent("a" + other);
                if (!asked.pool(Channel.VOICE).contains(agent)) {
                    asked.pool(Channel.VOICE).add(agent, a.now());
                    asked.firstOffer(agent, Channel.VOICE, a.now(), match);
                    asked.pool(Channel.VOICE).remove(agent);
                }
            }
            a.agent("a" + n, AgentState.READY);
            u.agent("a" + n, AgentState.READY);
        }
        assertEquals(u.emitted.toString(), a.emitted.toString());
        assertEquals(u.sent.toString(), a.sent.toString());
    }
}
