package io.callwire.core.engine;

import io.callwire.core.command.CommandResult;
import io.callwire.core.command.CtiCommand;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** A host request that travels through the ring so the single writer answers it. */
sealed interface EngineRequest {

    /** A command for a switch, answered through {@code result}. */
    record CommandRequest(CtiCommand command, CompletableFuture<CommandResult> result) implements EngineRequest {
    }

    /** A read-only look at state the single writer owns (an extension's), run between two ring entries. */
    record QueryRequest(Supplier<?> query, CompletableFuture<Object> result) implements EngineRequest {
    }

    /** A request for a consistent snapshot of the model. */
    record SnapshotRequest(CompletableFuture<EngineSnapshot> result) implements EngineRequest {
    }
}
