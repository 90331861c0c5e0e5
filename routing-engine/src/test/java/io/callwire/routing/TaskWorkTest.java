package io.callwire.routing;

import io.callwire.core.command.AcceptTask;
import io.callwire.core.command.CancelTask;
import io.callwire.core.command.CommandResult;
import io.callwire.core.command.CompleteTask;
import io.callwire.core.command.MakeCall;
import io.callwire.core.command.RejectTask;
import io.callwire.core.command.ReprioritizeTask;
import io.callwire.core.command.SubmitTask;
import io.callwire.core.command.TaskCommand;
import io.callwire.core.command.TaskRefusedException;
import io.callwire.core.event.AgentReserved;
import io.callwire.core.event.ReservationRejected;
import io.callwire.core.event.TaskAssigned;
import io.callwire.core.event.TaskCompleted;
import io.callwire.core.model.AgentState;
import io.callwire.core.model.Channel;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Work that is not a queued call: chats, work items, callbacks and follow-ups, and multi-channel capacity. */
class TaskWorkTest {
    private static final Capacity VOICE_OR_THREE_CHATS =
            new Capacity(Map.of(Channel.VOICE, 1, Channel.CHAT, 3, Channel.EMAIL, 2), Set.of(Channel.CHAT, Channel.EMAIL));

    private static RoutingQueue queue(String id) {
        return new RoutingQueue(id, SkillExpression.ANY, Duration.ofSeconds(30));
    }

    private static SubmitTask chat(String id) {
        return new SubmitTask(id, "web", Channel.CHAT, Map.of());
    }

    private static String ok(RouterHarness h, TaskCommand command) {
        return h.command(command).toCompletableFuture().join().detail();
    }

    private static TaskRefusedException refused(RouterHarness h, TaskCommand command) {
        CompletionException e = assertThrows(CompletionException.class, () -> h.command(command).toCompletableFuture().join());
        return assertInstanceOf(TaskRefusedException.class, e.getCause());
    }

    private static String reservationOf(RouterHarness h, String taskId) {
        return h.emitted(AgentReserved.class).stream().filter(r -> r.taskId().equals(taskId)).reduce((a, b) -> b)
                .orElseThrow().reservationId();
    }

    @Test
    void anAgentHoldsSeveralChatsUpToItsCapacityButNoCallMeanwhile() {
        Router router = new Router(List.of(queue("web"), queue("phone")), List.of(
                new AgentProfile("agent-1", "101", Map.of()).withCapacity(VOICE_OR_THREE_CHATS),
                new AgentProfile("agent-2", "102", Map.of())));
        RouterHarness h = new RouterHarness(router);
        h.agent("agent-1", AgentState.READY);
        for (int i = 1; i <= 4; i++) {
            assertEquals("queued", ok(h, chat("chat-" + i)));
        }
        assertEquals(List.of("agent-1", "agent-1", "agent-1"),
                h.emitted(AgentReserved.class).stream().map(AgentReserved::agentId).toList(), "three chats at once");
        assertEquals(1, router.statistics().get("web").waiting());
        for (int i = 1; i <= 3; i++) {
            assertEquals("assigned", ok(h, new AcceptTask(reservationOf(h, "chat-" + i))));
        }
        assertEquals(AgentState.BUSY, router.agentStatistics().get("agent-1").state());
        h.queued("call-1", "phone");
        assertEquals(3, h.emitted(AgentReserved.class).size(), "a chatting agent takes no call");
        h.agent("agent-2", AgentState.READY);
        AgentReserved call = h.emitted(AgentReserved.class).get(3);
        assertEquals("call-1", call.envelope().callId());
        assertEquals("agent-2", call.agentId());
        assertEquals(1, router.statistics().get("web").waiting(), "agent-2 holds one task of any kind at a time");
        assertEquals("completed", ok(h, new CompleteTask("chat-2")));
        assertEquals("chat-4", h.emitted(AgentReserved.class).get(4).taskId(), "the freed chat slot takes the next chat");
        TaskCompleted done = h.emitted(TaskCompleted.class).get(0);
        assertEquals("handled", done.outcome());
        assertEquals("agent-1", done.agentId());
    }

