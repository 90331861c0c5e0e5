package io.callwire.recorder.recording;

import java.util.Objects;
import java.util.Set;

/**
 * Which calls the {@link RecordingController} records by itself.
 *
 * @param mode     all calls, calls of some queues, or only on demand
 * @param queues   the queues recorded in {@link Mode#QUEUES} mode
 * @param location where the switch should store a recording; {@code {call}} is replaced by the call id, empty
 *                 lets the switch choose
 */
public record RecordingPolicy(Mode mode, Set<String> queues, String location) {
    /** When recording starts by itself. */
    public enum Mode {
        /** Every call, as soon as it starts. */
        ALL_CALLS,
        /** A call when it joins one of the listed queues. */
        QUEUES,
        /** Never by itself: only through {@link RecordingControl#start}. */
        ON_DEMAND
    }

    public RecordingPolicy {
        Objects.requireNonNull(mode, "mode");
        queues = Set.copyOf(queues == null ? Set.of() : queues);
        location = location == null ? "" : location;
        if (mode == Mode.QUEUES && queues.isEmpty()) {
            throw new IllegalArgumentException("QUEUES mode needs at least one queue");
        }
    }

    /** Records every call. */
    public static RecordingPolicy allCalls() {
        return new RecordingPolicy(Mode.ALL_CALLS, Set.of(), "");
    }

    /** Records the calls that join one of {@code queueIds}. */
    public static RecordingPolicy queues(Set<String> queueIds) {
        return new RecordingPolicy(Mode.QUEUES, queueIds, "");
    }

    /** Records only when asked. */
    public static RecordingPolicy onDemand() {
        return new RecordingPolicy(Mode.ON_DEMAND, Set.of(), "");
    }

    /** The same policy storing recordings at {@code template} ({@code {call}} = call id). */
    public RecordingPolicy at(String template) {
        return new RecordingPolicy(mode, queues, template);
    }

    String locationFor(String callId) {
        return location.replace("{call}", callId);
    }
}
