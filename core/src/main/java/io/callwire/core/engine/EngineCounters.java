package io.callwire.core.engine;

/**
 * Counters of the engine's threads. Each field has one writer thread (noted), so plain increments of a
 * volatile are safe; readers on other threads see a recent value.
 */
final class EngineCounters {
    /** State handler: leg transitions the state machine rejected. */
    volatile long illegalTransitions;
    /** State handler: events about calls or legs the tracker does not know (dispatched, not tracked). */
    volatile long untrackedEvents;
    /** State handler: repeated call ends suppressed. */
    volatile long duplicateEvents;
    /** Any engine thread: exceptions caught in a handler (the thread keeps running). */
    final java.util.concurrent.atomic.AtomicLong handlerErrors = new java.util.concurrent.atomic.AtomicLong();
    /** State handler: commands failed before reaching an adapter (unknown call, link down, ...). */
    volatile long commandsRefused;

    EngineMetrics view(long published) {
        return new EngineMetrics(published, illegalTransitions, untrackedEvents, duplicateEvents,
                handlerErrors.get(), commandsRefused);
    }
}