    @Test
    void acceptAndRejectAreFencedByTheReservationAndIdempotent() {
        Router router = new Router(List.of(queue("web")), List.of(new AgentProfile("agent-1", "101", Map.of()),
                new AgentProfile("agent-2", "102", Map.of())));
        RouterHarness h = new RouterHarness(router);
        h.agent("agent-1", AgentState.READY);
        ok(h, new SubmitTask("t1", "web", Channel.WORK_ITEM, Map.of()));
        String first = reservationOf(h, "t1");
        assertEquals("rejected", ok(h, new RejectTask(first, "on a break soon")));
        assertEquals("already ended", ok(h, new RejectTask(first, "")), "a repeated reject is a no-op");
        assertEquals("on a break soon", h.emitted(ReservationRejected.class).get(0).reason());
        String second = reservationOf(h, "t1");
        assertTrue(!second.equals(first), "offered again under a new reservation");
        assertTrue(refused(h, new AcceptTask(first)).getMessage().contains("not current"), "the old token is fenced off");
        assertEquals("assigned", ok(h, new AcceptTask(second)));
        assertEquals("already accepted", ok(h, new AcceptTask(second)));
        assertEquals(1, h.emitted(TaskAssigned.class).size());
        assertTrue(refused(h, new CancelTask("t1", "")).getMessage().contains("complete it instead"));
        assertEquals("completed", ok(h, new CompleteTask("t1")));
        assertTrue(refused(h, new CompleteTask("t1")).getMessage().contains("unknown task"));
    }

    @Test
    void aCallbackKeepsTheCallersPlaceAndIsDialledFromTheAgentsStationOnAccept() {
        Router router = new Router(List.of(queue("phone")), List.of(new AgentProfile("agent-1", "101", Map.of())));
        RouterHarness h = new RouterHarness(router);
        h.at(0);
        h.queued("a", "phone");
        h.at(10);
        h.queued("b", "phone", "+4930555", Map.of());
        h.at(20);
        h.queued("c", "phone");
        ok(h, new SubmitTask("cb-b", "phone", Channel.VOICE, 0, "+4930555", 0, "b", Map.of("reason", "callback")));
        assertEquals("callback", h.emitted(TaskCompleted.class).get(0).outcome());
        h.agent("agent-1", AgentState.READY);
        h.answers("a", "101");
        h.ends("a");
        h.agent("agent-1", AgentState.READY);
        assertEquals(List.of("task-1", "cb-b"), h.emitted(AgentReserved.class).stream().map(AgentReserved::taskId).toList(),
                "the callback is next, before call c");
        ok(h, new AcceptTask(reservationOf(h, "cb-b")));
        MakeCall dial = h.sent(MakeCall.class).get(0);
        assertEquals("101", dial.fromDevice());
        assertEquals("+4930555", dial.destination());
        assertEquals("cb-b", dial.data().get("taskId"));
        h.placedCallConnects("out-1", "101", dial.data());
        assertEquals("cb-b", h.emitted(TaskAssigned.class).get(1).taskId());
        h.ends("out-1");
        assertEquals("handled", h.emitted(TaskCompleted.class).get(2).outcome());
        assertEquals(List.of("task-1", "cb-b"), h.emitted(TaskCompleted.class).stream().skip(1)
                .map(TaskCompleted::taskId).toList());
    }

    @Test
    void aFollowUpScheduledForLaterWaitsUntilItIsDue() {
        Router router = new Router(List.of(queue("followups")), List.of(new AgentProfile("agent-1", "101", Map.of())));
        RouterHarness h = new RouterHarness(router);
        h.agent("agent-1", AgentState.READY);
        long threeDays = Duration.ofDays(3).toSeconds();
        long due = h.now() + threeDays * 1000;
        assertEquals("scheduled", ok(h, new SubmitTask("follow-1", "followups", Channel.VOICE, 5, "+4930777", due, "",
                Map.of("ticket", "WO-17"))));
        h.at(threeDays - 1);
        assertEquals(List.of(), h.emitted(AgentReserved.class));
        h.at(threeDays);
        assertEquals("follow-1", h.emitted(AgentReserved.class).get(0).taskId());
    }

