package io.callwire.examples.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callwire.core.command.CtiControl;
import io.callwire.core.command.StartRecording;
import io.callwire.core.engine.CtiListener;
import io.callwire.core.event.AgentReserved;
import io.callwire.core.event.AgentStateChanged;
import io.callwire.core.event.CallDataChanged;
import io.callwire.core.event.CallEnded;
import io.callwire.core.event.CallQueued;
import io.callwire.core.event.CallStarted;
import io.callwire.core.event.CallTransferred;
import io.callwire.core.event.CtiEvent;
import io.callwire.core.event.LegAlerting;
import io.callwire.core.event.LegCleared;
import io.callwire.core.event.LegConnected;
import io.callwire.core.event.LegCreated;
import io.callwire.core.event.LegFailed;
import io.callwire.core.event.RecordingStarted;
import io.callwire.core.event.RecordingStopped;
import io.callwire.core.event.ReservationRejected;
import io.callwire.core.event.ReservationTimedOut;
import io.callwire.core.event.TaskAssigned;
import io.callwire.core.event.TaskCompleted;
import io.callwire.core.event.Tick;
import io.callwire.core.model.Direction;
import io.callwire.examples.cli.EventJson;
import io.callwire.examples.crm.CallRecord;
import io.callwire.examples.crm.FollowUp;
import io.callwire.examples.crm.ScreenPop;
import io.callwire.examples.crm.WorkOrder;
import io.callwire.routing.QueueStatistics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.Supplier;

/**
 * The agent app's view of the contact center, fed by one engine listener, and the fan-out of events to the
 * browsers. Each agent's browsers get, in ring order, every event about that agent or about a call that has
 * (or had) a leg at its station, and a screen pop while such a call rings; supervisors' browsers get the
 * wallboard once a second of engine time and alerts. All mutable state is confined to the listener thread;
 * what the API reads is published through concurrent maps and volatile fields.
 */
public final class DeskHub implements CtiListener {
    private static final Logger LOG = LoggerFactory.getLogger(DeskHub.class);
    private static final long BOARD_EVERY_MILLIS = 1_000;
    private static final long SAMPLE_EVERY_MILLIS = 10_000;
    private static final long HISTORY_MILLIS = 3_600_000;
    /** Service-level target of every queue, percent of calls answered within the queue's time. */
    public static final double SERVICE_LEVEL_TARGET = 80.0;
    private static final int MAX_PENDING = 20;
    private static final int MAX_RECORDINGS = 500;

    /** What the hub follows of one call. */
    private static final class CallView {
        final String ani;
        final String dnis;
        final String parentCallId;
        final Direction direction;
        final long startedAt;
        final Map<String, String> data = new TreeMap<>();
        final Set<String> stations = new LinkedHashSet<>();
        final Set<String> popped = new LinkedHashSet<>();
        String queue = "";
        long answeredAt;
        String answeredBy = "";
        String talkingTo = "";
        boolean recording;

        CallView(String ani, String dnis, String parentCallId, Direction direction, long startedAt) {
            this.ani = ani;
            this.dnis = dnis;
            this.parentCallId = parentCallId;
            this.direction = direction;
            this.startedAt = startedAt;
        }
    }

    /** Handle-time totals of one queue. */
    private static final class HandleTime {
        long calls;
        long totalMillis;
    }

    private final ObjectMapper json;
    private final CtiControl control;
    private final Function<String, ScreenPop> screenPops;
    private final Function<String, Optional<FollowUp>> followUps;
    private final LongFunction<Optional<WorkOrder>> workOrders;
    private final Supplier<Map<String, QueueStatistics>> queueStatistics;
    /** The wallboard shows today: the figures at the first tick of the day (local time) are subtracted. */
    private long day = Long.MIN_VALUE;
    private Map<String, QueueStatistics> dayStart = Map.of();
    private final boolean recordCalls;

    private final Map<String, List<DeskClient>> agentClients = new ConcurrentHashMap<>();
    private final List<DeskClient> supervisorClients = new CopyOnWriteArrayList<>();

    private final Map<String, CallView> calls = new HashMap<>();
    private final Map<String, String> agentAtStation = new HashMap<>();
    private final Map<String, HandleTime> handleTimes = new HashMap<>();
    private final Deque<long[]> history = new ArrayDeque<>();
    private final Deque<String> recordingOrder = new ArrayDeque<>();
    private final Set<String> queuesBelowTarget = new LinkedHashSet<>();

