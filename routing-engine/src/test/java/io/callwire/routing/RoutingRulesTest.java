package io.callwire.routing;

import io.callwire.core.command.AgentReady;
import io.callwire.core.command.AgentWrapUp;
import io.callwire.core.command.HangUp;
import io.callwire.core.command.Redirect;
import io.callwire.core.event.AgentReserved;
import io.callwire.core.event.ReservationRejected;
import io.callwire.core.event.TaskAssigned;
import io.callwire.core.event.TaskCompleted;
import io.callwire.core.event.TaskOverflowed;
import io.callwire.core.model.AgentState;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The router's rules, driven event by event through an in-memory state context. */
class RoutingRulesTest {
    private static final Duration OFFER = Duration.ofSeconds(15);

    private static RoutingQueue queue(String id, String requirement) {
        return new RoutingQueue(id, SkillExpression.parse(requirement), OFFER);
    }

    private static AgentProfile agent(int n, Map<String, Integer> skills) {
        return new AgentProfile("agent-" + n, "10" + n, skills);
    }

    private static List<String> reservedAgents(RouterHarness h) {
        return h.emitted(AgentReserved.class).stream().map(AgentReserved::agentId).toList();
    }

    /** Agents go READY in this order, one second apart, so the first is the longest idle. */
    private static RouterHarness ready(Router router, String... agentIds) {
        RouterHarness h = new RouterHarness(router);
        long t = 0;
        for (String id : agentIds) {
            h.at(++t);
            h.agent(id, AgentState.READY);
        }
        return h;
    }

    @Test
    void bestProficiencyPrefersHigherLevelsThenTheLongestIdle() {
        Router router = new Router(List.of(queue("q", "billing >= 3").withStrategy(Strategy.BEST_PROFICIENCY)),
                List.of(agent(1, Map.of("billing", 4)), agent(2, Map.of("billing", 9)), agent(3, Map.of("billing", 9)),
                        agent(4, Map.of("english", 10))));
        RouterHarness h = ready(router, "agent-1", "agent-2", "agent-3", "agent-4");
        for (int i = 0; i < 4; i++) {
            h.queued("c" + i, "q");
        }
        assertEquals(List.of("agent-2", "agent-3", "agent-1"), reservedAgents(h), "agent-4 lacks billing");
    }

    @Test
    void roundRobinTakesAgentsInTurnAfterTheLastChosen() {
        Router router = new Router(List.of(queue("q", "").withStrategy(Strategy.ROUND_ROBIN)),
                List.of(agent(1, Map.of()), agent(2, Map.of()), agent(3, Map.of())));
        RouterHarness h = ready(router, "agent-3", "agent-1", "agent-2");
        for (int call = 0; call < 5; call++) {
            String id = "c" + call;
            h.queued(id, "q");
            AgentReserved r = h.emitted(AgentReserved.class).get(call);
            String station = "10" + r.agentId().charAt(6);
            h.answers(id, station);
            h.ends(id);
            h.agent(r.agentId(), AgentState.READY);
        }
        assertEquals(List.of("agent-1", "agent-2", "agent-3", "agent-1", "agent-2"), reservedAgents(h));
    }

    @Test
    void fewestCallsAndLeastOccupiedBalanceTheWork() {
        Router router = new Router(List.of(queue("few", "").withStrategy(Strategy.FEWEST_CALLS),
                queue("occ", "").withStrategy(Strategy.LEAST_OCCUPIED)),
                List.of(agent(1, Map.of()), agent(2, Map.of())));
        RouterHarness h = ready(router, "agent-1", "agent-2");
        h.queued("c1", "few");
        h.answers("c1", "101");
        h.agent("agent-1", AgentState.BUSY);
        h.at(60);
        h.ends("c1");
        h.agent("agent-1", AgentState.READY);
        h.at(61);
        h.queued("c2", "few");
        assertEquals("agent-2", reservedAgents(h).get(1), "agent-1 has handled a call, agent-2 none");
        h.answers("c2", "102");
        h.at(62);
        h.ends("c2");
        h.agent("agent-2", AgentState.READY);
        h.at(100);
        h.queued("c3", "occ");
        assertEquals("agent-2", reservedAgents(h).get(2), "agent-1 was busy 58 of 99 s, agent-2 1 of 98 s");
        AgentStatistics one = router.agentStatistics().get("agent-1");
        assertEquals(1, one.tasksHandled());
        assertEquals(58_000, one.talkMillis(), "answered at 2 s, ended at 60 s");
        assertTrue(one.occupancy(h.now()) > 0.5, "occupancy " + one.occupancy(h.now()));
    }

