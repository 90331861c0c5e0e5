package io.callwire.core.spi;

import java.util.Set;

/**
 * Creates adapters for URI schemes. Register an implementation in
 * {@code META-INF/services/io.callwire.core.spi.SwitchAdapterProvider}.
 */
public interface SwitchAdapterProvider {

    /** URI schemes this provider handles, lower case, e.g. {@code "asterisk"}. */
    Set<String> schemes();

    /**
     * Creates (but does not start) an adapter for the URI.
     *
     * @throws InvalidSwitchUriException when a parameter is missing or malformed
     */
    SwitchAdapter create(SwitchUri uri);
}
