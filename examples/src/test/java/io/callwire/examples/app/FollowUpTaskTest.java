package io.callwire.examples.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.callwire.core.command.ConfigureQueue;
import io.callwire.core.engine.ListenerOptions;
import io.callwire.core.engine.OverflowPolicy;
import io.callwire.core.event.CtiEvent;
import io.callwire.core.event.ReservationTimedOut;
import io.callwire.core.event.TaskAssigned;
import io.callwire.core.event.TaskCompleted;
import io.callwire.core.model.Call;
import io.callwire.core.model.LegState;
import io.callwire.examples.crm.Category;
import io.callwire.examples.crm.CrmStore;
import io.callwire.examples.crm.FollowUp;
import io.callwire.examples.crm.Priority;
import io.callwire.examples.crm.WorkOrder;
import io.callwire.examples.web.WebConfig;
import io.callwire.routing.AgentProfile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A due follow-up call on the simulator, end to end through the engine and the agent API: the CRM submits it as
 * an outbound voice task, the ACD offers it to a human agent with the follow-up skill, the desktop shows the
 * customer and the work order, a rejected or unanswered offer is offered again, stale or foreign reservations
 * are refused, and accepting places the call from the agent's station to the customer's number.
 */
class FollowUpTaskTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String CUSTOMER = "+4930123450";
    /** agent-01 and agent-02 are driven by the test and work follow-ups; agent-03 answers by itself. */
    private static final String SWITCH = "sim:?agents=3&callsPerMinute=0&queues=sales,support,billing"
            + "&manualAgents=agent-01,agent-02&routing=library&aht=600&ring=1&wrapUp=2&holdRate=0&transferRate=0&consultRate=0";

    private final List<CtiEvent> events = new CopyOnWriteArrayList<>();
    private AgentApp app;
    private String base;

    /** One logged-in desktop session, with what this test asks of it. */
    private final class Desk extends DeskSession {
        Desk(String user) throws Exception {
            super(base, user);
        }

        /** The open offer on the desktop, awaited, with a reservation other than {@code notThis}. */
        JsonNode awaitOffer(String notThis) throws Exception {
            await().atMost(WAIT).until(() -> desk().get("offer").isObject()
                    && !desk().get("offer").get("reservationId").asText().equals(notThis));
            return desk().get("offer");
        }
    }

    @BeforeEach
    void start() throws Exception {
        AppSettings test = TestApps.settings(SWITCH);
        List<AgentProfile> agents = List.of(new AgentProfile("agent-01", "1001", Map.of("support", 5, "followup", 5)),
                new AgentProfile("agent-02", "1002", Map.of("followup", 5)),
                new AgentProfile("agent-03", "1003", Map.of("billing", 5)));
        app = AgentApp.start(new AppSettings(test.switchUri(), new WebConfig("127.0.0.1", 0), test.jdbcUrl(), "sa", "",
                test.users(), test.queues(), agents, false, Duration.ofMinutes(5)));
        base = "http://127.0.0.1:" + app.port();
        app.engine().subscribe("test", events::add, ListenerOptions.of(100_000, OverflowPolicy.DROP_NEWEST));
    }

    @AfterEach
    void stop() {
        app.close();
    }

    /** A closed complaint whose follow-up is due now, in engine time. */
    private WorkOrder closedComplaintDueNow() {
        await().atMost(WAIT).until(() -> app.crmHook().now() > 0);
        long now = app.crmHook().now();
        CrmStore crm = app.crm();
        crm.addCustomer(CUSTOMER, "Erika Muster", "Ringstr. 3, 10115 Berlin", "gold", now);
        WorkOrder order = crm.saveOrderForCall("old-call-1", CUSTOMER, Category.COMPLAINT, Priority.HIGH,
                "Invoice charged twice", "agent-03", now - Duration.ofDays(5).toMillis());
        crm.close(order.id(), now - CrmStore.FOLLOW_UP_DELAY_MILLIS - 1_000);
        return order;
    }

    private FollowUp followUp() {
        return app.crm().followUps(5).get(0);
    }

    @Test
    void aDueFollowUpIsOfferedToAHumanAgentAndAcceptingCallsTheCustomerFromTheAgentsStation() throws Exception {
        Desk anna = new Desk("agent-01");
        anna.ok("state", "{\"state\":\"ready\"}");
        Desk ben = new Desk("agent-02");
        ben.ok("state", "{\"state\":\"not-ready\",\"reason\":\"break\"}");
        WorkOrder order = closedComplaintDueNow();

        // the CRM's check (every 5 s of engine time) submits the task; the ACD offers it to the ready agent
        await().atMost(WAIT).until(() -> followUp().status().equals("QUEUED"));
        String taskId = followUp().taskId();
        assertEquals(FollowUp.TASK_PREFIX + followUp().id(), taskId);
        JsonNode first = anna.awaitOffer("");
        assertEquals(taskId, first.get("taskId").asText());
        assertEquals("follow-up", first.get("kind").asText());
        assertEquals(CUSTOMER, first.get("ani").asText());
        assertEquals("Erika Muster", first.get("customer").get("name").asText());
        assertEquals(order.id(), first.get("workOrder").get("id").asLong());
        assertEquals("complaint", first.get("workOrder").get("category").asText());
        String r1 = first.get("reservationId").asText();
        assertTrue(app.engine().awaitSnapshot(WAIT).calls().stream().noneMatch(c -> c.dnis().equals(CUSTOMER)),
                "nothing is dialled before the agent accepts");

        // another agent cannot answer it; malformed input is refused
        JsonNode foreign = ben.post("accept-offer", "{\"reservationId\":\"" + r1 + "\"}");
        assertEquals(403, foreign.get("status").asInt(), foreign.toString());
        JsonNode malformed = anna.post("accept-offer", "{\"reservationId\":\"a b\"}");
        assertEquals(400, malformed.get("status").asInt(), malformed.toString());
        assertEquals(400, anna.post("reject-offer", "{\"reservationId\":\"" + r1 + "\",\"reason\":\"<b>\"}").get("status").asInt());

        // rejected: back to the head of the queue and offered again
        anna.ok("reject-offer", "{\"reservationId\":\"" + r1 + "\",\"reason\":\"busy\"}");
        JsonNode second = anna.awaitOffer(r1);
        String r2 = second.get("reservationId").asText();
        assertEquals(taskId, second.get("taskId").asText());
        JsonNode stale = anna.post("accept-offer", "{\"reservationId\":\"" + r1 + "\"}");
        assertEquals(409, stale.get("status").asInt(), stale.toString());
        assertEquals("stale_reservation", stale.get("body").get("error").get("code").asText());

        // unanswered: the offer times out and the task goes to the next agent who becomes ready
        app.engine().execute(new ConfigureQueue("followup", Map.of("offerTimeout", "1")))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        anna.ok("reject-offer", "{\"reservationId\":\"" + r2 + "\"}");
        await().atMost(WAIT).until(() -> events.stream().anyMatch(e -> e instanceof ReservationTimedOut t
                && t.taskId().equals(taskId) && t.agentId().equals("agent-01")));
        app.engine().execute(new ConfigureQueue("followup", Map.of("offerTimeout", "120")))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        await().atMost(WAIT).until(() -> anna.desk().get("offer").isNull());
        ben.ok("state", "{\"state\":\"ready\"}");
        JsonNode third = ben.awaitOffer(r2);
        assertEquals(taskId, third.get("taskId").asText());
        String r3 = third.get("reservationId").asText();
        assertNotEquals(r2, r3);

        // accepted: the call is placed from the agent's station to the customer's number
        ben.ok("accept-offer", "{\"reservationId\":\"" + r3 + "\"}");
        JsonNode stillOpen = ben.desk().get("offer");
        assertTrue(stillOpen.isNull() || stillOpen.get("accepted").asBoolean(), "an accepted offer is not offered again: " + stillOpen);
        await().atMost(WAIT).until(() -> events.stream().anyMatch(e -> e instanceof TaskAssigned t
                && t.taskId().equals(taskId) && t.agentId().equals("agent-02") && t.reservationId().equals(r3)));
        Call call = placedCall().orElseThrow();
        assertTrue(call.legs().stream().anyMatch(l -> l.deviceId().equals("1002") && l.state() == LegState.CONNECTED), call.toString());
        assertTrue(call.legs().stream().anyMatch(l -> l.deviceId().equals(CUSTOMER) && l.state() == LegState.CONNECTED), call.toString());
        await().atMost(WAIT).until(() -> followUp().status().equals("ASSIGNED"));
        JsonNode onDesk = deskCall(ben, call.id());
        assertEquals("Erika Muster", onDesk.get("pop").get("customer").get("name").asText());
        assertTrue(ben.desk().get("offer").isNull());

        // the call ends like any other: the task completes and the CRM notes it
        ben.ok("hangup", "{\"callId\":\"" + call.id() + "\"}");
        await().atMost(WAIT).until(() -> events.stream().anyMatch(e -> e instanceof TaskCompleted t && t.taskId().equals(taskId)));
        await().atMost(WAIT).until(() -> followUp().status().equals("DONE"));
    }

    private Optional<Call> placedCall() {
        return app.engine().awaitSnapshot(WAIT).calls().stream()
                .filter(c -> c.legs().stream().anyMatch(l -> l.deviceId().equals(CUSTOMER))).findFirst();
    }

    private static JsonNode deskCall(Desk desk, String callId) throws Exception {
        for (JsonNode c : desk.desk().get("calls")) {
            if (c.get("id").asText().equals(callId)) {
                return c;
            }
        }
        throw new AssertionError("call " + callId + " is not on the desktop");
    }
}
