package io.callwire.core.spi;

import java.util.Set;
import java.util.TreeSet;

/** No adapter on the class path handles the URI's scheme. */
public final class UnknownSwitchSchemeException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String scheme;

    public UnknownSwitchSchemeException(String scheme, Set<String> known) {
        super("unknown switch scheme '" + scheme + "'; known schemes: " + String.join(", ", new TreeSet<>(known)));
        this.scheme = scheme;
    }

    public String scheme() {
        return scheme;
    }
}
