package io.callwire.core.event;

/** Routing: a task entered a queue of the library's ACD. */
public record TaskQueued(Envelope envelope, String taskId, String queueId, int priority) implements CtiEvent {
    @Override
    public TaskQueued withEnvelope(Envelope e) {
        return new TaskQueued(e, taskId, queueId, priority);
    }
}
