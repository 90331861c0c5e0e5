package io.callwire.core.model;

/** What kind of endpoint a device is. */
public enum DeviceType {
    STATION, TRUNK, QUEUE, ROUTE_POINT, IVR, EXTERNAL, UNKNOWN
}
