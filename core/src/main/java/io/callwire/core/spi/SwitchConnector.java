package io.callwire.core.spi;

import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;

/** Finds the adapter provider for a switch URI's scheme through {@link ServiceLoader} and creates the adapter. */
public final class SwitchConnector {

    private final Map<String, SwitchAdapterProvider> byScheme = new HashMap<>();

    private SwitchConnector(Iterable<SwitchAdapterProvider> providers) {
        for (SwitchAdapterProvider provider : providers) {
            for (String scheme : provider.schemes()) {
                byScheme.putIfAbsent(scheme, provider);
            }
        }
    }

    /** A connector over the providers visible to this class's class loader. */
    public static SwitchConnector fromClassPath() {
        return new SwitchConnector(ServiceLoader.load(SwitchAdapterProvider.class, SwitchConnector.class.getClassLoader()));
    }

    /** A connector over the given providers, e.g. for tests or hosts without service files. */
    public static SwitchConnector of(Iterable<SwitchAdapterProvider> providers) {
        return new SwitchConnector(providers);
    }

    /**
     * Creates (but does not start) the adapter for a URI.
     *
     * @throws InvalidSwitchUriException     when the URI is malformed
     * @throws UnknownSwitchSchemeException  when no provider handles its scheme
     */
    public SwitchAdapter create(String uri) {
        SwitchUri parsed = SwitchUri.parse(uri);
        SwitchAdapterProvider provider = byScheme.get(parsed.scheme());
        if (provider == null) {
            throw new UnknownSwitchSchemeException(parsed.scheme(), byScheme.keySet());
        }
        return provider.create(parsed);
    }

    /** Schemes with a provider. */
    public java.util.Set<String> schemes() {
        return java.util.Set.copyOf(byScheme.keySet());
    }
}
