package io.callwire.examples.crm;

import io.callwire.core.event.AgentStateChanged;
import io.callwire.core.event.CallAbandoned;
import io.callwire.core.event.CallDataChanged;
import io.callwire.core.event.CallEnded;
import io.callwire.core.event.CallQueued;
import io.callwire.core.event.CallStarted;
import io.callwire.core.event.CtiEvent;
import io.callwire.core.event.Envelope;
import io.callwire.core.event.LegConnected;
import io.callwire.core.event.TaskAssigned;
import io.callwire.core.event.TaskCompleted;
import io.callwire.core.event.Tick;
import io.callwire.core.model.AgentState;
import io.callwire.core.model.Direction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CRM fed with normalized events through its listener hook, on a real embedded H2 database migrated by
 * Flyway: call records, work orders when calls end, deadlines with escalation, follow-ups after complaints.
 */
class CrmHookTest {
    /** Monday 2026-11-23 09:00 UTC. */
    private static final long MONDAY_9 = Instant.parse("2026-11-23T09:00:00Z").toEpochMilli();
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private CrmStore store;
    private final List<FollowUp> dialled = new ArrayList<>();
    private final List<WorkOrder> escalated = new ArrayList<>();
    private CrmHook hook;

    @BeforeEach
    void open() {
        store = new CrmStore(CrmDatabase.open("jdbc:h2:mem:crm-hook-" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1",
                "sa", ""), ZoneOffset.UTC);
        hook = new CrmHook(store, task -> {
            dialled.add(task);
            return CompletableFuture.completedFuture(task.routingTaskId());
        }, escalated::add);
    }

    private static Envelope env(long time, String callId, String deviceId) {
        return Envelope.of("sim", time, callId, "", deviceId);
    }

    private void feed(CtiEvent... events) {
        for (CtiEvent event : events) {
            hook.onEvent(event);
        }
    }

    /** An inbound call from {@code phone} with an IVR choice, answered by agent-07 at 1007, ended a minute later. */
    private void answeredCall(String callId, String phone, String choice, long start) {
        feed(new AgentStateChanged(env(start, "", "1007"), "agent-07", AgentState.READY, ""),
                new CallStarted(env(start, callId, ""), Direction.INBOUND, phone, "5001", ""),
                new CallDataChanged(env(start + 100, callId, ""), Map.of("ivr.choice", choice)),
                new CallQueued(env(start + 200, callId, "support"), "support"),
                new LegConnected(env(start + 5_000, callId, "1007")),
                new CallEnded(env(start + 65_000, callId, ""), "normal"));
    }

    @Test
    void anAnsweredCallIsRecordedAndGetsAWorkOrderFromTheIvrChoice() {
        answeredCall("sim-1", "+4930111", "1", MONDAY_9);
        CallRecord record = store.callsFrom("+4930111", 5).get(0);
        assertEquals(new CallRecord("sim-1", "+4930111", "support", "agent-07", "1", MONDAY_9, MONDAY_9 + 5_000,
                MONDAY_9 + 65_000, "answered"), record);
        WorkOrder order = store.orderOfCall("sim-1").orElseThrow();
        assertEquals(Category.REPAIR, order.category());
        assertEquals("OPEN", order.status());
        assertEquals(Instant.parse("2026-11-25T09:01:05Z").toEpochMilli(), order.deadlineAt(), "repair: 2 working days");
        assertEquals(List.of(order), store.screenPop("+4930111").openWorkOrders());
    }

    @Test
    void anAbandonedCallIsRecordedWithoutAWorkOrder() {
        feed(new CallStarted(env(MONDAY_9, "sim-2", ""), Direction.INBOUND, "+4930222", "5000", ""),
                new CallQueued(env(MONDAY_9, "sim-2", "sales"), "sales"),
                new CallAbandoned(env(MONDAY_9 + 30_000, "sim-2", "sales"), "sales", 30_000),
                new CallEnded(env(MONDAY_9 + 30_000, "sim-2", ""), "abandoned"));
        assertEquals("abandoned", store.callsFrom("+4930222", 5).get(0).outcome());
        assertTrue(store.orderOfCall("sim-2").isEmpty());
    }

