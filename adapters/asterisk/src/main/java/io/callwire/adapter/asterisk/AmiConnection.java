package io.callwire.adapter.asterisk;

import org.asteriskjava.manager.ManagerConnectionState;
import org.asteriskjava.manager.action.LogoffAction;
import org.asteriskjava.manager.event.DisconnectEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.internal.ManagerConnectionImpl;

/**
 * One asterisk-java AMI connection that does not reconnect by itself. asterisk-java would retry on its reader
 * thread at a fixed pace and without a resync; the adapter reconnects instead, with backoff, on a fresh
 * connection, and takes a snapshot afterwards. Events asterisk-java has no class for arrive as
 * {@link UnknownAmiEvent}s (see {@link FallbackEventBuilder}).
 */
final class AmiConnection extends ManagerConnectionImpl {

    AmiConnection(AsteriskConfig config) {
        setHostname(config.host());
        setPort(config.port());
        setUsername(config.user());
        setPassword(config.secret());
        setSsl(config.tls());
        setDefaultResponseTimeout(config.timeoutMillis());
        setDefaultEventTimeout(config.timeoutMillis());
        setSocketTimeout((int) Math.min(Integer.MAX_VALUE, config.timeoutMillis()));
        registerUserEventClass(DeviceStateListCompleteEvent.class);
        FallbackEventBuilder.install(this);
    }

    @Override
    public void dispatchEvent(ManagerEvent event, Integer requiredHandlingTime) {
        if (event instanceof DisconnectEvent) {
            withState(ManagerConnectionState.DISCONNECTED);
        }
        super.dispatchEvent(event, requiredHandlingTime);
    }

    private synchronized void withState(ManagerConnectionState newState) {
        if (state == ManagerConnectionState.CONNECTED || state == ManagerConnectionState.RECONNECTING) {
            state = newState;
            disconnect();
        }
    }

    /** Sends Logoff without waiting for the answer and closes the socket; never throws, never blocks long. */
    void closeQuietly() {
        try {
            if (state == ManagerConnectionState.CONNECTED) {
                sendAction(new LogoffAction(), null);
            }
        } catch (Exception | LinkageError ignored) {
            // the socket may already be gone
        }
        synchronized (this) {
            state = ManagerConnectionState.DISCONNECTING;
            disconnect();
        }
    }

    /** No identity beyond host and port: the password never appears here. */
    @Override
    public String toString() {
        return "AmiConnection[" + getHostname() + ":" + getPort() + "]";
    }
}
