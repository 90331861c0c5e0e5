package io.callwire.core.event;

/** The passage of time. The state handler takes its time from events and ticks, never from the wall clock. */
public record Tick(Envelope envelope) implements CtiEvent {
    @Override
    public Tick withEnvelope(Envelope e) {
        return new Tick(e);
    }
}
