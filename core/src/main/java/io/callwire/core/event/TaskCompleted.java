package io.callwire.core.event;

/** Routing: the task is done (handled, abandoned, overflowed out, cancelled). */
public record TaskCompleted(Envelope envelope, String taskId, String agentId, String outcome) implements CtiEvent {
    @Override
    public TaskCompleted withEnvelope(Envelope e) {
        return new TaskCompleted(e, taskId, agentId, outcome);
    }
}
