package io.callwire.core.engine;

import io.callwire.core.model.Agent;
import io.callwire.core.model.Call;

import java.util.Optional;

/** The read side every {@link StateContext} shares: time and the model, as one call tracker keeps them. */
abstract class TrackerContext implements StateContext {
    private final CallTracker tracker;

    TrackerContext(CallTracker tracker) {
        this.tracker = tracker;
    }

    @Override
    public long now() {
        return tracker.now();
    }

    @Override
    public Optional<Call> call(String callId) {
        TrackedCall call = tracker.call(callId);
        return call == null ? Optional.empty() : Optional.of(call.view());
    }

    @Override
    public Optional<Agent> agent(String agentId) {
        return Optional.ofNullable(tracker.agent(agentId));
    }
}