    @Test
    void theAgentsDispositionRefinesTheOrderInsteadOfMakingASecond() {
        WorkOrder filed = store.saveOrderForCall("sim-3", "+4930333", Category.COMPLAINT, Priority.URGENT, "meter wrong",
                "agent-07", MONDAY_9);
        answeredCall("sim-3", "+4930333", "2", MONDAY_9);
        assertEquals(List.of(filed), store.openOrders("+4930333"), "the order of the disposition stays, no second one");
        WorkOrder changed = store.saveOrderForCall("sim-3", "+4930333", Category.INQUIRY, Priority.LOW, "just asking",
                "agent-07", MONDAY_9 + 1_000);
        assertEquals(filed.id(), changed.id());
        assertEquals(Category.INQUIRY, changed.category());
        assertEquals("just asking", changed.notes());
    }

    @Test
    void aComplaintNotClosedWithinOneWorkingDayIsEscalatedOnce() {
        long friday = Instant.parse("2026-11-27T16:00:00Z").toEpochMilli();
        answeredCall("sim-4", "+4930444", "3", friday);
        WorkOrder order = store.orderOfCall("sim-4").orElseThrow();
        assertEquals(Instant.parse("2026-11-30T16:01:05Z").toEpochMilli(), order.deadlineAt(), "Friday + 1 working day = Monday");
        feed(new Tick(env(Instant.parse("2026-11-30T16:00:00Z").toEpochMilli(), "", "")));
        assertEquals(List.of(), escalated, "not yet due");
        feed(new Tick(env(Instant.parse("2026-11-30T16:02:00Z").toEpochMilli(), "", "")));
        assertEquals(1, escalated.size());
        assertEquals("ESCALATED", store.order(order.id()).orElseThrow().status());
        feed(new Tick(env(Instant.parse("2026-11-30T16:10:00Z").toEpochMilli(), "", "")));
        assertEquals(1, escalated.size(), "escalated once");
    }

    @Test
    void closingAComplaintSchedulesAFollowUpCallThreeDaysLater() {
        answeredCall("sim-5", "+4930555", "3", MONDAY_9);
        WorkOrder order = store.orderOfCall("sim-5").orElseThrow();
        long closedAt = MONDAY_9 + Duration.ofHours(2).toMillis();
        store.close(order.id(), closedAt);
        assertThrows(CrmException.class, () -> store.close(order.id(), closedAt), "closed twice");
        feed(new Tick(env(closedAt + Duration.ofDays(3).toMillis() - 60_000, "", "")));
        assertEquals(List.of(), dialled);
        feed(new Tick(env(closedAt + Duration.ofDays(3).toMillis() + 1_000, "", "")));
        assertEquals(1, dialled.size());
        assertEquals("+4930555", dialled.get(0).phone());
        FollowUp task = store.followUps(5).get(0);
        assertEquals("QUEUED", task.status());
        assertEquals("follow-up-" + task.id(), task.taskId());
        feed(new Tick(env(closedAt + Duration.ofDays(4).toMillis(), "", "")));
        assertEquals(1, dialled.size(), "dialled once");
    }

    @Test
    void theRoutingEventsOfAFollowUpTaskAreNotedOnIt() {
        answeredCall("sim-9", "+4930999", "3", MONDAY_9);
        store.close(store.orderOfCall("sim-9").orElseThrow().id(), MONDAY_9);
        long due = MONDAY_9 + CrmStore.FOLLOW_UP_DELAY_MILLIS;
        feed(new Tick(env(due + 10_000, "", "")));
        String taskId = store.followUps(5).get(0).taskId();
        feed(new TaskAssigned(env(due + 20_000, "sim-out-1", "1001"), "task-77", "agent-01", "res-0"));
        assertEquals("QUEUED", store.followUps(5).get(0).status(), "a queued call's task is not a follow-up");
        feed(new TaskAssigned(env(due + 30_000, "sim-out-2", "1001"), taskId, "agent-01", "res-1"));
        assertEquals("ASSIGNED", store.followUps(5).get(0).status());
        assertEquals("call placed by agent-01", store.followUps(5).get(0).detail());
        feed(new TaskCompleted(env(due + 90_000, "sim-out-2", "1001"), taskId, "agent-01", "completed"));
        assertEquals("DONE", store.followUps(5).get(0).status());
        assertEquals(taskId, store.followUpOfTask(taskId).orElseThrow().taskId());
    }

