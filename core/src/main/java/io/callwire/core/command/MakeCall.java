package io.callwire.core.command;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Place a call from a device (an agent's station) to a number: click-to-dial.
 *
 * @param switchId    switch to place the call on; empty for the engine's only switch
 * @param fromDevice  calling device
 * @param destination number or device to call
 * @param data        call data to attach to the new call
 */
public record MakeCall(String switchId, String fromDevice, String destination, Map<String, String> data)
        implements CtiCommand {
    public MakeCall {
        switchId = Require.orEmpty(switchId);
        Require.id(fromDevice, "fromDevice");
        Require.id(destination, "destination");
        data = Collections.unmodifiableMap(new TreeMap<>(data == null ? Map.of() : data));
    }

    public MakeCall(String fromDevice, String destination) {
        this("", fromDevice, destination, Map.of());
    }
}
