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
import io.callwire.core.command.TaskCommand;
import io.callwire.core.command.UnknownCallException;
import io.callwire.core.command.UnknownLegException;
import io.callwire.core.command.UnsupportedCommandException;
import io.callwire.core.engine.EngineRequest.CommandRequest;
import io.callwire.core.engine.EngineRequest.QueryRequest;
import io.callwire.core.engine.EngineRequest.SnapshotRequest;
import io.callwire.core.event.CtiEvent;
import io.callwire.core.model.Agent;
import io.callwire.core.model.LinkState;
import io.callwire.core.spi.SwitchAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The single writer. Applies every event to the call tracker and answers every host request, in ring order,
 * on one thread. Nothing else mutates the model, so nothing here takes a lock.
 */
final class StateHandler implements EventHandler<RingSlot> {
    private static final Logger log = LoggerFactory.getLogger(StateHandler.class);

    private final CallTracker tracker;
    private final Map<String, SwitchAdapter> adapters;
    private final EngineCounters counters;
    private final StateExtensions extensions;
    private final BiConsumer<CtiCommand, CompletableFuture<CommandResult>> armTimeout;
    private final Context context;
    private RingSlot current;
    /** Ring sequence of the entry being handled, given to the events extensions emit. */
    private long currentSequence;

    /**
     * @param armTimeout fails a command's future when the engine's command timeout passes
     * @param publisher  publishes an event into the ring from any thread
     */
    StateHandler(CallTracker tracker, Map<String, SwitchAdapter> adapters, EngineCounters counters,
                 List<StateExtension> extensions, BiConsumer<CtiCommand, CompletableFuture<CommandResult>> armTimeout,
                 Consumer<CtiEvent> publisher) {
        this.tracker = tracker;
        this.adapters = adapters;
        this.counters = counters;
        this.extensions = new StateExtensions(extensions, counters);
        this.armTimeout = armTimeout;
        this.context = new Context(publisher);
    }

    @Override
    public void onStart() {
        extensions.start(context);
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
            if (!extensions.isEmpty()) {
                extend(slot);
            }
        } else if (slot.request instanceof CommandRequest r && r.command() instanceof TaskCommand task) {
            current = slot;
            currentSequence = sequence;
            try {
                routeTask(task, r.result());
            } finally {
                current = null;
            }
        } else if (slot.request instanceof CommandRequest r) {
            send(r.command(), r.result());
        } else if (slot.request instanceof QueryRequest r) {
            try {
                r.result().complete(r.query().get());
            } catch (RuntimeException e) {
                r.result().completeExceptionally(e);
            }
        } else if (slot.request instanceof SnapshotRequest r) {
            try {
                r.result().complete(tracker.snapshot(sequence));
            } catch (RuntimeException e) {
                counters.handlerErrors.incrementAndGet();
                r.result().completeExceptionally(e);
            }
        }
    }

    /** Gives a task command to the first extension that handles task commands. */
    private void routeTask(TaskCommand command, CompletableFuture<CommandResult> result) {
        CompletionStage<CommandResult> answer;
        try {
            answer = extensions.onCommand(command, context);
        } catch (CommandException e) {
            counters.commandsRefused++;
            result.completeExceptionally(e);
            return;
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
            return;
        }
        if (answer == null) {
            counters.commandsRefused++;
            result.completeExceptionally(new UnsupportedCommandException(command.getClass().getSimpleName(),
                    "no routing engine"));
            return;
        }
        pipe(answer, result);
    }

    /** Lets every extension see the resolved event and the tracker's derived events, in that order. */
    private void extend(RingSlot slot) {
        current = slot;
        currentSequence = slot.event.sequence();
        int trackerDerived = slot.derived.size();
        if (slot.resolved != null) {
            extend(slot.resolved);
        }
        for (int i = 0; i < trackerDerived; i++) {
            extend(slot.derived.get(i));
        }
        current = null;
    }

    private void extend(CtiEvent event) {
        extensions.onEvent(event, context);
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
        pipe(answer, result);
    }

    /** Completes the host's future with the answer, unwrapping CompletionException. */
    private static void pipe(CompletionStage<CommandResult> answer, CompletableFuture<CommandResult> result) {
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

    /** The extensions' window on the engine; bound to the ring entry being handled. */
    private final class Context extends TrackerContext {
        private final Consumer<CtiEvent> publisher;

        Context(Consumer<CtiEvent> publisher) {
            super(tracker);
            this.publisher = publisher;
        }

        @Override
        public void emit(CtiEvent event) {
            RingSlot slot = current;
            if (slot == null) {
                throw new IllegalStateException("emit is only allowed while an extension handles an event");
            }
            slot.derived.add(event.withEnvelope(event.envelope().withSequence(currentSequence)));
        }

        @Override
        public CompletionStage<CommandResult> send(CtiCommand command) {
            CompletableFuture<CommandResult> result = new CompletableFuture<>();
            armTimeout.accept(command, result);
            StateHandler.this.send(command, result);
            return result;
        }

        @Override
        public void publish(CtiEvent event) {
            publisher.accept(event);
        }
    }

    private SwitchAdapter onlyAdapter() {
        if (adapters.size() != 1) {
            throw new NoSwitchException("the command names no switch and the engine has " + adapters.size()
                    + " (" + adapters.keySet() + "); name one");
        }
        return adapters.values().iterator().next();
    }
}
