package io.callwire.routing;

import io.callwire.core.command.CommandResult;
import io.callwire.core.command.CtiCommand;
import io.callwire.core.command.Redirect;
import io.callwire.core.engine.StateContext;
import io.callwire.core.event.CtiEvent;
import io.callwire.core.model.Agent;
import io.callwire.core.model.Call;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The smallest {@link StateContext} the router runs in outside an engine: a settable clock, no call model (tasks
 * get empty call data unless a benchmark puts their call into {@link #calls}), commands that always succeed at
 * once, derived events counted and dropped, and events published from callbacks fed back after the current one,
 * as the ring would.
 */
final class BenchContext implements StateContext {
    private static final CompletionStage<CommandResult> OK = CompletableFuture.completedFuture(CommandResult.ok(""));

    private final Router router;
    private final ArrayDeque<CtiEvent> published = new ArrayDeque<>();
    long now = 1_000_000;
    long emitted;
    long commands;
    /** Calls offered to agents and not yet taken by the benchmark: station to call id (from the redirects sent). */
    final Map<String, String> offers = new HashMap<>();
    /** Calls whose data the router reads when they queue; empty unless a benchmark adds some. */
    final Map<String, Call> calls = new HashMap<>();

    BenchContext(Router router) {
        this.router = router;
        router.start(this);
    }

    /** Applies an event, then whatever the router published meanwhile. */
    void feed(CtiEvent event) {
        router.onEvent(event, this);
        while (!published.isEmpty()) {
            router.onEvent(published.poll(), this);
        }
    }

    @Override
    public long now() {
        return now;
    }

    @Override
    public Optional<Call> call(String callId) {
        return calls.isEmpty() ? Optional.empty() : Optional.ofNullable(calls.get(callId));
    }

    @Override
    public Optional<Agent> agent(String agentId) {
        return Optional.empty();
    }

    @Override
    public void emit(CtiEvent event) {
        emitted++;
    }

    @Override
    public CompletionStage<CommandResult> send(CtiCommand command) {
        commands++;
        if (command instanceof Redirect r) {
            offers.put(r.destination(), r.callId());
        }
        return OK;
    }

    @Override
    public void publish(CtiEvent event) {
        published.add(event);
    }
}
