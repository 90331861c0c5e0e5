package io.callwire.routing;

import java.util.Objects;

/** What a queue does with a task that reaches one of its limits (maximum wait or maximum length). */
public sealed interface LimitAction {

    /** Move the task to another queue (library-routed: it keeps its wait; else the call is sent there). */
    record OverflowTo(String queueId) implements LimitAction {
        public OverflowTo {
            Objects.requireNonNull(queueId, "queueId");
        }
    }

    /** Send the call to a destination outside routing, e.g. voicemail or an IVR announcement. */
    record RedirectTo(String destination) implements LimitAction {
        public RedirectTo {
            Objects.requireNonNull(destination, "destination");
        }
    }
}
