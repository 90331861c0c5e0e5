package io.callwire.core.engine;

import io.callwire.core.command.CommandResult;
import io.callwire.core.command.TaskCommand;

import io.callwire.core.event.CtiEvent;

import java.util.concurrent.CompletionStage;

/**
 * Logic that runs inside the engine's single writer, after the call tracker: the routing engine's ACD is
 * one. It sees every event in ring order with library call ids (and the events the tracker derived, such
 * as CallEnded), may keep state of its own without locks, and acts through its {@link StateContext}.
 * Its time is the events' time ({@link StateContext#now()}), never the wall clock, so replaying the same
 * events gives the same decisions.
 */
public interface StateExtension {

    /** Called once on the state thread before the first event. */
    default void start(StateContext context) {
    }

    /** Applies one event. Must not block: it runs on the thread that keeps the whole call model. */
    void onEvent(CtiEvent event, StateContext context);

    /**
     * Carries out a host's {@link TaskCommand}, in ring order like an event, or returns null when this
     * extension does not handle task commands. Events it emits are dispatched with the command's sequence.
     */
    default CompletionStage<CommandResult> onCommand(TaskCommand command, StateContext context) {
        return null;
    }
}
