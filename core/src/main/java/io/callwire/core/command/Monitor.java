package io.callwire.core.command;

/**
 * A supervisor at {@code supervisorDevice} joins the call to listen, whisper to the agent, or barge in.
 */
public record Monitor(String callId, String supervisorDevice, MonitorMode mode) implements CallCommand {
    public Monitor {
        Require.id(callId, "callId");
        Require.id(supervisorDevice, "supervisorDevice");
        java.util.Objects.requireNonNull(mode, "mode");
    }
}
