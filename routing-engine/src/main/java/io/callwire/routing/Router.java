package io.callwire.routing;

import io.callwire.core.command.AgentNotReady;
import io.callwire.core.command.HangUp;
import io.callwire.core.command.Redirect;
import io.callwire.core.engine.StateContext;
import io.callwire.core.engine.StateExtension;
import io.callwire.core.event.AgentReserved;
import io.callwire.core.event.AgentStateChanged;
import io.callwire.core.event.CallAbandoned;
import io.callwire.core.event.CallEnded;
import io.callwire.core.event.CallQueued;
import io.callwire.core.event.CtiEvent;
import io.callwire.core.event.Envelope;
import io.callwire.core.event.LegAlerting;
import io.callwire.core.event.LegConnected;
import io.callwire.core.event.ReservationRejected;
import io.callwire.core.event.ReservationTimedOut;
import io.callwire.core.event.TaskAssigned;
import io.callwire.core.event.TaskCompleted;
import io.callwire.core.event.TaskQueued;
import io.callwire.core.event.Tick;
import io.callwire.core.model.AgentState;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The library's ACD, running inside the engine's single writer as a {@link StateExtension}: calls queued
 * in a library-routed queue become tasks; each goes to the longest-idle ready agent whose skills meet the
 * queue's requirement; the agent is reserved and the call redirected to its station; the task is assigned
 * when the agent's leg connects, and goes back to the head of its queue when the switch refuses the
 * redirect or the offer times out (the ringing leg is then withdrawn with a HangUp). Every decision is an event (TaskQueued, AgentReserved, TaskAssigned,
 * ReservationRejected, ReservationTimedOut, TaskCompleted). Time comes from events and ticks only.
 *
 * <p>Within a queue, tasks are served by priority plus age (see {@link TaskLine}); a {@link TaskPriority}
 * gives each task its base priority from the call's attached data. Per-queue {@link #statistics()} are kept on every change and readable from any thread.
 *
 * <p>This is the first slice of the routing engine: priorities, widening, strategies other than longest
 * idle, multi-channel capacity, wrap-up rules and agent statistics are still to come.
 */
public final class Router implements StateExtension {
    private final Map<String, RoutingQueue> queues = new LinkedHashMap<>();
    private final Map<String, RoutedAgent> agents = new HashMap<>();
    private final Map<String, RoutedAgent> byStation = new HashMap<>();
    private final Map<String, TaskLine> waiting = new HashMap<>();
    private final Map<String, QueueCounters> counters = new LinkedHashMap<>();
    private final Map<String, Task> tasksByCall = new HashMap<>();
    private final Map<String, Task> offered = new LinkedHashMap<>();
    private final AgentPool pool = new AgentPool();
    private final TaskPriority priority;
    private int missedOffersBeforeNotReady = 1;
    private long taskCounter;
    private long reservationCounter;

    /** A router for these queues and agents; agents become available when the switch reports them READY. */
    public Router(Collection<RoutingQueue> routedQueues, Collection<AgentProfile> profiles) {
        this(routedQueues, profiles, TaskPriority.NONE);
    }

    /** A router whose tasks get a base priority from their call data. */
    public Router(Collection<RoutingQueue> routedQueues, Collection<AgentProfile> profiles, TaskPriority priority) {
        this.priority = priority;
        for (RoutingQueue queue : routedQueues) {
            queues.put(queue.id(), queue);
            waiting.put(queue.id(), new TaskLine());
            counters.put(queue.id(), new QueueCounters(queue));
        }
        int ordinal = 0;
        for (AgentProfile profile : profiles) {
            RoutedAgent agent = new RoutedAgent(profile, ordinal++);
            if (agents.put(profile.id(), agent) != null || byStation.put(profile.station(), agent) != null) {
                throw new IllegalArgumentException("agent " + profile.id() + " or station " + profile.station()
                        + " is configured twice");
            }
        }
    }

    /**
     * After this many offers in a row that an agent lets ring out, the router makes the agent NOT_READY
     * (reason {@code missed-offers}) on the switch; 0 never does. Default 1. Set before the engine starts.
     */
    public Router notReadyAfterMissedOffers(int offers) {
        if (offers < 0) {
            throw new IllegalArgumentException("missed offers must not be negative");
        }
        this.missedOffersBeforeNotReady = offers;
        return this;
    }

    /**
     * Statistics of every routed queue, readable from any thread. Each queue's figures are republished by
     * the state thread whenever they change.
     */
    public Map<String, QueueStatistics> statistics() {
        Map<String, QueueStatistics> out = new LinkedHashMap<>();
        counters.forEach((id, c) -> out.put(id, c.published()));
        return out;
    }

    @Override
    public void onEvent(CtiEvent event, StateContext context) {
        if (event instanceof CallQueued e && queues.containsKey(e.queueId())) {
            queue(e, context);
        } else if (event instanceof AgentStateChanged e && agents.containsKey(e.agentId())) {
            agentState(agents.get(e.agentId()), e.state(), context);
        } else if (event instanceof LegAlerting e) {
            Task task = tasksByCall.get(e.callId());
            if (task != null && task.agent != null && task.agent.profile.station().equals(e.deviceId())) {
                task.offeredLegId = e.legId();
            }
        } else if (event instanceof LegConnected e) {
            connected(e, context);
        } else if (event instanceof ReservationRejected e) {
            Task task = offered.get(e.reservationId());
            if (task != null) {
                requeue(task, context);
            }
        } else if (event instanceof CallAbandoned || event instanceof CallEnded) {
            Task task = tasksByCall.get(event.callId());
            if (task != null) {
                finish(task, event instanceof CallAbandoned ? "abandoned" : "ended", context);
            }
        } else if (event instanceof Tick) {
            expireOffers(context);
        }
    }