    private final Map<String, AgentView> agents = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> pendingDispositions = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> pops = new ConcurrentHashMap<>();
    /** Each agent's open offer of a task without a call (a follow-up to place), by agent id. */
    private final Map<String, ObjectNode> offers = new ConcurrentHashMap<>();
    private final Map<String, RecordingView> recordings = new ConcurrentHashMap<>();
    private volatile String board = "";
    private volatile long now;
    private long lastBoard;
    private long lastSample;

    /**
     * A hub.
     *
     * @param control         where it sends the recording command of each answered call
     * @param screenPops      the host's customer lookup by calling number (the CRM)
     * @param followUps       the CRM's follow-up behind a routing task id, shown when such a task is offered
     * @param workOrders      the CRM's work order by id
     * @param queueStatistics the ACD's per-queue statistics
     * @param recordCalls     whether every answered inbound call is recorded
     */
    public DeskHub(ObjectMapper json, CtiControl control, Function<String, ScreenPop> screenPops,
                   Function<String, Optional<FollowUp>> followUps, LongFunction<Optional<WorkOrder>> workOrders,
                   Supplier<Map<String, QueueStatistics>> queueStatistics, boolean recordCalls) {
        this.json = json;
        this.control = control;
        this.screenPops = screenPops;
        this.followUps = followUps;
        this.workOrders = workOrders;
        this.queueStatistics = queueStatistics;
        this.recordCalls = recordCalls;
    }

    // ------------------------------------------------------------------ clients

    /** Starts sending an agent's events to a browser. */
    public void addAgentClient(String agentId, DeskClient client) {
        agentClients.computeIfAbsent(agentId, id -> new CopyOnWriteArrayList<>()).add(client);
    }

    /** Starts sending the wallboard and alerts to a supervisor's browser. */
    public void addSupervisorClient(DeskClient client) {
        supervisorClients.add(client);
        String latest = board;
        if (!latest.isEmpty()) {
            client.send(latest);
        }
    }

    /** Stops sending to a browser. */
    public void remove(DeskClient client) {
        supervisorClients.remove(client);
        agentClients.values().forEach(list -> list.remove(client));
    }

    /** Browsers connected now. */
    public int clients() {
        return supervisorClients.size() + agentClients.values().stream().mapToInt(List::size).sum();
    }

    // ------------------------------------------------------------------ what the API reads

    /** Engine time of the newest event seen. */
    public long now() {
        return now;
    }

    /** The newest wallboard message (JSON), empty before the first. */
    public String board() {
        return board;
    }

    /** Every agent the switch reported. */
    public List<AgentView> agents() {
        return agents.values().stream().sorted(java.util.Comparator.comparing(AgentView::id)).toList();
    }

    /** The agent with this id. */
    public Optional<AgentView> agent(String agentId) {
        return Optional.ofNullable(agents.get(agentId));
    }

    /** Calls an agent answered that still need a disposition, by call id (value: the caller's number). */
    public Map<String, String> pendingDispositions(String agentId) {
        return Map.copyOf(pendingDispositions.getOrDefault(agentId, Map.of()));
    }

    /** Takes a call off the agent's list of calls needing a disposition. */
    public boolean dispositionDone(String agentId, String callId) {
        Map<String, String> pending = pendingDispositions.get(agentId);
        return pending != null && pending.remove(callId) != null;
    }

    /** The screen pop shown for a call, when one was made. */
    public Optional<ObjectNode> pop(String callId) {
        return Optional.ofNullable(pops.get(callId));
    }

    /**
     * The agent's open offer of a task without a call (a follow-up the agent would place), as shown on the
     * desktop: task and reservation ids, the number, the customer, the work order. Empty when none is open.
     */
    public Optional<ObjectNode> offer(String agentId) {
        return Optional.ofNullable(offers.get(agentId));
    }

    /** Marks the agent's open offer as accepted (its call is being placed), so the desktop stops offering it. */
    public void offerAccepted(String agentId, String reservationId) {
        offers.computeIfPresent(agentId, (id, offer) -> offer.path("reservationId").asText().equals(reservationId)
                ? offer.deepCopy().put("accepted", true) : offer);
    }

