package io.callwire.core.event;

/** Routing: a task moved from one queue to another at a queue limit or a widening step. */
public record TaskOverflowed(Envelope envelope, String taskId, String fromQueueId, String toQueueId) implements CtiEvent {
    @Override
    public TaskOverflowed withEnvelope(Envelope e) {
        return new TaskOverflowed(e, taskId, fromQueueId, toQueueId);
    }
}
