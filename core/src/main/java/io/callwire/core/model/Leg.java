package io.callwire.core.model;

/**
 * Immutable view of one leg.
 *
 * @param id       native leg id (Asterisk Uniqueid, FreeSWITCH Unique-ID, CSTA connection id)
 * @param callId   library call id the leg belongs to
 * @param deviceId device the leg is on
 * @param role     part the leg plays in the call
 * @param state    current state
 * @param cause    cause of the last failure or clearing, empty while live
 * @param since    switch time (epoch ms) the leg entered its current state
 */
public record Leg(String id, String callId, String deviceId, LegRole role, LegState state, String cause, long since) {
}
