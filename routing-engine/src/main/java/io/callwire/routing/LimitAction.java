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

    /**
     * Offer the caller a callback instead of more waiting: the call goes to {@code announcement} (an IVR that
     * confirms the callback and hangs up) and a VOICE task dialling the caller's number takes the call's place
     * in line, so the caller keeps its position. Calls without a caller number go to the announcement only.
     */
    record OfferCallback(String announcement) implements LimitAction {
        public OfferCallback {
            Objects.requireNonNull(announcement, "announcement");
        }
    }

    /** Send the call to a destination outside routing, e.g. voicemail or an IVR announcement. */
    record RedirectTo(String destination) implements LimitAction {
        public RedirectTo {
            Objects.requireNonNull(destination, "destination");
        }
    }
}
