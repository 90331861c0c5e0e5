package io.callwire.adapter.csta;

/**
 * Reads CSTA identifiers out of ECMA-323 elements, which wrap them differently per element: a connection is
 * {@code <callID>/<deviceID>} children, a device is a {@code <deviceIdentifier>} child or plain text.
 */
final class CstaIds {
    private CstaIds() {
    }

    /** A CSTA connection id: the call and the device's part in it. */
    record ConnectionId(String callId, String deviceId) {
        boolean isEmpty() {
            return callId.isEmpty();
        }

        static final ConnectionId NONE = new ConnectionId("", "");
    }

    /** The connection id in child {@code name} of {@code parent}, or {@link ConnectionId#NONE}. */
    static ConnectionId connection(XmlElement parent, String name) {
        return parent.child(name).map(CstaIds::connection).orElse(ConnectionId.NONE);
    }

    /** The connection id an element holds (its callID and deviceID at any depth). */
    static ConnectionId connection(XmlElement e) {
        String call = e.findText("callID");
        String device = e.find("deviceID").map(d -> d.find("deviceIdentifier").map(XmlElement::text).orElse(d.text()))
                .orElse("");
        return new ConnectionId(call, device);
    }

    /** The device id in child {@code name} of {@code parent}, or empty. */
    static String device(XmlElement parent, String name) {
        return parent.child(name).map(CstaIds::device).orElse("");
    }

    /** The device id an element holds: a deviceIdentifier (or deviceID) below it, else its text. */
    static String device(XmlElement e) {
        return e.find("deviceIdentifier").or(() -> e.find("deviceID")).map(XmlElement::text).orElse(e.text());
    }

    /** A connection id element as sent in requests. */
    static XmlElement connectionElement(String name, String callId, String deviceId) {
        return XmlElement.of(name, XmlElement.leaf("callID", callId), XmlElement.leaf("deviceID", deviceId));
    }
}
