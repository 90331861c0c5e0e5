package io.callwire.routing;

import java.util.Comparator;

/** The router's live view of one agent. Mutable; owned by the router on the engine's state thread. */
final class RoutedAgent {
    static final Comparator<RoutedAgent> BY_IDLE =
            Comparator.<RoutedAgent>comparingLong(a -> a.idleSince).thenComparingInt(a -> a.ordinal);

    final AgentProfile profile;
    final int ordinal;
    long idleSince;
    boolean available;
    /** Neighbours in its pool group's idle line (intrusive, so moving an agent allocates nothing). */
    RoutedAgent previous;
    RoutedAgent next;
    boolean ready;
    Task reservedFor;
    /** Offers in a row the agent let ring out. */
    int missedOffers;

    RoutedAgent(AgentProfile profile, int ordinal) {
        this.profile = profile;
        this.ordinal = ordinal;
    }
}