    /** The agent an open offer with this reservation id was made to. */
    public Optional<String> offeredTo(String reservationId) {
        return offers.entrySet().stream().filter(e -> e.getValue().path("reservationId").asText().equals(reservationId))
                .map(Map.Entry::getKey).findFirst();
    }

    /** Recordings, newest first. */
    public List<RecordingView> recordings() {
        return recordings.values().stream()
                .sorted(java.util.Comparator.comparingLong(RecordingView::startedAt).reversed()).toList();
    }

    /** Tells supervisors that a work order passed its deadline (called by the CRM's thread). */
    public void escalated(WorkOrder order) {
        ObjectNode alert = json.createObjectNode().put("type", "alert").put("kind", "escalation")
                .put("message", "work order " + order.id() + " (" + order.category().label() + ") passed its deadline");
        String text = alert.toString();
        supervisorClients.forEach(c -> c.send(text));
    }

    // ------------------------------------------------------------------ events

    @Override
    public void onEvent(CtiEvent event) {
        long time = event.envelope().timestamp();
        if (time > now) {
            now = time;
        }
        track(event);
        if (event instanceof Tick) {
            tick();
            return;
        }
        fanOut(event);
        if (event instanceof AgentReserved e && event.envelope().callId().isEmpty()) {
            sendOffer(e.agentId());
        }
        if (event instanceof CallEnded) {
            calls.remove(event.envelope().callId());
        }
    }

    private void track(CtiEvent event) {
        String callId = event.envelope().callId();
        String device = event.envelope().deviceId();
        CallView call = calls.get(callId);
        trackOffer(event, callId);
        if (event instanceof CallStarted e) {
            calls.put(callId, new CallView(e.ani(), e.dnis(), e.parentCallId(), e.direction(), time(e)));
        } else if (event instanceof AgentStateChanged e) {
            AgentView old = agents.get(e.agentId());
            String station = device.isEmpty() && old != null ? old.station() : device;
            if (!station.isEmpty()) {
                agentAtStation.put(station, e.agentId());
            }
            agents.put(e.agentId(), new AgentView(e.agentId(), station, e.state(), e.reason(),
                    old != null && old.state() == e.state() && old.reason().equals(e.reason()) ? old.since() : time(e)));
        } else if (call == null) {
            return;
        } else if (event instanceof LegCreated) {
            if (agentAtStation.containsKey(device)) {
                call.stations.add(device);
            }
        } else if (event instanceof CallDataChanged e) {
            e.data().forEach((k, v) -> {
                if (v.isEmpty()) {
                    call.data.remove(k);
                } else {
                    call.data.put(k, v);
                }
            });
        } else if (event instanceof CallQueued e) {
            call.queue = e.queueId();
        } else if (event instanceof LegConnected e) {
            String agent = agentAtStation.get(device);
            if (agent != null) {
                call.talkingTo = agent;
            }
            if (agent != null && call.answeredAt == 0 && call.direction == Direction.INBOUND) {
                call.answeredAt = time(e);
                call.answeredBy = agent;
                if (recordCalls && !call.recording) {
                    call.recording = true;
                    control.execute(new StartRecording(callId, "")).whenComplete((r, failure) -> {
                        if (failure != null) {
                            LOG.debug("call {} could not be recorded: {}", callId, failure.getClass().getSimpleName());
                        }
                    });
                }
            }
        } else if (event instanceof LegCleared || event instanceof LegFailed) {
            String agent = agentAtStation.get(device);
            if (agent != null && agent.equals(call.talkingTo)) {
                call.talkingTo = "";
            }
            if (agent != null && call.answeredAt > 0 && call.parentCallId.isEmpty()) {
                Map<String, String> pending = pendingDispositions.computeIfAbsent(agent, a -> new ConcurrentHashMap<>());
                pending.put(callId, call.ani);
                if (pending.size() > MAX_PENDING) {
                    // nobody files dispositions for automatic agents: keep only the newest few
                    pending.keySet().stream().filter(id -> !id.equals(callId)).findFirst().ifPresent(pending::remove);
                }
            }
        } else if (event instanceof CallTransferred e) {
            for (String old : e.oldCallIds()) {
                CallView consult = calls.remove(old);
                if (consult != null) {
                    call.stations.addAll(consult.stations);
                }
            }
        } else if (event instanceof RecordingStarted e) {
            recordings.put(e.recordingId(), new RecordingView(e.recordingId(), callId, call.answeredBy, e.location(), time(e), 0));
            recordingOrder.addLast(e.recordingId());
            if (recordingOrder.size() > MAX_RECORDINGS) {
                recordings.remove(recordingOrder.removeFirst());
            }
        } else if (event instanceof RecordingStopped e) {
            recordings.computeIfPresent(e.recordingId(), (id, r) -> new RecordingView(id, r.callId(), r.agentId(), r.location(), r.startedAt(), time(e)));
        } else if (event instanceof CallEnded e) {
            if (call.answeredAt > 0 && !call.queue.isEmpty()) {
                HandleTime ht = handleTimes.computeIfAbsent(call.queue, q -> new HandleTime());
                ht.calls++;
                ht.totalMillis += time(e) - call.answeredAt;
            }
            recordings.replaceAll((id, r) -> r.callId().equals(callId) && r.stoppedAt() == 0
                    ? new RecordingView(id, r.callId(), r.agentId(), r.location(), r.startedAt(), time(e)) : r);
            pops.remove(callId);
        }
    }

