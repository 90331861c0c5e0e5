package io.callwire.core.model;

/** Health of the connection between the library and one switch. */
public enum LinkState {
    /** Connected and receiving events. */
    UP,
    /** Disconnected; commands fail fast with a link-down error until the link is back. */
    DOWN,
    /** Reconnected and the snapshot taken after reconnect has been applied. */
    RESYNCED,
    /** The switch or the adapter reports that events were lost; state may be stale until resync. */
    EVENTS_LOST
}
