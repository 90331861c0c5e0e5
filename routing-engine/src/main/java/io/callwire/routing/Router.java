package io.callwire.routing;

import io.callwire.core.command.AcceptTask;
import io.callwire.core.command.AgentNotReady;
import io.callwire.core.command.AgentReady;
import io.callwire.core.command.AgentWrapUp;
import io.callwire.core.command.Answer;
import io.callwire.core.command.CancelTask;
import io.callwire.core.command.CommandResult;
import io.callwire.core.command.CompleteTask;
import io.callwire.core.command.ConfigureQueue;
import io.callwire.core.command.CtiCommand;
import io.callwire.core.command.HangUp;
import io.callwire.core.command.MakeCall;
import io.callwire.core.command.Redirect;
import io.callwire.core.command.RejectTask;
import io.callwire.core.command.ReprioritizeTask;
import io.callwire.core.command.SubmitTask;
import io.callwire.core.command.TaskCommand;
import io.callwire.core.command.TaskRefusedException;
import io.callwire.core.engine.StateContext;
import io.callwire.core.engine.StateExtension;
import io.callwire.core.event.AgentReserved;
import io.callwire.core.event.AgentStateChanged;
import io.callwire.core.event.CallAbandoned;
import io.callwire.core.event.CallDataChanged;
import io.callwire.core.event.CallEnded;
import io.callwire.core.event.CallQueued;
import io.callwire.core.event.CtiEvent;
import io.callwire.core.event.Envelope;
import io.callwire.core.event.LegAlerting;
import io.callwire.core.event.LegCleared;
import io.callwire.core.event.LegConnected;
import io.callwire.core.event.ReservationRejected;
import io.callwire.core.event.ReservationTimedOut;
import io.callwire.core.event.TaskAssigned;
import io.callwire.core.event.TaskCompleted;
import io.callwire.core.event.TaskOverflowed;
import io.callwire.core.event.TaskQueued;
import io.callwire.core.event.Tick;
import io.callwire.core.model.AgentState;
import io.callwire.core.model.Call;
import io.callwire.core.model.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The library's ACD, running inside the engine's single writer as a {@link StateExtension}. Calls queued in a
 * library-routed queue become tasks; each goes to an agent chosen by the queue's {@link Strategy} among the
 * ready agents who work the queue and meet its requirement (relaxed step by step by the queue's
 * {@link WideningStep}s as the task waits); the agent is reserved and the call redirected to its station; the
 * task is assigned when the agent's leg connects, and goes back to the head of its queue when the switch
 * refuses the redirect, the offer times out (the ringing leg is then withdrawn) or the agent goes not ready
 * while it rings. Queues enforce maximum wait and length ({@link QueueLimits}), may give wrap-up time, and
 * tasks may name preferred or excluded agents in their call data or stick to the caller's last agent.
 *
 * <p>Hosts add work that is not a queued call with {@link TaskCommand}s through the engine: callbacks (taking
 * a waiting caller's place in line) and outbound calls dialled from the agent's station once the agent
 * accepts, chats, e-mails and work items, also scheduled for later. Agents hold work of several channels at
 * once within their {@link Capacity}; each channel has its own pool of agents with free capacity.
 *
 * <p>Every decision is an event of the core vocabulary (TaskQueued, AgentReserved, TaskAssigned,
 * ReservationRejected, ReservationTimedOut, TaskOverflowed, TaskCompleted) and, unless turned off, a
 * {@link DecisionTrace}. Per-queue and per-agent statistics are republished on every change and readable from
 * any thread. Time comes from events and ticks only, so replaying the same events gives the same decisions.
 */
public final class Router implements StateExtension {
    private static final Logger log = LoggerFactory.getLogger(Router.class);
    private static final Channel[] CHANNELS = Channel.values();
    private static final int ENDED_RESERVATIONS_KEPT = 10_000;

    private final Map<String, QueueState> queues = new LinkedHashMap<>();
    private final Map<String, RoutedAgent> agents = new LinkedHashMap<>();
    private final Map<String, RoutedAgent> byStation = new HashMap<>();
    private final NextTasks nextTasks;
    /** The queues by {@link QueueState#index}. */
    private final QueueState[] byIndex;
    private final Map<String, Task> tasksById = new HashMap<>();
    private final Map<String, Task> tasksByCall = new HashMap<>();
    /** Offers out, by reservation id; assigned tasks by the reservation that won them (for idempotent accepts). */
    private final Map<String, Task> offered = new LinkedHashMap<>();
    private final Map<String, Task> accepted = new HashMap<>();
    private final Set<String> endedReservations = new LinkedHashSet<>();
    private final PriorityQueue<Task> scheduled = new PriorityQueue<>(
            Comparator.<Task>comparingLong(t -> t.queuedAt).thenComparingLong(t -> t.order));
    private final Map<String, Sticky> lastAgentByCaller = new LinkedHashMap<>();
    private final Map<String, List<DecisionTrace>> traces = new ConcurrentHashMap<>();
    private final ArrayDeque<String> traceOrder = new ArrayDeque<>();
    private final List<RoutedAgent> wrapping = new ArrayList<>();
    private final List<RoutedAgent> heldBack = new ArrayList<>();
    private final List<Task> due = new ArrayList<>();
    /** Scratch for {@link #dispatch}'s choice, read before anything acts on it (which may dispatch again). */
    private final Match match = new Match();
    /** Scratch for a decision trace's candidates, copied before the decision acts (which may dispatch again). */
    private final List<DecisionTrace.Candidate> candidates = new ArrayList<>();
    private final TaskPriority priority;
    private SwitchQueues switchQueues;
    private final AgentPool[] pools = new AgentPool[CHANNELS.length];
    private int missedOffersBeforeNotReady = 1;
    private int traceCapacity = 10_000;
    private Duration stickyFor = Duration.ZERO;
    private String preferredKey = "preferredAgent";
    private String excludedKey = "excludedAgents";
    private long taskCounter;
    private long reservationCounter;
    private long visits;

    /** A router for these queues and agents; agents become available when the switch reports them READY. */
    public Router(Collection<RoutingQueue> routedQueues, Collection<AgentProfile> profiles) {
        this(routedQueues, profiles, TaskPriority.NONE);
    }

    /** A router whose tasks get a base priority from their call data. */
    public Router(Collection<RoutingQueue> routedQueues, Collection<AgentProfile> profiles, TaskPriority priority) {
        this.priority = priority;
        this.nextTasks = new NextTasks(routedQueues.size(), CHANNELS.length);
        this.byIndex = new QueueState[routedQueues.size()];
        for (RoutingQueue queue : routedQueues) {
            QueueState state = new QueueState(queue, queues.size(), nextTasks);
            if (queues.put(queue.id(), state) != null) {
                throw new IllegalArgumentException("queue " + queue.id() + " is configured twice");
            }
            byIndex[state.index] = state;
        }
        int ordinal = 0;
        for (AgentProfile profile : profiles) {
            RoutedAgent agent = new RoutedAgent(profile, ordinal++);
            if (agents.put(profile.id(), agent) != null || byStation.put(profile.station(), agent) != null) {
                throw new IllegalArgumentException("agent " + profile.id() + " or station " + profile.station()
                        + " is configured twice");
            }
        }
        rejectOverflowCycles();
        for (Channel channel : CHANNELS) {
            pools[channel.ordinal()] = new AgentPool(channel.ordinal(), 0x5eed + channel.ordinal(), Math.max(1, agents.size()));
        }
        computeServed(null);
    }

    /**
     * Which queues each agent works, computed once per signature; a queue counts an agent by state from when it
     * starts working it until it stops. {@code recounted} (null for none) is a queue whose counts were reset, so
     * every agent working it counts again.
     */
    private void computeServed(QueueState recounted) {
        Map<Object, int[]> bySignature = new HashMap<>();
        for (RoutedAgent agent : agents.values()) {
            int[] before = agent.works;
            int[] now = bySignature.computeIfAbsent(List.of(agent.profile.skills(), agent.profile.queues()),
                    k -> queues.values().stream().filter(q -> q.servedBy(agent.profile)).mapToInt(q -> q.index)
                            .toArray());
            agent.works = now;
            for (int q : now) {
                if (byIndex[q] == recounted || !contains(before, q)) {
                    byIndex[q].counters.agentJoined(agent.state());
                }
            }
            for (int q : before) {
                if (byIndex[q] != recounted && !contains(now, q)) {
                    byIndex[q].counters.agentLeft(agent.state());
                }
            }
        }
    }

    private static boolean contains(int[] queueIndexes, int queue) {
        for (int q : queueIndexes) {
            if (q == queue) {
                return true;
            }
        }
        return false;
    }

    /** Overflow between routed queues must end somewhere: a chain that comes back to a queue is refused. */
    private void rejectOverflowCycles() {
        for (QueueState start : queues.values()) {
            Set<String> seen = new HashSet<>();
            QueueState at = start;
            while (at != null && at.queue.limits().action() instanceof LimitAction.OverflowTo to) {
                if (!seen.add(at.queue.id())) {
                    throw new IllegalArgumentException("queues overflow into each other in a cycle: " + seen);
                }
                at = queues.get(to.queueId());
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
     * Offers a caller's task first to the agent who last handled that caller (by ANI), if that was within
     * {@code within} and the agent is available. Zero (the default) turns sticky routing off.
     */
    public Router stickyAgents(Duration within) {
        if (within.isNegative()) {
            throw new IllegalArgumentException("sticky time must not be negative");
        }
        this.stickyFor = within;
        return this;
    }

    /**
     * The call-data keys naming a preferred agent (offered first when available; default
     * {@code preferredAgent}) and agents never to offer the task to (comma-separated; default
     * {@code excludedAgents}).
     */
    public Router agentPreferenceKeys(String preferred, String excluded) {
        this.preferredKey = preferred;
        this.excludedKey = excluded;
        return this;
    }

    /**
     * Also keeps statistics of the queues the switch routes itself, from the same events, with this
     * service-level time, so library and switch routing can be chosen per queue and shown side by side.
     */
    public Router observeSwitchQueues(Duration serviceLevel) {
        this.switchQueues = new SwitchQueues(serviceLevel);
        return this;
    }

    /** How many decision traces to keep (the newest tasks'); 0 turns tracing off. Default 10,000. */
    public Router traceDecisions(int tasks) {
        if (tasks < 0) {
            throw new IllegalArgumentException("trace capacity must not be negative");
        }
        this.traceCapacity = tasks;
        return this;
    }

    /**
     * Statistics of every routed queue, readable from any thread. Each queue's figures are republished by
     * the state thread whenever they change.
     */
    public Map<String, QueueStatistics> statistics() {
        Map<String, QueueStatistics> out = new LinkedHashMap<>();
        queues.forEach((id, q) -> out.put(id, q.counters.published()));
        if (switchQueues != null) {
            switchQueues.statistics(out);
        }
        return out;
    }

    /** Statistics of every configured agent, readable from any thread. */
    public Map<String, AgentStatistics> agentStatistics() {
        Map<String, AgentStatistics> out = new LinkedHashMap<>();
        agents.forEach((id, a) -> out.put(id, a.published()));
        return out;
    }

    /** The decisions made for a task, oldest first (one per reservation); empty when unknown or evicted. */
    public List<DecisionTrace> decisions(String taskId) {
        return traces.getOrDefault(taskId, List.of());
    }

    /**
     * Where a waiting task stands: its position among the tasks of its queue and channel (1 = next) and the
     * estimated wait from the queue's AHT and staffing. Reads router state, so call it on the state thread,
     * e.g. {@code engine.query(() -> router.waitEstimate(callId))}. Accepts a task id or a queued call's id;
     * empty when the task is not waiting.
     */
    public Optional<WaitEstimate> waitEstimate(String taskOrCallId) {
        Task task = tasksById.containsKey(taskOrCallId) ? tasksById.get(taskOrCallId) : tasksByCall.get(taskOrCallId);
        if (task == null || task.line == null) {
            return Optional.empty();
        }
        QueueState queue = queues.get(task.queue.id());
        int position = 1;
        for (QueueState.Variant variant : queue.variants) {
            for (int step = 0; step < queue.levels; step++) {
                position += variant.line(task.channel, step).countBefore(task);
            }
        }
        return Optional.of(new WaitEstimate(task.id, queue.queue.id(), position,
                queue.counters.published().estimatedWaitMillis(position)));
    }

    @Override
    public void onEvent(CtiEvent event, StateContext context) {
        if (switchQueues != null && !(event instanceof CallQueued e && queues.containsKey(e.queueId()))) {
            switchQueues.onEvent(event, context.now());
        }
        if (event instanceof CallQueued e && queues.containsKey(e.queueId())) {
            queue(e, context);
        } else if (event instanceof AgentStateChanged e && agents.containsKey(e.agentId())) {
            agentState(agents.get(e.agentId()), e, context);
        } else if (event instanceof LegAlerting e) {
            alerting(e, context);
        } else if (event instanceof LegConnected e) {
            connected(e, context);
        } else if (event instanceof ReservationRejected e) {
            Task task = offered.get(e.reservationId());
            if (task != null) {
                requeue(task, task.isQueuedCall(), context);
            }
        } else if (event instanceof CallDataChanged e) {
            dataChanged(e, context);
        } else if (event instanceof LegCleared e) {
            Task task = tasksByCall.get(e.callId());
            if (task != null && task.assignedAt != 0 && task.agent.profile.station().equals(e.deviceId())) {
                finishAssigned(task, context);
            }
        } else if (event instanceof CallAbandoned || event instanceof CallEnded) {
            callGone(event, context);
        } else if (event instanceof Tick) {
            tick(context);
        }
    }

    @Override
    public CompletionStage<CommandResult> onCommand(TaskCommand command, StateContext context) {
        if (command instanceof SubmitTask c) {
            return submit(c, context);
        } else if (command instanceof AcceptTask c) {
            return accept(c, context);
        } else if (command instanceof RejectTask c) {
            return reject(c, context);
        } else if (command instanceof CompleteTask c) {
            return complete(c, context);
        } else if (command instanceof CancelTask c) {
            return cancel(c, context);
        } else if (command instanceof ConfigureQueue c) {
            return configure(c, context);
        }
        return reprioritize((ReprioritizeTask) command, context);
    }

    // ---- tasks arrive ----------------------------------------------------------------------------------

    private void queue(CallQueued e, StateContext context) {
        if (tasksByCall.containsKey(e.callId())) {
            return;
        }
        QueueState queue = queues.get(e.queueId());
        Call call = context.call(e.callId()).orElse(null);
        Map<String, String> data = call == null ? Map.of() : call.data();
        Task task = new Task("task-" + (++taskCounter), e.switchId(), e.callId(), e.legId(), queue.queue, context.now(),
                priority.of(queue.queue.id(), data), taskCounter, data);
        readPreferences(task, call == null ? "" : call.ani(), context.now());
        tasksById.put(task.id, task);
        tasksByCall.put(task.callId, task);
        queued(task, queue, context);
    }

    private CompletionStage<CommandResult> submit(SubmitTask c, StateContext context) {
        QueueState queue = queues.get(c.queueId());
        if (queue == null) {
            throw new TaskRefusedException("queue " + c.queueId() + " is not routed by the library");
        }
        if (tasksById.containsKey(c.taskId())) {
            throw new TaskRefusedException("task " + c.taskId() + " exists already");
        }
        if (c.channel() == Channel.VOICE && c.dial().isEmpty()) {
            throw new TaskRefusedException("a voice task needs a number to dial; queued calls come from the switch");
        }
        long queuedAt = Math.max(context.now(), c.notBefore());
        int base = c.priority();
        Task replaced = c.replacesCallId().isEmpty() ? null : tasksByCall.get(c.replacesCallId());
        if (replaced != null && replaced.assignedAt == 0 && replaced.agent == null) {
            queuedAt = replaced.queuedAt;
            base = Math.max(base, replaced.priority);
        }
        Task task = new Task(c.taskId(), "", "", "", c.channel(), c.dial(), queue.queue, queuedAt,
                base + priority.of(queue.queue.id(), c.data()), ++taskCounter, c.data());
        readPreferences(task, "", context.now());
        tasksById.put(task.id, task);
        if (replaced != null && replaced.assignedAt == 0 && replaced.agent == null) {
            completeWaiting(replaced, "callback", context);
        }
        if (queuedAt > context.now()) {
            scheduled.add(task);
            return CompletableFuture.completedFuture(CommandResult.ok("scheduled"));
        }
        queued(task, queue, context);
        return CompletableFuture.completedFuture(CommandResult.ok("queued"));
    }

    private void queued(Task task, QueueState queue, StateContext context) {
        queue.counters.offered();
        context.emit(new TaskQueued(env(task, queue.queue.id(), context), task.id, queue.queue.id(), task.priority));
        enter(task, queue, context);
    }

    /** Puts a new or overflowing task into a queue's first line, unless the queue is full. */
    private void enter(Task task, QueueState queue, StateContext context) {
        QueueLimits limits = queue.queue.limits();
        if (limits.maxLength() > 0 && queue.waiting() >= limits.maxLength()) {
            limitReached(task, queue, "full", context);
            return;
        }
        task.variant = queue.variantFor(task.data);
        queue.line(task).add(task);
        dispatch(queue, task.channel, context);
        queue.publish(context.now());
    }

    private void readPreferences(Task task, String ani, long now) {
        String preferred = task.data.getOrDefault(preferredKey, "");
        if (!preferred.isEmpty() && agents.containsKey(preferred)) {
            task.preferredAgent = preferred;
            task.preferredBecause = "preferred agent in call data";
        } else if (!stickyFor.isZero() && !ani.isEmpty()) {
            Sticky last = lastAgentByCaller.get(ani);
            if (last != null && now - last.at <= stickyFor.toMillis()) {
                task.preferredAgent = last.agentId;
                task.preferredBecause = "sticky: last agent of caller";
            }
        }
        String excluded = task.data.getOrDefault(excludedKey, "");
        task.excluded = excluded.isBlank() ? Set.of() : Set.of(Arrays.stream(excluded.split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).distinct().toArray(String[]::new));
    }

    // ---- changes to waiting tasks ------------------------------------------------------------------------

    /** New call data applies at once to a waiting task: its priority, preferred and excluded agents. */
    private void dataChanged(CallDataChanged e, StateContext context) {
        Task task = tasksByCall.get(e.callId());
        if (task == null) {
            return;
        }
        Call call = context.call(e.callId()).orElse(null);
        task.data = call == null ? e.data() : call.data();
        rerank(task, priority.of(task.queue.id(), task.data), context);
        task.preferredAgent = "";
        task.preferredBecause = "";
        readPreferences(task, call == null ? "" : call.ani(), context.now());
    }

    private CompletionStage<CommandResult> reprioritize(ReprioritizeTask c, StateContext context) {
        Task task = liveTask(c.taskId());
        rerank(task, c.priority(), context);
        return CompletableFuture.completedFuture(CommandResult.ok("priority " + c.priority()));
    }

    /** Gives a task a new base priority; a waiting one takes its new place in line and may be offered at once. */
    private void rerank(Task task, int base, StateContext context) {
        TaskLine line = task.line;
        if (line != null) {
            line.remove(task);
        }
        task.reprioritize(base);
        if (line != null) {
            line.add(task);
            QueueState queue = queues.get(task.queue.id());
            dispatch(queue, task.channel, context);
            queue.publish(context.now());
        }
    }

    /**
     * New rules for a queue, applied at once: waiting tasks are ranked by the new ageing, placed at the
     * widening level their wait has reached, matched against the new requirements and limits; offered and
     * assigned tasks finish under the new rules.
     */
    private CompletionStage<CommandResult> configure(ConfigureQueue c, StateContext context) {
        QueueState queue = queues.get(c.queueId());
        if (queue == null) {
            throw new TaskRefusedException("queue " + c.queueId() + " is not routed by the library");
        }
        RoutingQueue old = queue.queue;
        RoutingQueue rules;
        try {
            rules = QueueSettings.apply(old, c.settings());
            queue.queue = rules;
            rejectOverflowCycles();
        } catch (IllegalArgumentException e) {
            queue.queue = old;
            throw new TaskRefusedException(e.getMessage());
        }
        List<Task> waitingTasks = queue.waitingTasks();
        for (Task t : waitingTasks) {
            t.line.remove(t);
        }
        queue.reconfigure(rules);
        for (Task t : tasksById.values()) {
            if (t.queue.id().equals(rules.id())) {
                t.queue = rules;
            }
        }
        long now = context.now();
        for (Task t : waitingTasks) {
            t.reprioritize(t.priority);
            t.step = 0;
            while (t.step < rules.widening().size() && now - t.queuedAt >= rules.widening().get(t.step).after().toMillis()) {
                t.step++;
            }
            t.variant = queue.variantFor(t.data);
            queue.line(t).add(t);
        }
        computeServed(queue);
        for (Channel channel : CHANNELS) {
            dispatch(queue, channel, context);
        }
        queue.publish(now);
        return CompletableFuture.completedFuture(CommandResult.ok("queue " + rules.id() + " reconfigured"));
    }

    private CompletionStage<CommandResult> cancel(CancelTask c, StateContext context) {
        Task task = liveTask(c.taskId());
        if (task.assignedAt != 0 || task.dialing) {
            throw new TaskRefusedException("task " + c.taskId() + " is with agent " + task.agent.profile.id()
                    + "; complete it instead");
        }
        if (scheduled.remove(task)) {
            tasksById.remove(task.id);
            context.emit(new TaskCompleted(env(task, task.queue.id(), context), task.id, "", "cancelled"));
        } else {
            completeWaiting(task, "cancelled", context);
        }
        return CompletableFuture.completedFuture(CommandResult.ok("cancelled"));
    }

    private Task liveTask(String taskId) {
        Task task = tasksById.get(taskId);
        if (task == null) {
            throw new TaskRefusedException("unknown task " + taskId);
        }
        return task;
    }

    // ---- agents ------------------------------------------------------------------------------------------

    private void agentState(RoutedAgent agent, AgentStateChanged e, StateContext context) {
        AgentState before = agent.state();
        agent.switchState = e.state();
        agent.reason = e.reason();
        agent.heldBackUntil = 0;
        if (e.state() != AgentState.WRAP_UP) {
            agent.wrapUpEndsAt = 0;
        }
        if (e.state() == AgentState.NOT_READY || e.state() == AgentState.LOGGED_OUT) {
            due.clear();
            for (Task offer : offered.values()) {
                if (offer.agent == agent && !offer.dialing) {
                    due.add(offer);
                }
            }
            for (Task offer : due) {
                context.emit(new ReservationRejected(env(offer, agent.profile.station(), context), offer.id,
                        agent.profile.id(), offer.reservationId, "agent went " + e.state()));
                withdraw(offer, context);
                requeue(offer, false, context);
            }
        }
        agentChanged(agent, before, context);
        refreshPools(agent, -1, context);
    }

    /** Accounts an agent's move to its current state in its own and its queues' figures. */
    private void agentChanged(RoutedAgent agent, AgentState before, StateContext context) {
        AgentState after = agent.state();
        agent.stateChanged(context.now());
        if (after != before) {
            for (int q : agent.works) {
                byIndex[q].counters.agentMoved(before, after, context.now());
            }
        }
    }

    /**
     * Puts the agent into or out of each channel's pool by what it may take now, and offers it waiting work
     * on every channel it joined. The pool of {@code movedChannel} (whose load just changed; -1 for none) is
     * rejoined at its tail, so work of that channel spreads over agents with free capacity.
     */
    private void refreshPools(RoutedAgent agent, int movedChannel, StateContext context) {
        boolean joined = false;
        for (Channel channel : CHANNELS) {
            AgentPool pool = pools[channel.ordinal()];
            boolean wanted = agent.canTake(channel);
            if (pool.contains(agent) && (!wanted || channel.ordinal() == movedChannel)) {
                pool.remove(agent);
            }
            if (wanted && !pool.contains(agent)) {
                pool.add(agent, context.now());
                joined = true;
            }
        }
        if (joined) {
            offerWorkTo(agent, context);
        }
    }

    /**
     * Offers waiting work to an agent who just joined pools: per channel, the queues it works are dispatched in
     * order of their next task's effective priority (priority plus age), then age, until the agent leaves that
     * channel's pool or no queue has a task for it.
     */
    private void offerWorkTo(RoutedAgent agent, StateContext context) {
        for (Channel channel : CHANNELS) {
            int c = channel.ordinal();
            AgentPool pool = pools[c];
            long visit = ++visits;
            int q;
            while (pool.contains(agent) && (q = nextTasks.mostPressing(agent.works, c, visit, context.now())) >= 0) {
                nextTasks.visit(q, visit);
                QueueState queue = byIndex[q];
                if (dispatch(queue, channel, context)) {
                    queue.publish(context.now());
                }
            }
        }
    }

    /**
     * The first offer {@link #offerWorkTo} makes to an agent who has just joined the channel's pool (the
     * routing decision when work waits and agents are scarce): the queues it works in order of how pressing
     * their next tasks are, the first that {@link #match matches}. Decides without acting: it changes nothing
     * but the queues' visit marks (and, for weighted-random queues, the pool's random draws), so the router
     * decides the same afterwards.
     */
    boolean firstOffer(RoutedAgent agent, Channel channel, long now, Match out) {
        int c = channel.ordinal();
        long visit = ++visits;
        for (int q = nextTasks.mostPressing(agent.works, c, visit, now); q >= 0;
             q = nextTasks.mostPressing(agent.works, c, visit, now)) {
            nextTasks.visit(q, visit);
            if (match(byIndex[q], channel, now, out)) {
                return true;
            }
        }
        return false;
    }

    /** The router's view of a configured agent, or null. */
    RoutedAgent routedAgent(String agentId) {
        return agents.get(agentId);
    }

    /** The agents with free capacity on a channel. */
    AgentPool pool(Channel channel) {
        return pools[channel.ordinal()];
    }

    // ---- decisions ---------------------------------------------------------------------------------------

    /** Offers the queue's best tasks of a channel to agents while both exist; true if any was offered. */
    private boolean dispatch(QueueState queue, Channel channel, StateContext context) {
        AgentPool pool = pools[channel.ordinal()];
        boolean offeredAny = false;
        while (!pool.isEmpty() && match(queue, channel, context.now(), match)) {
            Task bestTask = match.task;
            RoutedAgent bestAgent = match.agent;
            List<DecisionTrace.Candidate> considered = null;
            String reason = "";
            if (traceCapacity != 0) {
                candidates.clear();
                reason = reasonFor(queue, bestTask, bestAgent, context, candidates);
                considered = List.copyOf(candidates);
            }
            bestTask.line.remove(bestTask);
            reserve(bestTask, bestAgent, context);
            queue.lastOrdinal = bestAgent.ordinal;
            if (considered != null) {
                trace(new DecisionTrace(bestTask.id, bestTask.reservationId, queue.queue.id(), bestTask.step,
                        bestTask.variant.requirements[bestTask.step].toString(), queue.queue.strategy(),
                        bestAgent.profile.id(), reason, considered, context.now()));
            }
            offeredAny = true;
        }
        return offeredAny;
    }

    /**
     * The queue's task of a channel to offer next and its agent: among the heads of the queue's lines (one per
     * variant and widening level), the one served first that an available agent may take, with the agent
     * {@link #choose} picks. Acts on nothing and allocates nothing once the pool knows every skill signature;
     * false when no head has an agent.
     */
    private boolean match(QueueState queue, Channel channel, long now, Match out) {
        Task bestTask = null;
        RoutedAgent bestAgent = null;
        List<QueueState.Variant> variants = queue.variants;
        for (int v = 0, n = variants.size(); v < n; v++) {
            QueueState.Variant variant = variants.get(v);
            for (int step = 0; step < queue.levels; step++) {
                Task head = variant.line(channel, step).peekFirst();
                if (head == null || bestTask != null && !TaskLine.before(head, bestTask)) {
                    continue;
                }
                RoutedAgent agent = choose(queue, head, now, null);
                if (agent != null) {
                    bestTask = head;
                    bestAgent = agent;
                }
            }
        }
        if (bestTask == null) {
            return false;
        }
        out.set(queue, bestTask, bestAgent);
        return true;
    }

    /** The agent for a task at its widening level: its preferred agent when available, else the strategy's pick. */
    private RoutedAgent choose(QueueState queue, Task task, long now, List<DecisionTrace.Candidate> trace) {
        AgentPool pool = pools[task.channel.ordinal()];
        if (!task.preferredAgent.isEmpty()) {
            RoutedAgent preferred = agents.get(task.preferredAgent);
            if (pool.contains(preferred) && task.allows(preferred)
                    && preferred.profile.serves(queue.queue.id(), task.variant.requirements[task.step])) {
                return preferred;
            }
        }
        return pool.choose(queue.queue, task.variant.eligibility(task.channel, task.step), task, now,
                queue.lastOrdinal, trace);
    }

    /** Repeats a decision with tracing on, to say why; only when traces are kept. */
    private String reasonFor(QueueState queue, Task task, RoutedAgent chosen, StateContext context,
                             List<DecisionTrace.Candidate> considered) {
        if (chosen.profile.id().equals(task.preferredAgent)) {
            considered.add(new DecisionTrace.Candidate(chosen.profile.id(), Double.POSITIVE_INFINITY, task.preferredBecause));
            return task.preferredBecause;
        }
        if (!task.preferredAgent.isEmpty()) {
            considered.add(new DecisionTrace.Candidate(task.preferredAgent, Double.NaN,
                    "preferred but not available for this queue"));
        }
        if (queue.queue.strategy() == Strategy.WEIGHTED_RANDOM) {
            return "weighted random draw among qualified agents";
        }
        pools[task.channel.ordinal()].choose(queue.queue, task.variant.eligibility(task.channel, task.step), task,
                context.now(), queue.lastOrdinal, considered);
        Strategy strategy = queue.queue.strategy();
        return task.step == 0 ? strategy.toString() : strategy + " after widening step " + task.step;
    }

    private void trace(DecisionTrace decision) {
        List<DecisionTrace> previous = traces.get(decision.taskId());
        if (previous == null) {
            traces.put(decision.taskId(), List.of(decision));
            traceOrder.add(decision.taskId());
            while (traceOrder.size() > traceCapacity) {
                traces.remove(traceOrder.poll());
            }
        } else {
            List<DecisionTrace> all = new ArrayList<>(previous);
            all.add(decision);
            traces.put(decision.taskId(), List.copyOf(all));
        }
    }

    // ---- offers ------------------------------------------------------------------------------------------

    private void reserve(Task task, RoutedAgent agent, StateContext context) {
        task.offerExpiresAt = context.now() + task.queue.offerTimeout().toMillis();
        String reservationId = "res-" + (++reservationCounter);
        context.emit(new AgentReserved(env(task, agent.profile.station(), context), task.id, agent.profile.id(),
                reservationId));
        hold(task, agent, reservationId, context);
        if (task.isQueuedCall()) {
            deliver(task, new Redirect(task.callId, task.legId, agent.profile.station()), context);
        }
    }

    /** Gives the task to the agent under a new reservation: the agent's capacity is taken until it ends. */
    private void hold(Task task, RoutedAgent agent, String reservationId, StateContext context) {
        AgentState before = agent.state();
        agent.offers++;
        agent.load[task.channel.ordinal()]++;
        task.agent = agent;
        task.reservationId = reservationId;
        offered.put(task.reservationId, task);
        agentChanged(agent, before, context);
        refreshPools(agent, task.channel.ordinal(), context);
    }

    /** Sends the command that delivers an offer; if the switch refuses it, the refusal comes back through the ring. */
    private CompletionStage<CommandResult> deliver(Task task, CtiCommand command,
                                                   StateContext context) {
        String reservation = task.reservationId;
        String taskId = task.id;
        String callId = task.callId;
        String switchId = task.switchId;
        String agentId = task.agent.profile.id();
        String station = task.agent.profile.station();
        long now = context.now();
        CompletionStage<CommandResult> sent = context.send(command);
        if (sent instanceof CompletableFuture<CommandResult> done && done.isDone() && !done.isCompletedExceptionally()) {
            return sent;
        }
        sent.whenComplete((ok, error) -> {
            if (error != null) {
                context.publish(new ReservationRejected(Envelope.of(switchId, now, callId, "", station), taskId,
                        agentId, reservation, String.valueOf(error.getMessage())));
            }
        });
        return sent;
    }

    private CompletionStage<CommandResult> accept(AcceptTask c, StateContext context) {
        Task task = offered.get(c.reservationId());
        if (task == null) {
            if (accepted.containsKey(c.reservationId())) {
                return CompletableFuture.completedFuture(CommandResult.ok("already accepted"));
            }
            throw new TaskRefusedException("reservation " + c.reservationId() + " is not current");
        }
        if (task.isQueuedCall()) {
            if (task.offeredLegId.isEmpty()) {
                throw new TaskRefusedException("reservation " + c.reservationId() + " is not ringing yet");
            }
            return context.send(new Answer(task.callId, task.offeredLegId));
        }
        if (!task.dial.isEmpty()) {
            if (task.dialing) {
                return CompletableFuture.completedFuture(CommandResult.ok("already dialling"));
            }
            task.dialing = true;
            Map<String, String> data = new TreeMap<>(task.data);
            data.put("taskId", task.id);
            return deliver(task, new MakeCall("", task.agent.profile.station(), task.dial, data), context);
        }
        assign(task, task.agent, context);
        return CompletableFuture.completedFuture(CommandResult.ok("assigned"));
    }

    private CompletionStage<CommandResult> reject(RejectTask c, StateContext context) {
        Task task = offered.get(c.reservationId());
        if (task == null) {
            if (endedReservations.contains(c.reservationId())) {
                return CompletableFuture.completedFuture(CommandResult.ok("already ended"));
            }
            throw new TaskRefusedException("reservation " + c.reservationId() + " is not current");
        }
        if (task.dialing) {
            throw new TaskRefusedException("reservation " + c.reservationId() + " was accepted; the call is being placed");
        }
        context.emit(new ReservationRejected(env(task, task.agent.profile.station(), context), task.id,
                task.agent.profile.id(), task.reservationId, c.reason().isEmpty() ? "rejected by agent" : c.reason()));
        withdraw(task, context);
        requeue(task, false, context);
        return CompletableFuture.completedFuture(CommandResult.ok("rejected"));
    }

    /** Notes the station leg ringing for an offer; withdraws one ringing for an offer no longer current. */
    private void alerting(LegAlerting e, StateContext context) {
        Task task = tasksByCall.get(e.callId());
        RoutedAgent at = byStation.get(e.deviceId());
        if (task == null || at == null || !task.isQueuedCall()) {
            return;
        }
        if (task.agent == at) {
            task.offeredLegId = e.legId();
        } else if (task.assignedAt == 0) {
            context.send(new HangUp(task.callId, e.legId()));
        }
    }

    /**
     * An agent's station connected on a task's call. For a queued call this is the answer: normally by the
     * reserved agent; if a stale offer was answered (the task had gone back to the queue or to another agent),
     * the agent who answered gets the task and the other offer is withdrawn, so a task is never assigned
     * twice. For a dial task it is the placed call connecting at the accepting agent.
     */
    private void connected(LegConnected e, StateContext context) {
        RoutedAgent agent = byStation.get(e.deviceId());
        if (agent == null) {
            return;
        }
        Task task = tasksByCall.get(e.callId());
        if (task == null) {
            String dialTask = context.call(e.callId()).map(call -> call.data().get("taskId")).orElse(null);
            Task dialled = dialTask == null ? null : tasksById.get(dialTask);
            if (dialled != null && dialled.dialing && dialled.agent == agent) {
                dialled.callId = e.callId();
                tasksByCall.put(e.callId(), dialled);
                assign(dialled, agent, context);
            }
            return;
        }
        if (task.assignedAt != 0 || !task.isQueuedCall()) {
            return;
        }
        if (task.agent != agent) {
            if (task.agent != null) {
                RoutedAgent other = task.agent;
                context.emit(new ReservationRejected(env(task, other.profile.station(), context), task.id,
                        other.profile.id(), task.reservationId, "answered by " + agent.profile.id()));
                withdraw(task, context);
                release(task, context);
            } else if (task.line != null) {
                task.line.remove(task);
            }
            displaceVoiceOffer(agent, context);
            hold(task, agent, "res-" + (++reservationCounter), context);
        }
        assign(task, agent, context);
    }

    /** Puts back a voice offer ringing at an agent who answered another task's call instead. */
    private void displaceVoiceOffer(RoutedAgent agent, StateContext context) {
        for (Task offer : offered.values()) {
            if (offer.agent == agent && offer.channel == Channel.VOICE && !offer.dialing) {
                withdraw(offer, context);
                requeue(offer, false, context);
                return;
            }
        }
    }

    private void assign(Task task, RoutedAgent agent, StateContext context) {
        AgentState before = agent.state();
        offered.remove(task.reservationId);
        accepted.put(task.reservationId, task);
        agent.offers--;
        agent.active++;
        task.assignedAt = context.now();
        context.emit(new TaskAssigned(env(task, agent.profile.station(), context), task.id, agent.profile.id(),
                task.reservationId));
        agent.missedOffers = 0;
        agentChanged(agent, before, context);
        QueueState queue = queues.get(task.queue.id());
        queue.counters.answered(context.now() - task.queuedAt);
        queue.publish(context.now());
    }

    /** Withdraws the ringing leg of an offer, if the switch reported one. */
    private void withdraw(Task task, StateContext context) {
        if (!task.offeredLegId.isEmpty()) {
            context.send(new HangUp(task.callId, task.offeredLegId));
        }
    }

    /** Ends an offer's reservation without putting the task anywhere; the agent regains the capacity. */
    private void release(Task task, StateContext context) {
        RoutedAgent agent = task.agent;
        endReservation(task.reservationId);
        task.agent = null;
        task.reservationId = "";
        task.offeredLegId = "";
        task.dialing = false;
        AgentState before = agent.state();
        agent.offers--;
        agent.load[task.channel.ordinal()]--;
        agentChanged(agent, before, context);
        refreshPools(agent, task.channel.ordinal(), context);
    }

    private void endReservation(String reservationId) {
        offered.remove(reservationId);
        endedReservations.add(reservationId);
        if (endedReservations.size() > ENDED_RESERVATIONS_KEPT) {
            Iterator<String> oldest = endedReservations.iterator();
            oldest.next();
            oldest.remove();
        }
    }

    /**
     * Puts an offered task back at the head of its line. With {@code penalize}, the agent who failed to take
     * it sits out for the queue's offer timeout (or until the switch reports its state again), so a broken
     * station is not offered the task in a loop and the task goes to someone else first.
     */
    private void requeue(Task task, boolean penalize, StateContext context) {
        RoutedAgent agent = task.agent;
        if (penalize) {
            agent.heldBackUntil = context.now() + task.queue.offerTimeout().toMillis();
            heldBack.add(agent);
        }
        QueueState queue = queues.get(task.queue.id());
        release(task, context);
        task.variant = queue.variantFor(task.data);
        queue.line(task).addFirst(task);
        dispatch(queue, task.channel, context);
        queue.publish(context.now());
    }

    // ---- time --------------------------------------------------------------------------------------------

    private void tick(StateContext context) {
        long now = context.now();
        while (!scheduled.isEmpty() && scheduled.peek().queuedAt <= now) {
            Task task = scheduled.poll();
            queued(task, queues.get(task.queue.id()), context);
        }
        expireOffers(context);
        for (QueueState queue : queues.values()) {
            boolean changed = widen(queue, now);
            changed |= enforceMaxWait(queue, context);
            if (changed) {
                for (Channel channel : CHANNELS) {
                    dispatch(queue, channel, context);
                }
                queue.publish(now);
            }
        }
        endWrapUps(context);
        releaseHeldBack(context);
        if (!stickyFor.isZero()) {
            Iterator<Sticky> oldest = lastAgentByCaller.values().iterator();
            while (oldest.hasNext() && now - oldest.next().at > stickyFor.toMillis()) {
                oldest.remove();
            }
        }
    }

    /** Moves tasks that have waited long enough to the next widening level, on every channel. */
    private boolean widen(QueueState queue, long now) {
        boolean moved = false;
        List<WideningStep> steps = queue.queue.widening();
        for (QueueState.Variant variant : queue.variants) {
            for (Channel channel : CHANNELS) {
                for (int level = steps.size() - 1; level >= 0; level--) {
                    long after = steps.get(level).after().toMillis();
                    TaskLine target = variant.line(channel, level + 1);
                    for (int from = level; from >= 0; from--) {
                        TaskLine line = variant.line(channel, from);
                        for (Task t = line.oldest(); t != null && now - t.queuedAt >= after; t = line.oldest()) {
                            line.remove(t);
                            t.step = level + 1;
                            target.add(t);
                            moved = true;
                        }
                    }
                }
            }
        }
        return moved;
    }

    private boolean enforceMaxWait(QueueState queue, StateContext context) {
        QueueLimits limits = queue.queue.limits();
        if (!limits.limitsWait()) {
            return false;
        }
        long maxWait = limits.maxWait().toMillis();
        due.clear();
        for (QueueState.Variant variant : queue.variants) {
            for (TaskLine line : variant.lines) {
                for (Task t = line.oldest(); t != null && context.now() - t.queuedAt >= maxWait; t = t.newerArrival) {
                    due.add(t);
                }
            }
        }
        for (Task t : due) {
            t.line.remove(t);
            limitReached(t, queue, "waited " + limits.maxWait().toSeconds() + " s", context);
        }
        return !due.isEmpty();
    }

    /** Applies the queue's limit action to a task that is in no line. */
    private void limitReached(Task task, QueueState from, String why, StateContext context) {
        from.counters.overflowed();
        LimitAction action = from.queue.limits().action();
        if (action instanceof LimitAction.OverflowTo to && queues.containsKey(to.queueId())) {
            QueueState target = queues.get(to.queueId());
            context.emit(new TaskOverflowed(env(task, to.queueId(), context), task.id, from.queue.id(), to.queueId()));
            task.moveTo(target.queue);
            task.reprioritize(priority.of(target.queue.id(), task.data));
            target.counters.offered();
            enter(task, target, context);
        } else if (action instanceof LimitAction.OfferCallback callback && task.isQueuedCall()) {
            String ani = context.call(task.callId).map(Call::ani).orElse("");
            redirectOut(task, from, callback.announcement(), why, context);
            if (!ani.isEmpty()) {
                Map<String, String> data = new TreeMap<>(task.data);
                data.put("callbackFor", task.callId);
                Task back = new Task("callback-" + task.id, "", "", "", Channel.VOICE, ani, from.queue, task.queuedAt,
                        task.priority, ++taskCounter, data);
                tasksById.put(back.id, back);
                queued(back, from, context);
            }
        } else {
            String destination = action instanceof LimitAction.OverflowTo to ? to.queueId()
                    : action instanceof LimitAction.RedirectTo r ? r.destination()
                    : ((LimitAction.OfferCallback) action).announcement();
            redirectOut(task, from, destination, why, context);
        }
        from.publish(context.now());
    }

    /** Sends a task's call out of routing at a limit (to a switch queue, voicemail, an announcement). */
    private void redirectOut(Task task, QueueState from, String destination, String why, StateContext context) {
        context.emit(new TaskOverflowed(env(task, destination, context), task.id, from.queue.id(), destination));
        if (task.isQueuedCall()) {
            String callId = task.callId;
            context.send(new Redirect(callId, task.legId, destination)).whenComplete((ok, error) -> {
                if (error != null) {
                    log.warn("call {} reached a limit of queue {} ({}) but could not be sent to {}: {}", callId,
                            from.queue.id(), why, destination, error.getMessage());
                }
            });
            tasksByCall.remove(task.callId);
        }
        tasksById.remove(task.id);
        context.emit(new TaskCompleted(env(task, from.queue.id(), context), task.id, "", "overflowed"));
    }


    private void expireOffers(StateContext context) {
        due.clear();
        for (Task task : offered.values()) {
            if (task.offerExpiresAt <= context.now() && !task.dialing) {
                due.add(task);
            }
        }
        for (Task task : due) {
            RoutedAgent agent = task.agent;
            context.emit(new ReservationTimedOut(env(task, agent.profile.station(), context), task.id,
                    agent.profile.id(), task.reservationId));
            withdraw(task, context);
            requeue(task, true, context);
            if (++agent.missedOffers == missedOffersBeforeNotReady) {
                context.send(new AgentNotReady(agent.profile.id(), "missed-offers"));
            }
        }
    }

    // ---- tasks end ---------------------------------------------------------------------------------------

    /** A task's call left: complete a waiting or offered task; end the agent's part of an assigned one. */
    private void callGone(CtiEvent event, StateContext context) {
        Task task = tasksByCall.get(event.callId());
        if (task == null) {
            return;
        }
        if (task.assignedAt != 0) {
            if (event instanceof CallEnded) {
                finishAssigned(task, context);
            }
            return;
        }
        completeWaiting(task, event instanceof CallAbandoned ? "abandoned" : "ended", context);
    }

    /** Completes a task that is waiting or offered (abandoned, cancelled, replaced by a callback). */
    private void completeWaiting(Task task, String outcome, StateContext context) {
        tasksById.remove(task.id);
        if (task.isQueuedCall()) {
            tasksByCall.remove(task.callId);
        }
        QueueState queue = queues.get(task.queue.id());
        if (task.line != null) {
            task.line.remove(task);
        }
        String agentId = "";
        if (task.agent != null) {
            agentId = task.agent.profile.id();
            withdraw(task, context);
            release(task, context);
        }
        context.emit(new TaskCompleted(env(task, task.queue.id(), context), task.id, agentId, outcome));
        if (outcome.equals("abandoned") || outcome.equals("ended")) {
            queue.counters.abandoned();
        }
        queue.publish(context.now());
    }

    private CompletionStage<CommandResult> complete(CompleteTask c, StateContext context) {
        Task task = liveTask(c.taskId());
        if (task.assignedAt == 0) {
            throw new TaskRefusedException("task " + c.taskId() + " is not assigned");
        }
        if (task.isQueuedCall()) {
            throw new TaskRefusedException("task " + c.taskId() + " is a call; it completes when the agent's leg clears");
        }
        finishAssigned(task, context);
        return CompletableFuture.completedFuture(CommandResult.ok("completed"));
    }

    /**
     * The agent's part of an assigned task ended (its leg cleared, the call ended, or the host completed it):
     * count the handle time, remember the agent for sticky routing, start wrap-up of voice work when the
     * router owns it, and free the agent's capacity.
     */
    private void finishAssigned(Task task, StateContext context) {
        tasksById.remove(task.id);
        if (!task.callId.isEmpty()) {
            tasksByCall.remove(task.callId);
        }
        accepted.remove(task.reservationId);
        RoutedAgent agent = task.agent;
        long talk = context.now() - task.assignedAt;
        agent.handledTask(talk, context.now());
        AgentState before = agent.state();
        agent.active--;
        agent.load[task.channel.ordinal()]--;
        agentChanged(agent, before, context);
        QueueState queue = queues.get(task.queue.id());
        Duration wrapUp = task.channel != Channel.VOICE ? Duration.ZERO
                : agent.profile.wrapUp() != null ? agent.profile.wrapUp() : task.queue.wrapUp();
        queue.counters.handled(talk + wrapUp.toMillis());
        queue.publish(context.now());
        context.emit(new TaskCompleted(env(task, task.queue.id(), context), task.id, agent.profile.id(), "handled"));
        if (!stickyFor.isZero() && !task.callId.isEmpty()) {
            context.call(task.callId).map(Call::ani).filter(ani -> !ani.isEmpty()).ifPresent(ani -> {
                lastAgentByCaller.remove(ani);
                lastAgentByCaller.put(ani, new Sticky(agent.profile.id(), context.now()));
            });
        }
        if (!wrapUp.isZero()) {
            agent.wrapUpEndsAt = context.now() + wrapUp.toMillis();
            wrapping.add(agent);
            context.send(new AgentWrapUp(agent.profile.id(), task.queue.id()));
        }
        refreshPools(agent, task.channel.ordinal(), context);
    }

    /** Agents held back after a failed offer rejoin the pools once their time is up. */
    private void releaseHeldBack(StateContext context) {
        for (Iterator<RoutedAgent> it = heldBack.iterator(); it.hasNext(); ) {
            RoutedAgent agent = it.next();
            if (agent.heldBackUntil == 0) {
                it.remove();
            } else if (agent.heldBackUntil <= context.now()) {
                agent.heldBackUntil = 0;
                it.remove();
                refreshPools(agent, -1, context);
            }
        }
    }

    /** Makes agents whose router-given wrap-up time is over READY again. */
    private void endWrapUps(StateContext context) {
        for (Iterator<RoutedAgent> it = wrapping.iterator(); it.hasNext(); ) {
            RoutedAgent agent = it.next();
            if (agent.wrapUpEndsAt == 0) {
                it.remove();
            } else if (agent.wrapUpEndsAt <= context.now() && agent.switchState == AgentState.WRAP_UP) {
                agent.wrapUpEndsAt = 0;
                it.remove();
                context.send(new AgentReady(agent.profile.id()));
            }
        }
    }

    private static Envelope env(Task task, String deviceId, StateContext context) {
        return Envelope.of(task.switchId, context.now(), task.callId, "", deviceId);
    }

    /** The agent who last handled a caller, and when. */
    private record Sticky(String agentId, long at) {
    }
}