    @Test
    void weightedRandomIsReproducibleAndOnlyPicksQualifiedAgents() {
        List<String> first = null;
        for (int run = 0; run < 2; run++) {
            Router router = new Router(List.of(queue("q", "sales >= 1").withStrategy(Strategy.WEIGHTED_RANDOM)),
                    List.of(agent(1, Map.of("sales", 1)), agent(2, Map.of("sales", 10)), agent(3, Map.of())));
            RouterHarness h = ready(router, "agent-1", "agent-2", "agent-3");
            List<String> picks = new ArrayList<>();
            for (int call = 0; call < 20; call++) {
                h.queued("c" + call, "q");
                AgentReserved r = h.emitted(AgentReserved.class).get(call);
                picks.add(r.agentId());
                h.answers("c" + call, "10" + r.agentId().charAt(6));
                h.ends("c" + call);
                h.agent(r.agentId(), AgentState.READY);
            }
            assertTrue(!picks.contains("agent-3"), picks.toString());
            assertTrue(picks.stream().filter("agent-2"::equals).count() > 10, "weight 11 against 2: " + picks);
            if (first != null) {
                assertEquals(first, picks, "the same events give the same draws");
            }
            first = picks;
        }
    }

    @Test
    void aCustomScorerDecides() {
        AgentScorer seniorityForVips = (agent, queueId, data) ->
                "vip".equals(data.get("tier")) ? agent.skills().getOrDefault("seniority", 0) : -agent.tasksHandled();
        Router router = new Router(List.of(queue("q", "").withScorer(seniorityForVips)),
                List.of(agent(1, Map.of("seniority", 2)), agent(2, Map.of("seniority", 8))));
        RouterHarness h = ready(router, "agent-1", "agent-2");
        h.queued("plain", "q", "", Map.of());
        h.queued("vip", "q", "", Map.of("tier", "vip"));
        assertEquals(List.of("agent-1", "agent-2"), reservedAgents(h), "ties go to the longest idle");
        Router again = new Router(List.of(queue("q", "").withScorer(seniorityForVips)),
                List.of(agent(1, Map.of("seniority", 2)), agent(2, Map.of("seniority", 8))));
        RouterHarness h2 = ready(again, "agent-1", "agent-2");
        h2.queued("vip", "q", "", Map.of("tier", "vip"));
        assertEquals(List.of("agent-2"), reservedAgents(h2));
    }

    @Test
    void wideningRelaxesTheRequirementAndMaxWaitOverflowsToAnotherQueue() {
        RoutingQueue billing = queue("billing", "billing >= 8")
                .withWidening(new WideningStep(Duration.ofSeconds(20), SkillExpression.parse("billing >= 3")))
                .withLimits(QueueLimits.maxWait(Duration.ofSeconds(60), new LimitAction.OverflowTo("general")));
        Router router = new Router(List.of(billing, queue("general", "general >= 1")),
                List.of(agent(1, Map.of("billing", 4)), agent(2, Map.of("general", 5))));
        RouterHarness h = new RouterHarness(router);
        h.at(0);
        h.queued("c1", "billing");
        h.agent("agent-1", AgentState.READY);
        assertEquals(List.of(), reservedAgents(h), "billing 4 is not enough at first");
        h.at(19);
        assertEquals(List.of(), reservedAgents(h));
        h.at(20);
        assertEquals(List.of("agent-1"), reservedAgents(h), "after 20 s billing >= 3 will do");
        assertEquals(1, router.decisions("task-1").get(0).step());
        h.answers("c1", "101");

        h.queued("c2", "billing");
        h.at(79);
        assertEquals(List.of(), h.emitted(TaskOverflowed.class));
        h.agent("agent-2", AgentState.READY);
        h.at(80);
        TaskOverflowed overflow = h.emitted(TaskOverflowed.class).get(0);
        assertEquals("billing", overflow.fromQueueId());
        assertEquals("general", overflow.toQueueId());
        assertEquals(List.of("agent-1", "agent-2"), reservedAgents(h));
        h.answers("c2", "102");
        assertEquals(60_000, router.statistics().get("general").totalAnswerWaitMillis(), "the caller keeps its wait");
        assertEquals(1, router.statistics().get("billing").overflowed());
    }

