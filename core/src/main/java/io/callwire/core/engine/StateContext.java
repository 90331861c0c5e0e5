package io.callwire.core.engine;

import io.callwire.core.command.CommandResult;
import io.callwire.core.command.CtiCommand;
import io.callwire.core.event.CtiEvent;
import io.callwire.core.model.Agent;
import io.callwire.core.model.Call;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** What a {@link StateExtension} may see and do. All methods but {@link #publish} are for the state thread. */
public interface StateContext {

    /** Engine time: the newest event or tick time applied (epoch ms). */
    long now();

    /** The live call with this library id, as an immutable view. */
    Optional<Call> call(String callId);

    /** The agent with this id as the switch reported it. */
    Optional<Agent> agent(String agentId);

    /**
     * Emits an event derived from the current one (e.g. a routing decision). Listeners receive it right
     * after the current event, with the current event's sequence. State thread only.
     */
    void emit(CtiEvent event);

    /**
     * Sends a command to the switch that owns its call or agent, checked like a host command. State thread
     * only. The stage completes on an adapter thread: never touch extension state there — feed the outcome
     * back with {@link #publish}.
     */
    CompletionStage<CommandResult> send(CtiCommand command);

    /** Publishes an event into the ring from any thread, e.g. the outcome of a command. */
    void publish(CtiEvent event);
}
