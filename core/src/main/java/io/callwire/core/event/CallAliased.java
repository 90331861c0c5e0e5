package io.callwire.core.event;

import java.util.Objects;

/**
 * The switch gave the call another id of its own (Avaya's UCID, a global call id): from now on events naming
 * {@code alias} as their call id belong to this call, and the alias appears in the call's alias set.
 */
public record CallAliased(Envelope envelope, String alias) implements CtiEvent {
    public CallAliased {
        Objects.requireNonNull(alias, "alias");
    }

    @Override
    public CallAliased withEnvelope(Envelope e) {
        return new CallAliased(e, alias);
    }
}