    @Test
    void aFullQueueSendsNewCallsToItsLimitDestination() {
        RoutingQueue small = queue("q", "").withLimits(
                QueueLimits.maxWait(Duration.ofMinutes(10), new LimitAction.RedirectTo("voicemail")).withMaxLength(2));
        Router router = new Router(List.of(small), List.of(agent(1, Map.of())));
        RouterHarness h = new RouterHarness(router);
        h.queued("c1", "q");
        h.queued("c2", "q");
        h.queued("c3", "q");
        assertEquals(List.of(new Redirect("c3", "c3-caller", "voicemail")), h.sent(Redirect.class));
        TaskCompleted done = h.emitted(TaskCompleted.class).get(0);
        assertEquals("overflowed", done.outcome());
        assertEquals(2, router.statistics().get("q").waiting());
        assertEquals(1, router.statistics().get("q").overflowed());
    }

    @Test
    void aCallerWaitingTooLongIsOfferedACallbackThatKeepsItsPlace() {
        RoutingQueue busy = queue("q", "").withLimits(
                QueueLimits.maxWait(Duration.ofSeconds(60), new LimitAction.OfferCallback("callback-ivr")));
        Router router = new Router(List.of(busy), List.of(agent(1, Map.of())));
        RouterHarness h = new RouterHarness(router);
        h.at(0);
        h.queued("early", "q", "+4930111", Map.of());
        h.at(30);
        h.queued("late", "q", "+4930222", Map.of());
        h.at(60);
        assertEquals(List.of(new Redirect("early", "early-caller", "callback-ivr")), h.sent(Redirect.class));
        assertEquals("overflowed", h.emitted(TaskCompleted.class).get(0).outcome());
        h.agent("agent-1", AgentState.READY);
        AgentReserved offer = h.emitted(AgentReserved.class).get(0);
        assertEquals("callback-task-1", offer.taskId(), "the callback keeps the early caller's place");
        h.command(new io.callwire.core.command.AcceptTask(offer.reservationId()));
        assertEquals("+4930111", h.sent(io.callwire.core.command.MakeCall.class).get(0).destination());
    }

    @Test
    void switchRoutedQueuesGetTheSameStatistics() {
        Router router = new Router(List.of(queue("q", "")), List.of(agent(1, Map.of())))
                .observeSwitchQueues(Duration.ofSeconds(20));
        RouterHarness h = new RouterHarness(router);
        h.at(0);
        h.queued("answered", "acd-7");
        h.queued("abandoned", "acd-7");
        assertEquals(2, router.statistics().get("acd-7").waiting());
        h.at(15);
        h.answers("answered", "2001");
        h.at(40);
        h.feed(new io.callwire.core.event.CallAbandoned(io.callwire.core.event.Envelope.of("sw", h.now(), "abandoned",
                "", ""), "acd-7", 40_000));
        QueueStatistics acd = router.statistics().get("acd-7");
        assertEquals(2, acd.offered());
        assertEquals(1, acd.answered());
        assertEquals(1, acd.abandoned());
        assertEquals(1, acd.answeredInTime());
        assertEquals(15_000, acd.averageSpeedOfAnswerMillis());
        assertEquals(0, acd.waiting());
        assertEquals(0, router.statistics().get("q").offered(), "the library's own queue is untouched");
    }

