package io.callwire.examples.crm;

import io.callwire.core.engine.CtiListener;
import io.callwire.core.event.AgentStateChanged;
import io.callwire.core.event.CallAbandoned;
import io.callwire.core.event.CallDataChanged;
import io.callwire.core.event.CallEnded;
import io.callwire.core.event.CallQueued;
import io.callwire.core.event.CallStarted;
import io.callwire.core.event.CallTransferred;
import io.callwire.core.event.CtiEvent;
import io.callwire.core.event.LegConnected;
import io.callwire.core.event.TaskAssigned;
import io.callwire.core.event.TaskCompleted;
import io.callwire.core.event.Tick;
import io.callwire.core.model.Direction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The CRM's connection to the library, through its public listener hook only: it follows inbound calls from
 * the normalized events, records each finished call, creates a work order when an answered call ends (its
 * category from the caller's IVR choice; the agent's disposition form refines it), escalates orders whose
 * deadline passed, hands due follow-up calls to a {@link FollowUpDialer} (the ACD) and notes from the routing
 * events when an agent takes one ({@code ASSIGNED}) and when its call ends ({@code DONE}). Its clock is the events' time,
 * so a simulated day plays out the same at any speed. Register it with its own listener queue; it does
 * database work on that thread. It logs ids only, never a customer's number or name.
 */
public final class CrmHook implements CtiListener {
    private static final Logger LOG = LoggerFactory.getLogger(CrmHook.class);
    /** How often (engine time) deadlines and follow-ups are checked. */
    private static final long CHECK_EVERY_MILLIS = 5_000;

    /** What the CRM follows of one inbound call. */
    private static final class Tracked {
        final String phone;
        final long startedAt;
        String queue = "";
        String ivrChoice = "";
        String agentId = "";
        long answeredAt;
        boolean abandoned;

        Tracked(String phone, long startedAt) {
            this.phone = phone;
            this.startedAt = startedAt;
        }
    }

    private final CrmStore store;
    private final FollowUpDialer dialer;
    private final Consumer<WorkOrder> escalations;
    private final Map<String, Tracked> calls = new HashMap<>();
    private final Map<String, String> agentAtStation = new HashMap<>();
    private long now;
    private long lastCheck;

    /** A hook writing to {@code store}, dialling follow-ups with {@code dialer}, telling {@code escalations}. */
    public CrmHook(CrmStore store, FollowUpDialer dialer, Consumer<WorkOrder> escalations) {
        this.store = store;
        this.dialer = dialer;
        this.escalations = escalations;
    }

    @Override
    public void onEvent(CtiEvent event) {
        now = Math.max(now, event.envelope().timestamp());
        String callId = event.envelope().callId();
        if (event instanceof CallStarted e) {
            if (e.direction() == Direction.INBOUND && e.parentCallId().isEmpty()) {
                calls.put(callId, new Tracked(e.ani(), e.envelope().timestamp()));
            }
        } else if (event instanceof AgentStateChanged e) {
            if (!e.envelope().deviceId().isEmpty()) {
                agentAtStation.put(e.envelope().deviceId(), e.agentId());
            }
        } else if (event instanceof CallDataChanged e) {
            Tracked call = calls.get(callId);
            if (call != null && e.data().containsKey("ivr.choice")) {
                call.ivrChoice = e.data().get("ivr.choice");
            }
        } else if (event instanceof CallQueued e) {
            Tracked call = calls.get(callId);
            if (call != null) {
                call.queue = e.queueId();
            }
        } else if (event instanceof LegConnected e) {
            Tracked call = calls.get(callId);
            String agent = agentAtStation.get(e.envelope().deviceId());
            if (call != null && agent != null && call.answeredAt == 0) {
                call.answeredAt = e.envelope().timestamp();
                call.agentId = agent;
            }
        } else if (event instanceof CallAbandoned) {
            Tracked call = calls.get(callId);
            if (call != null) {
                call.abandoned = true;
            }
        } else if (event instanceof CallTransferred e) {
            e.oldCallIds().forEach(calls::remove);
        } else if (event instanceof CallEnded e) {
            Tracked call = calls.remove(callId);
            if (call != null) {
                ended(callId, call, e.envelope().timestamp());
            }
        } else if (event instanceof TaskAssigned e && e.taskId().startsWith(FollowUp.TASK_PREFIX)) {
            followUpProgress(e.taskId(), "ASSIGNED", "call placed by " + e.agentId());
        } else if (event instanceof TaskCompleted e && e.taskId().startsWith(FollowUp.TASK_PREFIX)) {
            followUpProgress(e.taskId(), "DONE", e.outcome() + (e.agentId().isEmpty() ? "" : " (" + e.agentId() + ")"));
        } else if (event instanceof Tick && now - lastCheck >= CHECK_EVERY_MILLIS) {
            lastCheck = now;
            checkDeadlines();
        }
    }

    /** Engine time as this hook last saw it. */
    public long now() {
        return now;
    }

    private void ended(String callId, Tracked call, long endedAt) {
        boolean answered = call.answeredAt > 0;
        store.recordCall(new CallRecord(callId, call.phone, call.queue, call.agentId, call.ivrChoice, call.startedAt,
                call.answeredAt, endedAt, answered ? "answered" : "abandoned"));
        if (answered) {
            store.createOrderIfNone(callId, call.phone, Category.ofIvrChoice(call.ivrChoice), call.agentId, endedAt)
                    .ifPresent(order -> LOG.debug("work order {} created for call {}", order.id(), callId));
        }
    }

    /** Notes how a queued follow-up task went (the ACD's routing events name it by task id). */
    private void followUpProgress(String taskId, String status, String detail) {
        store.followUpOfTask(taskId).ifPresent(task -> {
            store.followUpDone(task.id(), status, taskId, detail);
            LOG.info("follow-up {} of work order {}: {}", task.id(), task.workOrderId(), status);
        });
    }

    private void checkDeadlines() {
        for (WorkOrder order : store.escalateOverdue(now)) {
            LOG.info("work order {} ({}) passed its deadline: escalated", order.id(), order.category().label());
            escalations.accept(order);
        }
        for (FollowUp task : store.dueFollowUps(now)) {
            // the task id is written before the ACD sees the task, so its offer can be looked up at once
            store.followUpDone(task.id(), "DIALLING", task.routingTaskId(), "");
            dialer.dial(task).whenComplete((taskId, failure) -> {
                if (failure == null) {
                    store.followUpQueued(task.id(), taskId, "waiting for an agent to accept");
                    LOG.info("follow-up {} of work order {} queued as task {}", task.id(), task.workOrderId(), taskId);
                } else {
                    Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                    store.followUpDone(task.id(), "FAILED", "", String.valueOf(cause.getMessage()));
                    // the switch's reason may name the customer's number: the log gets the failure's type only
                    LOG.warn("follow-up {} of work order {} could not be placed ({})", task.id(), task.workOrderId(),
                            cause.getClass().getSimpleName());
                }
            });
        }
    }
}