    /**
     * Keeps each agent's open offer of a task that has no call yet: made by {@code AgentReserved}, closed by the
     * reservation's end. When the accepted task's call connects ({@code TaskAssigned}) the offer's customer
     * becomes that call's screen pop.
     */
    private void trackOffer(CtiEvent event, String callId) {
        if (event instanceof AgentReserved e && callId.isEmpty()) {
            offers.put(e.agentId(), offerFor(e));
        } else if (event instanceof TaskAssigned e) {
            ObjectNode offer = closeOffer(e.agentId(), e.reservationId());
            if (offer != null && !callId.isEmpty()) {
                pops.put(callId, offer.deepCopy().put("type", "pop").put("callId", callId));
            }
        } else if (event instanceof ReservationRejected e) {
            closeOffer(e.agentId(), e.reservationId());
        } else if (event instanceof ReservationTimedOut e) {
            closeOffer(e.agentId(), e.reservationId());
        } else if (event instanceof TaskCompleted e) {
            offers.values().removeIf(o -> o.path("taskId").asText().equals(e.taskId()));
        }
    }

    private ObjectNode closeOffer(String agentId, String reservationId) {
        ObjectNode offer = offers.get(agentId);
        if (offer != null && offer.path("reservationId").asText().equals(reservationId)) {
            offers.remove(agentId);
            return offer;
        }
        return null;
    }

    /** What the desktop shows of an offered task: for a CRM follow-up the customer and the work order. */
    private ObjectNode offerFor(AgentReserved e) {
        ObjectNode offer = json.createObjectNode().put("type", "offer").put("taskId", e.taskId())
                .put("reservationId", e.reservationId()).put("offeredAt", time(e)).put("callId", "")
                .put("kind", e.taskId().startsWith(FollowUp.TASK_PREFIX) ? "follow-up" : "task")
                .put("queue", "").put("dnis", "").put("consultation", false).put("accepted", false);
        offer.putObject("data").put("taskId", e.taskId());
        try {
            Optional<FollowUp> task = followUps.apply(e.taskId());
            String phone = task.map(FollowUp::phone).orElse("");
            offer.put("ani", phone).put("queue", task.isPresent() ? "followup" : "");
            task.ifPresent(t -> {
                ObjectNode data = (ObjectNode) offer.get("data");
                data.put("callwire.task", "follow-up").put("workOrder", Long.toString(t.workOrderId()));
                workOrders.apply(t.workOrderId()).ifPresentOrElse(o -> offer.set("workOrder", WorkOrderJson.of(json, o)),
                        () -> offer.putNull("workOrder"));
            });
            if (task.isEmpty()) {
                offer.putNull("workOrder");
            }
            addCustomer(offer, phone.isEmpty() ? ScreenPop.unknown() : screenPops.apply(phone));
        } catch (RuntimeException ex) {
            LOG.warn("offer lookup failed for task {}: {}", e.taskId(), ex.getClass().getSimpleName());
            offer.put("lookupError", "the customer database did not answer");
            addCustomer(offer, ScreenPop.unknown());
        }
        return offer;
    }

    private static long time(CtiEvent event) {
        return event.envelope().timestamp();
    }

