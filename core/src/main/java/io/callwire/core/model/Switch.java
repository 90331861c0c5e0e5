package io.callwire.core.model;

import java.util.Objects;

/**
 * One connected telephone switch.
 *
 * @param id     library-wide unique id of this connection, used as {@code switchId} on every event
 * @param kind   switch family
 * @param nodeId the switch's own node or system name, empty when it reports none
 */
public record Switch(String id, SwitchKind kind, String nodeId) {
    public Switch {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        nodeId = nodeId == null ? "" : nodeId;
    }
}
