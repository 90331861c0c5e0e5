package io.callwire.core.spi;

import io.callwire.core.command.CommandResult;
import io.callwire.core.command.CtiCommand;
import io.callwire.core.model.Switch;

import java.util.concurrent.CompletionStage;

/**
 * One connection to one switch: it turns the switch's events into normalized events and carries out
 * commands. The engine calls {@link #start} once, {@link #execute} from its single writer thread, and
 * {@link #close} once. See docs/adapter-spi.md for the full contract.
 */
public interface SwitchAdapter extends AutoCloseable {

    /** Identity of the switch; {@code info().id()} is the switchId on every event this adapter publishes. */
    Switch info();

    /**
     * Starts the connection and event flow into {@code sink}. Returns promptly: connecting, logging in and
     * reconnecting happen on the adapter's own threads and are reported as {@code LinkStateChanged} events.
     */
    void start(EventSink sink);

    /**
     * Carries out a command. Called on the engine's single writer thread, so it must not block: send the
     * request and complete the stage from the adapter's I/O thread when the switch answers. Fail the stage
     * with a {@link io.callwire.core.command.CommandException} subtype; the engine applies the timeout.
     */
    CompletionStage<CommandResult> execute(CtiCommand command);

    /** Whether this switch can carry out commands of this type; others fail as unsupported without a send. */
    boolean supports(Class<? extends CtiCommand> commandType);

    /**
     * True when the adapter publishes {@code Tick} events itself from the switch's clock (the simulator
     * does, so that a run is reproducible). The engine then runs no wall-clock ticker.
     */
    default boolean emitsTicks() {
        return false;
    }

    /** Disconnects and stops the adapter's threads. Publishes nothing after it returns. */
    @Override
    void close();
}
