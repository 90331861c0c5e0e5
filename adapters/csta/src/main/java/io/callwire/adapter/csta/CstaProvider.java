package io.callwire.adapter.csta;

import io.callwire.core.spi.SwitchAdapter;
import io.callwire.core.spi.SwitchAdapterProvider;
import io.callwire.core.spi.SwitchUri;

import java.util.Set;

/**
 * Provides the CSTA Phase III XML adapter for {@code csta://user:password@host:port?devices=1001,1002,5000}
 * (Avaya AES DMCC-style framing; see docs/adapters/csta.md).
 */
public final class CstaProvider implements SwitchAdapterProvider {

    @Override
    public Set<String> schemes() {
        return Set.of("csta");
    }

    @Override
    public SwitchAdapter create(SwitchUri uri) {
        return new CstaAdapter(CstaConfig.from(uri));
    }
}