    /** Sends the event to the browsers of every agent it concerns, and a screen pop when a call rings at one. */
    private void fanOut(CtiEvent event) {
        if (agentClients.isEmpty()) {
            return;
        }
        Set<String> targets = new LinkedHashSet<>(2);
        String agentField = agentOf(event);
        if (agentField != null) {
            targets.add(agentField);
        }
        String deviceAgent = agentAtStation.get(event.envelope().deviceId());
        if (deviceAgent != null) {
            targets.add(deviceAgent);
        }
        CallView call = calls.get(event.envelope().callId());
        if (call != null) {
            for (String station : call.stations) {
                String agent = agentAtStation.get(station);
                if (agent != null) {
                    targets.add(agent);
                }
            }
        }
        String line = null;
        for (String agent : targets) {
            List<DeskClient> clients = agentClients.get(agent);
            if (clients == null || clients.isEmpty()) {
                continue;
            }
            if (line == null) {
                line = "{\"type\":\"event\",\"event\":" + EventJson.line(event) + "}";
            }
            for (DeskClient client : clients) {
                client.send(line);
            }
        }
        boolean rings = event instanceof LegAlerting
                || event instanceof LegCreated c && c.initialState() == io.callwire.core.model.LegState.ALERTING;
        if (rings && call != null && deviceAgent != null && call.popped.add(event.envelope().deviceId())) {
            List<DeskClient> clients = agentClients.get(deviceAgent);
            if (clients != null && !clients.isEmpty()) {
                String pop = popFor(event.envelope().callId(), call).toString();
                clients.forEach(c -> c.send(pop));
            }
        }
    }

    private void sendOffer(String agentId) {
        ObjectNode offer = offers.get(agentId);
        List<DeskClient> clients = agentClients.get(agentId);
        if (offer != null && clients != null && !clients.isEmpty()) {
            String text = offer.toString();
            clients.forEach(c -> c.send(text));
        }
    }

    private static String agentOf(CtiEvent event) {
        if (event instanceof AgentStateChanged e) {
            return e.agentId();
        } else if (event instanceof AgentReserved e) {
            return e.agentId();
        } else if (event instanceof TaskAssigned e) {
            return e.agentId();
        } else if (event instanceof TaskCompleted e) {
            return e.agentId().isEmpty() ? null : e.agentId();
        } else if (event instanceof ReservationRejected e) {
            return e.agentId();
        } else if (event instanceof ReservationTimedOut e) {
            return e.agentId();
        }
        return null;
    }

    /** The screen pop of a ringing call: the caller as the CRM knows them, the IVR's data, history, open orders. */
    private ObjectNode popFor(String callId, CallView call) {
        CallView origin = call;
        if (!call.parentCallId.isEmpty() && calls.containsKey(call.parentCallId)) {
            origin = calls.get(call.parentCallId);
        }
        ObjectNode pop = json.createObjectNode().put("type", "pop").put("callId", callId)
                .put("ani", origin.ani).put("dnis", origin.dnis).put("queue", origin.queue)
                .put("consultation", !call.parentCallId.isEmpty());
        ObjectNode data = pop.putObject("data");
        origin.data.forEach(data::put);
        try {
            addCustomer(pop, screenPops.apply(origin.ani));
        } catch (RuntimeException e) {
            LOG.warn("screen pop lookup failed for call {}: {}", callId, e.getClass().getSimpleName());
            pop.put("lookupError", "the customer database did not answer");
        }
        pops.put(callId, pop);
        return pop;
    }

    /** The customer as the CRM knows them, their previous calls and open work orders. */
    private void addCustomer(ObjectNode pop, ScreenPop found) {
        found.customer().ifPresentOrElse(c -> pop.putObject("customer").put("id", c.id()).put("name", c.name())
                .put("phone", c.phone()).put("address", c.address()).put("tier", c.tier()), () -> pop.putNull("customer"));
        ArrayNode previous = pop.putArray("previousCalls");
        for (CallRecord r : found.previousCalls()) {
            previous.addObject().put("callId", r.callId()).put("endedAt", r.endedAt()).put("queue", r.queueId())
                    .put("agentId", r.agentId()).put("outcome", r.outcome());
        }
        ArrayNode orders = pop.putArray("openWorkOrders");
        for (WorkOrder o : found.openWorkOrders()) {
            orders.add(WorkOrderJson.of(json, o));
        }
    }

