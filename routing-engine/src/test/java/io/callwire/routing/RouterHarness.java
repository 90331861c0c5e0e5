package io.callwire.routing;

import io.callwire.core.command.CommandResult;
import io.callwire.core.command.CtiCommand;
import io.callwire.core.command.SwitchRejectedException;
import io.callwire.core.command.TaskCommand;
import io.callwire.core.engine.StateContext;
import io.callwire.core.event.AgentStateChanged;
import io.callwire.core.event.CallDataChanged;
import io.callwire.core.event.CallEnded;
import io.callwire.core.event.CallQueued;
import io.callwire.core.event.CtiEvent;
import io.callwire.core.event.Envelope;
import io.callwire.core.event.LegAlerting;
import io.callwire.core.event.LegCleared;
import io.callwire.core.event.LegConnected;
import io.callwire.core.event.Tick;
import io.callwire.core.model.Agent;
import io.callwire.core.model.AgentState;
import io.callwire.core.model.Call;
import io.callwire.core.model.Direction;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;

/**
 * A harness for the router alone: an in-memory {@link StateContext} with a settable clock, known calls,
 * and a record of what the router emitted and sent. Commands succeed unless a destination was made to fail;
 * published events (e.g. a refused redirect) are fed back like the ring would.
 */
final class RouterHarness implements StateContext {
    final Router router;
    final List<CtiEvent> emitted = new ArrayList<>();
    final List<CtiCommand> sent = new ArrayList<>();
    private final Map<String, Call> calls = new HashMap<>();
    private final ArrayDeque<CtiEvent> published = new ArrayDeque<>();
    private final Set<String> failingDestinations = new java.util.HashSet<>();
    private long now = 1_000_000;

    RouterHarness(Router router) {
        this.router = router;
        router.start(this);
    }

    void failRedirectsTo(String destination) {
        failingDestinations.add(destination);
    }

    /** Applies an event, then whatever the router published meanwhile. */
    void feed(CtiEvent event) {
        router.onEvent(event, this);
        while (!published.isEmpty()) {
            router.onEvent(published.poll(), this);
        }
    }

    /** Runs a task command the way the engine would, then what the router published meanwhile. */
    CompletionStage<CommandResult> command(TaskCommand command) {
        CompletionStage<CommandResult> result;
        try {
            result = router.onCommand(command, this);
        } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        while (!published.isEmpty()) {
            router.onEvent(published.poll(), this);
        }
        return result;
    }

    /** A call placed by the router connecting at a station, carrying its data. */
    void placedCallConnects(String callId, String station, Map<String, String> data) {
        calls.put(callId, new Call(callId, "sw", Set.of(callId), "", Direction.OUTBOUND, station, "", "", data, now,
                List.of()));
        answers(callId, station);
    }

    void at(long seconds) {
        now = 1_000_000 + seconds * 1000;
        feed(new Tick(Envelope.of("sw", now, "", "", "")));
    }

    void agent(String agentId, AgentState state) {
        feed(new AgentStateChanged(Envelope.of("sw", now, "", "", ""), agentId, state, ""));
    }

    void queued(String callId, String queueId) {
        queued(callId, queueId, "", Map.of());
    }

    void queued(String callId, String queueId, String ani, Map<String, String> data) {
        calls.put(callId, new Call(callId, "sw", Set.of(callId), "", Direction.INBOUND, ani, "5000", queueId, data, now,
                List.of()));
        feed(new CallQueued(Envelope.of("sw", now, callId, callId + "-caller", queueId), queueId));
    }

    void data(String callId, Map<String, String> data) {
        Call c = calls.get(callId);
        calls.put(callId, new Call(callId, "sw", c.aliases(), "", c.direction(), c.ani(), c.dnis(), c.queueId(), data,
                c.startedAt(), List.of()));
        feed(new CallDataChanged(Envelope.of("sw", now, callId, "", ""), data));
    }

    void rings(String callId, String station) {
        feed(new LegAlerting(Envelope.of("sw", now, callId, callId + "-" + station, station)));
    }

    void answers(String callId, String station) {
        feed(new LegConnected(Envelope.of("sw", now, callId, callId + "-" + station, station)));
    }

    void hangsUp(String callId, String station) {
        feed(new LegCleared(Envelope.of("sw", now, callId, callId + "-" + station, station), "normal"));
    }

    void ends(String callId) {
        feed(new CallEnded(Envelope.of("sw", now, callId, "", ""), "normal"));
        calls.remove(callId);
    }

    <T extends CtiEvent> List<T> emitted(Class<T> type) {
        return emitted.stream().filter(type::isInstance).map(type::cast).collect(Collectors.toList());
    }

    <T extends CtiCommand> List<T> sent(Class<T> type) {
        return sent.stream().filter(type::isInstance).map(type::cast).collect(Collectors.toList());
    }

    @Override
    public long now() {
        return now;
    }

    @Override
    public Optional<Call> call(String callId) {
        return Optional.ofNullable(calls.get(callId));
    }

    @Override
    public Optional<Agent> agent(String agentId) {
        return Optional.empty();
    }

    @Override
    public void emit(CtiEvent event) {
        emitted.add(event);
    }

    @Override
    public CompletionStage<CommandResult> send(CtiCommand command) {
        sent.add(command);
        if (command instanceof io.callwire.core.command.Redirect r && failingDestinations.contains(r.destination())) {
            return CompletableFuture.failedFuture(new SwitchRejectedException("sw", "unknown destination " + r.destination()));
        }
        return CompletableFuture.completedFuture(CommandResult.ok(""));
    }

    @Override
    public void publish(CtiEvent event) {
        published.add(event);
    }
}
