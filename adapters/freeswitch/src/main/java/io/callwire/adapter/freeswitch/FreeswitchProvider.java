package io.callwire.adapter.freeswitch;

import io.callwire.core.spi.SwitchAdapter;
import io.callwire.core.spi.SwitchAdapterProvider;
import io.callwire.core.spi.SwitchUri;

import java.util.Set;

/**
 * Provides the FreeSWITCH Event Socket adapter for {@code freeswitch://:password@host:8021} URIs
 * (see {@link FreeswitchConfig} for the parameters).
 */
public final class FreeswitchProvider implements SwitchAdapterProvider {

    @Override
    public Set<String> schemes() {
        return Set.of("freeswitch");
    }

    @Override
    public SwitchAdapter create(SwitchUri uri) {
        return new FreeswitchAdapter(FreeswitchConfig.from(uri));
    }
}
