package io.callwire.core.command;

import java.util.List;

/**
 * Log an agent in at a station, into the given switch-side queues (empty when the library routes).
 *
 * @param switchId switch to log in on; empty for the engine's only switch
 */
public record AgentLogin(String switchId, String agentId, String deviceId, List<String> queues)
        implements AgentCommand {
    public AgentLogin {
        switchId = Require.orEmpty(switchId);
        Require.id(agentId, "agentId");
        Require.id(deviceId, "deviceId");
        queues = List.copyOf(queues == null ? List.of() : queues);
    }
}