    @Test
    void aWaitingCallKnowsItsPositionAndEstimatedWait() {
        TaskPriority vip = (queueId, data) -> data.containsKey("vip") ? 50 : 0;
        Router router = new Router(List.of(queue("q", "")), List.of(agent(1, Map.of())), vip);
        RouterHarness h = ready(router, "agent-1");
        h.queued("first", "q");
        h.answers("first", "101");
        h.at(100);
        h.ends("first");
        h.agent("agent-1", AgentState.BUSY);
        h.queued("a", "q");
        h.queued("b", "q");
        h.queued("c", "q", "", Map.of("vip", "yes"));
        assertEquals(3, router.waitEstimate("b").orElseThrow().position());
        assertEquals(1, router.waitEstimate("c").orElseThrow().position(), "a VIP goes first");
        WaitEstimate a = router.waitEstimate("a").orElseThrow();
        assertEquals(2, a.position());
        assertEquals(2 * 99_000, a.estimatedWaitMillis(), "two tasks of 99 s handle time for one agent");
        assertTrue(router.waitEstimate("first").isEmpty());
    }

    @Test
    void theIvrChoiceInCallDataPicksTheSkillRequired() {
        RoutingQueue hotline = queue("hotline", "${language} >= 5")
                .withWidening(new WideningStep(Duration.ofSeconds(30), SkillExpression.ANY));
        Router router = new Router(List.of(hotline),
                List.of(agent(1, Map.of("english", 9)), agent(2, Map.of("german", 7)), agent(3, Map.of("german", 2))));
        RouterHarness h = new RouterHarness(router);
        h.at(0);
        h.queued("de", "hotline", "", Map.of("language", "german"));
        h.queued("en", "hotline", "", Map.of("language", "english"));
        h.queued("unknown", "hotline", "", Map.of("language", "klingon ${x}"));
        h.agent("agent-3", AgentState.READY);
        h.agent("agent-2", AgentState.READY);
        h.agent("agent-1", AgentState.READY);
        assertEquals(List.of("agent-2", "agent-1"), reservedAgents(h), "german 2 is not enough; agent-3 waits");
        assertEquals("german >= 5", router.decisions("task-1").get(0).requirement());
        h.at(30);
        assertEquals(List.of("agent-2", "agent-1", "agent-3"), reservedAgents(h), "after 30 s anyone will do");
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> SkillExpression.parse("${lang >= 5"));
        assertTrue(bad.getMessage().contains("call-data key"), bad.getMessage());
    }

    @Test
    void queuesThatOverflowIntoEachOtherAreRefused() {
        RoutingQueue a = queue("a", "").withLimits(QueueLimits.maxWait(Duration.ofSeconds(5), new LimitAction.OverflowTo("b")));
        RoutingQueue b = queue("b", "").withLimits(QueueLimits.maxWait(Duration.ofSeconds(5), new LimitAction.OverflowTo("a")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Router(List.of(a, b), List.of()));
        assertTrue(e.getMessage().contains("cycle"), e.getMessage());
    }

    @Test
    void preferredExcludedAndStickyAgents() {
        Router router = new Router(List.of(queue("q", "")), List.of(agent(1, Map.of()), agent(2, Map.of()),
                agent(3, Map.of()))).stickyAgents(Duration.ofMinutes(30));
        RouterHarness h = ready(router, "agent-1", "agent-2", "agent-3");
        h.queued("pref", "q", "+49301", Map.of("preferredAgent", "agent-3"));
        h.queued("excl", "q", "+49302", Map.of("excludedAgents", "agent-1, agent-9"));
        assertEquals(List.of("agent-3", "agent-2"), reservedAgents(h));
        assertEquals("preferred agent in call data", router.decisions("task-1").get(0).reason());
        h.answers("pref", "103");
        h.answers("excl", "102");
        h.at(100);
        h.ends("pref");
        h.agent("agent-3", AgentState.READY);
        h.at(200);
        h.queued("again", "q", "+49301", Map.of());
        assertEquals("agent-3", reservedAgents(h).get(2), "the caller's last agent, although agent-1 idles longer");
        String stickyTask = h.emitted(AgentReserved.class).get(2).taskId();
        assertEquals("sticky: last agent of caller", router.decisions(stickyTask).get(0).reason(), stickyTask);
    }

    @Test
    void anAgentGoingNotReadyWhileRingingLosesTheOfferAtOnce() {
        Router router = new Router(List.of(queue("q", "")), List.of(agent(1, Map.of()), agent(2, Map.of())));
        RouterHarness h = ready(router, "agent-1", "agent-2");
        h.agent("agent-2", AgentState.NOT_READY);
        h.queued("c1", "q");
        h.rings("c1", "101");
        h.agent("agent-1", AgentState.NOT_READY);
        ReservationRejected rejected = h.emitted(ReservationRejected.class).get(0);
        assertEquals("agent-1", rejected.agentId());
        assertTrue(h.sent(HangUp.class).contains(new HangUp("c1", "c1-101")), "the ringing leg is withdrawn");
        assertEquals(1, router.statistics().get("q").waiting());
        h.agent("agent-2", AgentState.READY);
        assertEquals(List.of("agent-1", "agent-2"), reservedAgents(h));
        assertEquals(AgentState.RESERVED, router.agentStatistics().get("agent-2").state());
    }

    @Test
    void aStaleOfferAnsweredLateWinsAndTheNewerOfferIsWithdrawn() {
        Router router = new Router(List.of(queue("q", "")), List.of(agent(1, Map.of()), agent(2, Map.of())))
                .notReadyAfterMissedOffers(0);
        RouterHarness h = ready(router, "agent-1", "agent-2");
        h.agent("agent-2", AgentState.NOT_READY);
        h.at(10);
        h.queued("c1", "q");
        h.at(25);
        h.agent("agent-2", AgentState.READY);
        h.rings("c1", "102");
        assertEquals(List.of("agent-1", "agent-2"), reservedAgents(h), "timed out at agent-1, offered to agent-2");
        h.answers("c1", "101");
        List<TaskAssigned> assigned = h.emitted(TaskAssigned.class);
        assertEquals(1, assigned.size());
        assertEquals("agent-1", assigned.get(0).agentId());
        assertTrue(h.sent(HangUp.class).contains(new HangUp("c1", "c1-102")), "agent-2's ringing leg withdrawn");
        h.answers("c1", "102");
        assertEquals(1, h.emitted(TaskAssigned.class).size(), "never assigned twice");
        h.queued("c2", "q");
        assertEquals("agent-2", reservedAgents(h).get(2), "agent-2 is free for the next task");
    }

    @Test
    void anAgentWhoLetAnOfferRingOutSitsOutForTheOfferTimeThenGetsWorkAgain() {
        Router router = new Router(List.of(queue("q", "")), List.of(agent(1, Map.of()))).notReadyAfterMissedOffers(0);
        RouterHarness h = ready(router, "agent-1");
        h.at(10);
        h.queued("c1", "q");
        h.at(25);
        assertEquals(1, h.emitted(io.callwire.core.event.ReservationTimedOut.class).size());
        assertEquals(List.of("agent-1"), reservedAgents(h), "sitting out: not rung again at once");
        h.at(39);
        assertEquals(1, reservedAgents(h).size());
        h.at(40);
        assertEquals(List.of("agent-1", "agent-1"), reservedAgents(h), "back after the 15 s offer time");
    }

    @Test
    void wrapUpPerQueueAndPerAgentEndsOnTheRightTickAndACallDuringWrapUpCancelsIt() {
        Router router = new Router(List.of(queue("short", "").withWrapUp(Duration.ofSeconds(10)),
                queue("long", "").withWrapUp(Duration.ofSeconds(30))),
                List.of(agent(1, Map.of()), agent(2, Map.of()).withWrapUp(Duration.ofSeconds(5))));
        RouterHarness h = ready(router, "agent-1", "agent-2");
        h.queued("a", "long");
        h.queued("b", "short");
        h.answers("a", "101");
        h.answers("b", "102");
        h.at(50);
        h.ends("a");
        h.ends("b");
        assertEquals(List.of(new AgentWrapUp("agent-1", "long"), new AgentWrapUp("agent-2", "short")),
                h.sent(AgentWrapUp.class));
        h.agent("agent-1", AgentState.WRAP_UP);
        h.agent("agent-2", AgentState.WRAP_UP);
        h.at(54);
        assertEquals(List.of(), h.sent(AgentReady.class));
        h.at(55);
        assertEquals(List.of(new AgentReady("agent-2")), h.sent(AgentReady.class), "agent-2's own 5 s");
        h.agent("agent-2", AgentState.READY);
        h.agent("agent-1", AgentState.BUSY);
        h.at(90);
        assertEquals(1, h.sent(AgentReady.class).size(), "a call in wrap-up (a transfer) cancels the timer");
        assertEquals(2, router.statistics().get("long").handled() + router.statistics().get("short").handled());
    }

    @Test
    void changedCallDataReordersAWaitingTask() {
        TaskPriority byTier = (queueId, data) -> "gold".equals(data.get("tier")) ? 100 : 0;
        Router router = new Router(List.of(queue("q", "")), List.of(agent(1, Map.of())), byTier);
        RouterHarness h = new RouterHarness(router);
        h.queued("first", "q");
        h.at(1);
        h.queued("second", "q");
        h.data("second", Map.of("tier", "gold"));
        h.agent("agent-1", AgentState.READY);
        assertEquals("second", h.emitted(AgentReserved.class).get(0).envelope().callId());
    }

    @Test
    void aDecisionTraceSaysWhyAndWhoElseWasConsidered() {
        Router router = new Router(List.of(queue("q", "billing >= 5")),
                List.of(agent(1, Map.of("billing", 5)), agent(2, Map.of("billing", 7)), agent(3, Map.of("billing", 1))));
        RouterHarness h = ready(router, "agent-2", "agent-1", "agent-3");
        h.queued("c", "q");
        DecisionTrace trace = router.decisions("task-1").get(0);
        assertEquals("agent-2", trace.agentId());
        assertEquals(Strategy.LONGEST_IDLE, trace.strategy());
        assertEquals("billing >= 5", trace.requirement());
        assertEquals(List.of("agent-1", "agent-2"), trace.considered().stream().map(DecisionTrace.Candidate::agentId).sorted().toList());
        assertEquals(List.of(), new Router(List.of(queue("q", "")), List.of()).traceDecisions(0).decisions("task-1"));
    }

    @Test
    void queueAndAgentStatisticsFollowEveryEvent() {
        Router router = new Router(List.of(queue("q", "").withWrapUp(Duration.ofSeconds(10))),
                List.of(agent(1, Map.of()), agent(2, Map.of())));
        RouterHarness h = ready(router, "agent-1");
        QueueStatistics initial = router.statistics().get("q");
        assertEquals(1, initial.agents(AgentState.READY));
        assertEquals(1, initial.agents(AgentState.LOGGED_OUT));
        assertEquals(-1, initial.estimatedWaitMillis(1), "no AHT yet");
        h.at(10);
        h.queued("c1", "q");
        assertEquals(1, router.statistics().get("q").agents(AgentState.RESERVED));
        h.at(14);
        h.answers("c1", "101");
        h.agent("agent-1", AgentState.BUSY);
        h.at(74);
        h.hangsUp("c1", "101");
        QueueStatistics q = router.statistics().get("q");
        assertEquals(1, q.answered());
        assertEquals(4_000, q.averageSpeedOfAnswerMillis());
        assertEquals(70_000, q.averageHandleMillis(), "60 s talk + 10 s wrap-up");
        assertEquals(70_000, q.estimatedWaitMillis(1), "one busy agent staffs the queue");
        AgentStatistics a = router.agentStatistics().get("agent-1");
        assertEquals(1, a.tasksHandled());
        assertEquals(60_000, a.talkMillis());
        assertEquals(AgentState.BUSY, a.state());
    }
}