    private void queue(CallQueued e, StateContext context) {
        if (tasksByCall.containsKey(e.callId())) {
            return;
        }
        RoutingQueue queue = queues.get(e.queueId());
        Map<String, String> data = context.call(e.callId()).map(call -> call.data()).orElse(Map.of());
        Task task = new Task("task-" + (++taskCounter), e.switchId(), e.callId(), e.legId(), queue, context.now(),
                priority.of(queue.id(), data), taskCounter);
        tasksByCall.put(task.callId, task);
        waiting.get(queue.id()).add(task);
        counters.get(queue.id()).offered();
        context.emit(new TaskQueued(env(task, queue.id(), context), task.id, queue.id(), task.priority));
        dispatch(queue, context);
        publish(queue, context);
    }

    private void publish(RoutingQueue queue, StateContext context) {
        counters.get(queue.id()).publish(waiting.get(queue.id()), context.now());
    }

    private void agentState(RoutedAgent agent, AgentState state, StateContext context) {
        agent.ready = state == AgentState.READY;
        if (agent.ready && agent.reservedFor == null) {
            pool.add(agent, context.now());
            dispatchAll(context);
        } else {
            pool.remove(agent);
        }
    }

    private void connected(LegConnected e, StateContext context) {
        RoutedAgent agent = byStation.get(e.deviceId());
        Task task = tasksByCall.get(e.callId());
        if (agent == null || task == null || task.agent != agent) {
            return;
        }
        offered.remove(task.reservationId);
        context.emit(new TaskAssigned(env(task, agent.profile.station(), context), task.id, agent.profile.id(),
                task.reservationId));
        agent.reservedFor = null;
        agent.missedOffers = 0;
        tasksByCall.remove(task.callId);
        counters.get(task.queue.id()).answered(context.now() - task.queuedAt);
        publish(task.queue, context);
    }

    private void dispatchAll(StateContext context) {
        for (RoutingQueue queue : queues.values()) {
            if (dispatch(queue, context)) {
                publish(queue, context);
            }
        }
    }

    /** Offers the queue's oldest tasks to the longest-idle matching agents while both exist; true if any. */
    private boolean dispatch(RoutingQueue queue, StateContext context) {
        TaskLine line = waiting.get(queue.id());
        boolean offeredAny = false;
        while (!line.isEmpty()) {
            RoutedAgent agent = pool.longestIdle(queue.requirement());
            if (agent == null) {
                break;
            }
            reserve(line.pollFirst(), agent, context);
            offeredAny = true;
        }
        return offeredAny;
    }

    private void reserve(Task task, RoutedAgent agent, StateContext context) {
        pool.remove(agent);
        agent.reservedFor = task;
        task.agent = agent;
        task.reservationId = "res-" + (++reservationCounter);
        task.offerExpiresAt = context.now() + task.queue.offerTimeout().toMillis();
        offered.put(task.reservationId, task);
        context.emit(new AgentReserved(env(task, agent.profile.station(), context), task.id, agent.profile.id(),
                task.reservationId));
        String reservation = task.reservationId;
        String switchId = task.switchId;
        long now = context.now();
        context.send(new Redirect(task.callId, task.legId, agent.profile.station())).whenComplete((ok, error) -> {
            if (error != null) {
                context.publish(new ReservationRejected(Envelope.of(switchId, now, task.callId, "",
                        agent.profile.station()), task.id, agent.profile.id(), reservation, String.valueOf(error.getMessage())));
            }
        });
    }

    /**
     * Puts an offered task back at the head of its queue. The agent who failed to take it stays out of the
     * pool until the switch reports it READY again, so a broken station is not offered the task in a loop.
     */
    private void requeue(Task task, StateContext context) {
        RoutedAgent agent = task.agent;
        offered.remove(task.reservationId);
        task.agent = null;
        task.reservationId = "";
        task.offeredLegId = "";
        agent.reservedFor = null;
        agent.ready = false;
        waiting.get(task.queue.id()).addFirst(task);
        dispatch(task.queue, context);
        publish(task.queue, context);
    }

    private void expireOffers(StateContext context) {
        List<Task> expired = new ArrayList<>();
        for (Task task : offered.values()) {
            if (task.offerExpiresAt <= context.now()) {
                expired.add(task);
            }
        }
        for (Task task : expired) {
            RoutedAgent agent = task.agent;
            context.emit(new ReservationTimedOut(env(task, agent.profile.station(), context), task.id,
                    agent.profile.id(), task.reservationId));
            if (!task.offeredLegId.isEmpty()) {
                context.send(new HangUp(task.callId, task.offeredLegId));
            }
            requeue(task, context);
            if (++agent.missedOffers == missedOffersBeforeNotReady) {
                context.send(new AgentNotReady(agent.profile.id(), "missed-offers"));
            }
        }
    }

    private void finish(Task task, String outcome, StateContext context) {
        tasksByCall.remove(task.callId);
        waiting.get(task.queue.id()).remove(task);
        String agentId = "";
        if (task.agent != null) {
            agentId = task.agent.profile.id();
            offered.remove(task.reservationId);
            task.agent.reservedFor = null;
            if (task.agent.ready) {
                pool.add(task.agent, context.now());
            }
        }
        context.emit(new TaskCompleted(env(task, task.queue.id(), context), task.id, agentId, outcome));
        counters.get(task.queue.id()).abandoned();
        publish(task.queue, context);
        dispatchAll(context);
    }

    private static Envelope env(Task task, String deviceId, StateContext context) {
        return Envelope.of(task.switchId, context.now(), task.callId, "", deviceId);
    }
}