    // ------------------------------------------------------------------ wallboard

    private void tick() {
        long today = java.time.LocalDate.ofInstant(java.time.Instant.ofEpochMilli(now), java.time.ZoneId.systemDefault())
                .toEpochDay();
        if (today != day) {
            day = today;
            dayStart = queueStatistics.get();
        }
        if (now - lastSample >= SAMPLE_EVERY_MILLIS) {
            lastSample = now;
            Map<String, QueueStatistics> stats = queueStatistics.get();
            long waiting = stats.values().stream().mapToLong(QueueStatistics::waiting).sum();
            history.addLast(new long[]{now, waiting, Math.round(serviceLevel(stats.values()) * 10)});
            while (!history.isEmpty() && history.peekFirst()[0] < now - HISTORY_MILLIS) {
                history.removeFirst();
            }
        }
        if (now - lastBoard >= BOARD_EVERY_MILLIS) {
            lastBoard = now;
            String text = buildBoard().toString();
            board = text;
            supervisorClients.forEach(c -> c.send(text));
        }
    }

    private static double serviceLevel(java.util.Collection<QueueStatistics> stats) {
        long inTime = 0;
        long handled = 0;
        for (QueueStatistics s : stats) {
            inTime += s.answeredInTime();
            handled += s.answered() + s.abandoned();
        }
        return handled == 0 ? 100.0 : 100.0 * inTime / handled;
    }

    private ObjectNode buildBoard() {
        ObjectNode out = json.createObjectNode().put("type", "wallboard").put("now", now)
                .put("target", SERVICE_LEVEL_TARGET);
        ArrayNode queues = out.putArray("queues");
        ArrayNode alerts = out.putArray("alerts");
        Map<String, QueueStatistics> stats = new TreeMap<>(queueStatistics.get());
        for (QueueStatistics total : stats.values()) {
            QueueStatistics start = dayStart.get(total.queueId());
            QueueStatistics s = start == null ? total : total.since(start);
            HandleTime ht = handleTimes.get(s.queueId());
            double sl = s.serviceLevelPercent();
            boolean below = s.answered() + s.abandoned() > 0 && sl < SERVICE_LEVEL_TARGET;
            queues.addObject().put("id", s.queueId()).put("waiting", s.waiting())
                    .put("longestWaitMs", s.longestWaitMillis(now)).put("serviceLevel", Math.round(sl * 10) / 10.0)
                    .put("answered", s.answered()).put("abandoned", s.abandoned())
                    .put("asaMs", s.averageSpeedOfAnswerMillis())
                    .put("ahtMs", ht == null || ht.calls == 0 ? 0 : ht.totalMillis / ht.calls)
                    .put("belowTarget", below);
            if (below) {
                alerts.add("Queue " + s.queueId() + ": service level " + Math.round(sl) + "% is below the target of "
                        + Math.round(SERVICE_LEVEL_TARGET) + "%");
                if (queuesBelowTarget.add(s.queueId())) {
                    String alert = json.createObjectNode().put("type", "alert").put("kind", "service-level")
                            .put("message", "Queue " + s.queueId() + " fell below its service-level target").toString();
                    supervisorClients.forEach(c -> c.send(alert));
                }
            } else {
                queuesBelowTarget.remove(s.queueId());
            }
        }
        ArrayNode agentList = out.putArray("agents");
        for (AgentView a : agents()) {
            agentList.addObject().put("id", a.id()).put("station", a.station()).put("state", a.state().name())
                    .put("reason", a.reason()).put("timeInStateMs", Math.max(0, now - a.since()));
        }
        ArrayNode callList = out.putArray("calls");
        for (Map.Entry<String, CallView> e : calls.entrySet()) {
            CallView c = e.getValue();
            if (c.answeredAt > 0 && c.parentCallId.isEmpty()) {
                callList.addObject().put("id", e.getKey()).put("queue", c.queue).put("agentId", c.talkingTo)
                        .put("talkingMs", now - c.answeredAt);
            }
        }
        ArrayNode points = out.putArray("history");
        for (long[] p : history) {
            points.addArray().add(p[0]).add(p[1]).add(p[2] / 10.0);
        }
        return out;
    }
}
