/**
 * The normalized event vocabulary: one sealed interface, {@link io.callwire.core.event.CtiEvent}, whose
 * immutable records every adapter emits whatever switch it talks to. Each record carries the common
 * {@link io.callwire.core.event.Envelope} first and its own fields after it.
 */
package io.callwire.core.event;