    @Test
    void newQueueRulesApplyAtOnceToTasksAlreadyWaiting() {
        Router router = new Router(List.of(new RoutingQueue("q", SkillExpression.parse("billing >= 8"), Duration.ofSeconds(30))),
                List.of(new AgentProfile("agent-1", "101", Map.of("billing", 4))));
        RouterHarness h = new RouterHarness(router);
        h.at(0);
        h.queued("c1", "q");
        h.queued("c2", "q");
        h.agent("agent-1", AgentState.READY);
        h.at(50);
        assertEquals(List.of(), h.emitted(AgentReserved.class), "billing 4 is not enough");
        assertEquals("queue q reconfigured", ok(h, new io.callwire.core.command.ConfigureQueue("q",
                Map.of("widening", "40:billing >= 3", "serviceLevel", "PT20S", "maxLength", "5",
                        "limitAction", "redirect:voicemail"))));
        assertEquals("c1", h.emitted(AgentReserved.class).get(0).envelope().callId(),
                "c1 has waited 50 s, past the new 40 s step, and is offered at once");
        assertEquals(1, router.decisions("task-1").get(0).step());
        assertEquals(1, router.statistics().get("q").waiting());
        assertEquals(1, router.statistics().get("q").agents(AgentState.RESERVED), "agents are counted afresh");
        TaskRefusedException bad = refused(h, new io.callwire.core.command.ConfigureQueue("q", Map.of("strategy", "fastest")));
        assertTrue(bad.getMessage().contains("setting strategy='fastest'"), bad.getMessage());
        assertTrue(refused(h, new io.callwire.core.command.ConfigureQueue("q", Map.of("colour", "red")))
                .getMessage().contains("unknown setting"));
        assertTrue(refused(h, new io.callwire.core.command.ConfigureQueue("q", Map.of("limitAction", "overflow:q")))
                .getMessage().contains("itself"));
    }

    @Test
    void reconfiguringOneQueueLeavesTheOtherQueuesAgentCountsAlone() {
        Router router = new Router(List.of(queue("a"), new RoutingQueue("b", SkillExpression.parse("x >= 1"),
                Duration.ofSeconds(30))), List.of(new AgentProfile("agent-1", "101", Map.of("x", 2)),
                new AgentProfile("agent-2", "102", Map.of())));
        RouterHarness h = new RouterHarness(router);
        h.agent("agent-1", AgentState.READY);
        assertEquals(1, router.statistics().get("a").agents(AgentState.READY));
        assertEquals(1, router.statistics().get("b").agents(AgentState.READY));
        ok(h, new io.callwire.core.command.ConfigureQueue("a", Map.of("requirement", "x >= 2")));
        assertEquals(1, router.statistics().get("a").agents(AgentState.READY));
        assertEquals(0, router.statistics().get("a").agents(AgentState.LOGGED_OUT), "agent-2 no longer works a");
        assertEquals(1, router.statistics().get("b").agents(AgentState.READY), "b is counted once, as before");
        assertEquals(0, router.statistics().get("b").agents(AgentState.LOGGED_OUT), "agent-2 never worked b");
        ok(h, new io.callwire.core.command.ConfigureQueue("b", Map.of("requirement", "x >= 3")));
        assertEquals(0, router.statistics().get("b").agents(AgentState.READY), "agent-1 left b");
        assertEquals(1, router.statistics().get("a").agents(AgentState.READY));
    }

    @Test
    void cancelReprioritizeAndBadCommands() {
        Router router = new Router(List.of(queue("web")), List.of(new AgentProfile("agent-1", "101", Map.of())));
        RouterHarness h = new RouterHarness(router);
        ok(h, chat("low"));
        ok(h, chat("other"));
        ok(h, chat("gone"));
        assertEquals("priority 9", ok(h, new ReprioritizeTask("other", 9)));
        assertEquals("cancelled", ok(h, new CancelTask("gone", "customer left")));
        h.agent("agent-1", AgentState.READY);
        assertEquals("other", h.emitted(AgentReserved.class).get(0).taskId(), "the raised priority goes first");
        assertEquals(1, router.statistics().get("web").waiting());
        assertTrue(refused(h, new SubmitTask("x", "nowhere", Channel.CHAT, Map.of())).getMessage().contains("not routed"));
        assertTrue(refused(h, chat("low")).getMessage().contains("exists already"));
        assertTrue(refused(h, new SubmitTask("v", "web", Channel.VOICE, Map.of())).getMessage().contains("number to dial"));
        assertTrue(refused(h, new ReprioritizeTask("nope", 1)).getMessage().contains("unknown task"));
        CommandResult scheduled = h.command(new SubmitTask("later", "web", Channel.EMAIL, 0, "", h.now() + 60_000, "",
                Map.of())).toCompletableFuture().join();
        assertEquals("scheduled", scheduled.detail());
        assertEquals("cancelled", ok(h, new CancelTask("later", "")));
    }
}
