package io.callwire.core.model;

import java.util.Objects;

/**
 * An endpoint a leg can be on: a phone, a trunk, a queue, an IVR, a number outside the switch.
 *
 * @param id     device id as the switch names it (extension, channel technology/resource, CSTA device id)
 * @param type   endpoint kind
 * @param number dialable number, empty when unknown
 * @param name   display name, empty when unknown
 */
public record Device(String id, DeviceType type, String number, String name) {
    public Device {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        number = number == null ? "" : number;
        name = name == null ? "" : name;
    }
}
