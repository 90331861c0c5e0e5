package io.callwire.adapter.simulator;

import io.callwire.core.spi.SwitchAdapter;
import io.callwire.core.spi.SwitchAdapterProvider;
import io.callwire.core.spi.SwitchUri;

import java.util.Set;

/** Provides the built-in simulated switch for {@code sim:} URIs. */
public final class SimulatorProvider implements SwitchAdapterProvider {

    @Override
    public Set<String> schemes() {
        return Set.of("sim");
    }

    @Override
    public SwitchAdapter create(SwitchUri uri) {
        return new SimulatorAdapter(SimulatorConfig.from(uri));
    }
}
