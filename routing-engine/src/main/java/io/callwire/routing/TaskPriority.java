package io.callwire.routing;

import java.util.Map;

/**
 * The base priority of a new task from its call's attached data (IVR choice, customer tier, ...); higher is
 * served first. Runs on the engine's state thread: keep it quick and free of I/O.
 */
@FunctionalInterface
public interface TaskPriority {
    /** Every task gets priority 0. */
    TaskPriority NONE = (queueId, callData) -> 0;

    /** The priority of a task entering {@code queueId} for a call with this attached data. */
    int of(String queueId, Map<String, String> callData);
}
