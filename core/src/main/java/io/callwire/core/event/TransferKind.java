package io.callwire.core.event;

/** How a transfer was made. */
public enum TransferKind {
    /** Sent on without consulting the destination first. */
    BLIND,
    /** Completed after a consultation call with the destination. */
    ATTENDED
}
