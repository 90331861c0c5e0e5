package io.callwire.adapter.asterisk;

import io.callwire.core.spi.SwitchAdapter;
import io.callwire.core.spi.SwitchAdapterProvider;
import io.callwire.core.spi.SwitchUri;

import java.util.Set;

/** Provides the Asterisk AMI adapter for {@code asterisk://user:secret@host:5038} URIs (see {@link AsteriskConfig}). */
public final class AsteriskProvider implements SwitchAdapterProvider {

    @Override
    public Set<String> schemes() {
        return Set.of("asterisk");
    }

    @Override
    public SwitchAdapter create(SwitchUri uri) {
        return new AsteriskAdapter(AsteriskConfig.from(uri));
    }
}
