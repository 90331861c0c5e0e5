package io.callwire.core.engine;

/**
 * Counters of the engine, read at one moment.
 *
 * @param published          ring entries published (events, commands, snapshot requests)
 * @param illegalTransitions leg state changes the state machine rejected (state kept, event still dispatched)
 * @param untrackedEvents    events about calls or legs the tracker did not know (dispatched, not tracked)
 * @param duplicateEvents    repeated call ends that were suppressed
 * @param handlerErrors      exceptions caught inside engine handlers; the handler threads keep running
 * @param commandsRefused    commands the engine failed before sending (unknown call, link down, unsupported)
 */
public record EngineMetrics(long published, long illegalTransitions, long untrackedEvents, long duplicateEvents,
                            long handlerErrors, long commandsRefused) {
}