    @Test
    void closingARepairSchedulesNoFollowUp() {
        answeredCall("sim-6", "+4930666", "1", MONDAY_9);
        store.close(store.orderOfCall("sim-6").orElseThrow().id(), MONDAY_9 + 1_000);
        assertEquals(List.of(), store.followUps(5));
    }

    @Test
    void aFollowUpTheSwitchRefusesIsMarkedFailed() {
        CrmHook refusing = new CrmHook(store, task -> CompletableFuture.failedFuture(new IllegalStateException("no agents")), o -> { });
        answeredCall("sim-7", "+4930777", "3", MONDAY_9);
        store.close(store.orderOfCall("sim-7").orElseThrow().id(), MONDAY_9);
        refusing.onEvent(new Tick(env(MONDAY_9 + Duration.ofDays(3).toMillis() + 10_000, "", "")));
        FollowUp task = store.followUps(5).get(0);
        assertEquals("FAILED", task.status());
        assertEquals("no agents", task.detail());
    }

    @Test
    void theMigrationsAndQueriesAlsoRunInPostgreSqlMode() {
        CrmStore pg = new CrmStore(CrmDatabase.open("jdbc:h2:mem:crm-pg-" + DATABASES.incrementAndGet()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1", "sa", ""), ZoneOffset.UTC);
        pg.addCustomer("+4930888", "Test Kunde", "Weg 1", "gold", MONDAY_9);
        pg.recordCall(new CallRecord("sim-8", "+4930888", "sales", "agent-01", "3", MONDAY_9, MONDAY_9 + 1, MONDAY_9 + 2, "answered"));
        WorkOrder order = pg.saveOrderForCall("sim-8", "+4930888", Category.COMPLAINT, Priority.HIGH, "", "agent-01", MONDAY_9);
        pg.close(order.id(), MONDAY_9 + 5);
        ScreenPop pop = pg.screenPop("+4930888");
        assertEquals("Test Kunde", pop.customer().orElseThrow().name());
        assertEquals(1, pop.previousCalls().size());
        assertEquals(List.of(), pop.openWorkOrders());
        assertEquals(1, pg.dueFollowUps(MONDAY_9 + CrmStore.FOLLOW_UP_DELAY_MILLIS + 5).size());
    }

    @Test
    void theMigrationsAndQueriesRunOnARealPostgreSqlServer() throws Exception {
        try (PostgresServer server = PostgresServer.start()) {
            CrmStore pg = new CrmStore(CrmDatabase.open(server.jdbcUrl(), "postgres", ""), ZoneOffset.UTC);
            pg.addCustomer("+4930999", "Echte Kundin", "Allee 2", "silver", MONDAY_9);
            pg.recordCall(new CallRecord("sim-9", "+4930999", "support", "agent-02", "3", MONDAY_9, MONDAY_9 + 1,
                    MONDAY_9 + 2, "answered"));
            WorkOrder order = pg.saveOrderForCall("sim-9", "+4930999", Category.COMPLAINT, Priority.HIGH, "", "agent-02",
                    MONDAY_9);
            assertEquals(List.of(order.id()), pg.screenPop("+4930999").openWorkOrders().stream().map(WorkOrder::id).toList());
            pg.close(order.id(), MONDAY_9 + 5);
            ScreenPop pop = pg.screenPop("+4930999");
            assertEquals("Echte Kundin", pop.customer().orElseThrow().name());
            assertEquals(1, pop.previousCalls().size());
            assertEquals(List.of(), pop.openWorkOrders());
            assertEquals(1, pg.dueFollowUps(MONDAY_9 + CrmStore.FOLLOW_UP_DELAY_MILLIS + 5).size());
        }
    }

    @Test
    void categoriesCountWorkingDays() {
        Instant thursday = Instant.parse("2026-11-26T10:00:00Z");
        assertEquals(Instant.parse("2026-12-03T10:00:00Z"), Category.REPORT.deadline(thursday, ZoneOffset.UTC));
        assertEquals(Instant.parse("2026-11-27T10:00:00Z"), Category.COMPLAINT.deadline(thursday, ZoneOffset.UTC));
        assertEquals(Category.HELP_REQUEST, Category.ofLabel("help request"));
        assertThrows(IllegalArgumentException.class, () -> Category.ofLabel("gossip"));
    }
}
