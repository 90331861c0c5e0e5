package io.callwire.core.engine;

import com.lmax.disruptor.EventHandler;
import io.callwire.core.command.AgentCommand;
import io.callwire.core.command.AgentLogin;
import io.callwire.core.command.CallCommand;
import io.callwire.core.command.CancelConsult;
import io.callwire.core.command.CommandException;
import io.callwire.core.command.CommandResult;
import io.callwire.core.command.CompleteTransfer;
import io.callwire.core.command.Conference;
import io.callwire.core.command.CtiCommand;
import io.callwire.core.command.LinkDownException;
import io.callwire.core.command.MakeCall;
import io.callwire.core.command.NoSwitchException;
import io.callwire.core.command.UnknownCallException;
import io.callwire.core.command.UnknownLegException;
import io.callwire.core.command.UnsupportedCommandException;
import io.callwire.core.engine.EngineRequest.CommandRequest;
import io.callwire.core.engine.EngineRequest.SnapshotRequest;
import io.callwire.core.model.Agent;
import io.callwire.core.model.LinkState;
import io.callwire.core.spi.SwitchAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * The single writer. Applies every event to the call tracker and answers every host request, in ring order,
 * on one thread. Nothing else mutates the model, so nothing here takes a lock.
 */
final class StateHandler implements EventHandler<RingSlot> {
    private static final Logger log = LoggerFactory.getLogger(StateHandler.class);

    private final CallTracker tracker;
    private final Map<String, SwitchAdapter> adapters;
    private final EngineCounters counters;

    StateHandler(CallTracker tracker, Map<String, SwitchAdapter> adapters, EngineCounters counters) {
        this.tracker = tracker;
        this.adapters = adapters;
        this.counters = counters;
    }

    @Override
    public void onEvent(RingSlot slot, long sequence, boolean endOfBatch) {
        if (slot.event != null) {
            try {
                slot.resolved = tracker.apply(slot.event, slot.derived);
            } catch (RuntimeException e) {
                counters.handlerErrors.incrementAndGet();
                log.error("call tracker failed on {} seq {}; event dispatched untracked",
                        slot.event.getClass().getSimpleName(), sequence, e);
                slot.resolved = slot.event;
            }
        } else if (slot.request instanceof CommandRequest r) {
            send(r.command(), r.result());
        } else if (slot.request instanceof SnapshotRequest r) {
            try {
                r.result().complete(tracker.snapshot(sequence));
            } catch (RuntimeException e) {
                counters.handlerErrors.incrementAndGet();
                r.result().completeExceptionally(e);
            }
        }
    }

    private void send(CtiCommand command, CompletableFuture<CommandResult> result) {
        if (result.isDone()) {
            return;
        }
        CompletionStage<CommandResult> answer;
        try {
            SwitchAdapter adapter = adapterFor(command);
            answer = adapter.execute(command);
        } catch (CommandException e) {
            counters.commandsRefused++;
            result.completeExceptionally(e);
            return;
        } catch (RuntimeException e) {
            counters.handlerErrors.incrementAndGet();
            log.warn("adapter failed to send {}", command.getClass().getSimpleName(), e);
            result.completeExceptionally(e);
            return;
        }
        answer.whenComplete((value, error) -> {
            if (error != null) {
                result.completeExceptionally(error instanceof CompletionException && error.getCause() != null
                        ? error.getCause() : error);
            } else {
                result.complete(value);
            }
        });
    }

    private SwitchAdapter adapterFor(CtiCommand command) {
        String switchId;
        if (command instanceof CallCommand c) {
            TrackedCall call = knownCall(c.callId());
            if (!c.legId().isEmpty() && !call.legs.containsKey(c.legId())) {
                throw new UnknownLegException(c.callId(), c.legId());
            }
            if (command instanceof CompleteTransfer t) {
                knownCall(t.consultCallId());
            } else if (command instanceof CancelConsult t) {
                knownCall(t.consultCallId());
            } else if (command instanceof Conference t) {
                knownCall(t.consultCallId());
            }
            switchId = call.switchId;
        } else if (command instanceof AgentLogin login && !login.switchId().isEmpty()) {
            switchId = login.switchId();
        } else if (command instanceof AgentCommand a) {
            Agent agent = tracker.agent(a.agentId());
            switchId = agent == null ? "" : agent.switchId();
        } else {
            switchId = ((MakeCall) command).switchId();
        }
        SwitchAdapter adapter = switchId.isEmpty() ? onlyAdapter() : adapters.get(switchId);
        if (adapter == null) {
            throw new NoSwitchException("unknown switch " + switchId + "; known: " + adapters.keySet());
        }
        String id = adapter.info().id();
        if (tracker.link(id) == LinkState.DOWN) {
            throw new LinkDownException(id);
        }
        if (!adapter.supports(command.getClass())) {
            throw new UnsupportedCommandException(command.getClass().getSimpleName(), id);
        }
        return adapter;
    }

    private TrackedCall knownCall(String callId) {
        TrackedCall call = tracker.call(callId);
        if (call == null) {
            throw new UnknownCallException(callId);
        }
        return call;
    }

    private SwitchAdapter onlyAdapter() {
        if (adapters.size() != 1) {
            throw new NoSwitchException("the command names no switch and the engine has " + adapters.size()
                    + " (" + adapters.keySet() + "); name one");
        }
        return adapters.values().iterator().next();
    }
}
