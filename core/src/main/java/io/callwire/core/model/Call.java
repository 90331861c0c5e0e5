package io.callwire.core.model;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Immutable view of one call.
 *
 * @param id           library call id, stable for the call's life (also across transfers the switch reports)
 * @param switchId     switch the call lives on
 * @param aliases      sorted set of every native call id seen for this call (Linkedid, Call-UUID, CSTA call id, UCID)
 * @param parentCallId call this one consults from, empty when none
 * @param direction    inbound, outbound or internal
 * @param ani          calling number, empty when unknown
 * @param dnis         dialled number, empty when unknown
 * @param queueId      queue the call waits or waited in, empty when none
 * @param data         attached call data, sorted by key
 * @param startedAt    switch time (epoch ms) the call started
 * @param legs         legs in the order they joined, including cleared ones
 */
public record Call(String id, String switchId, Set<String> aliases, String parentCallId, Direction direction,
                   String ani, String dnis, String queueId, Map<String, String> data, long startedAt,
                   List<Leg> legs) {
    public Call {
        aliases = Collections.unmodifiableSortedSet(new TreeSet<>(aliases));
        data = Collections.unmodifiableSortedMap(new TreeMap<>(data));
        legs = List.copyOf(legs);
    }
}
