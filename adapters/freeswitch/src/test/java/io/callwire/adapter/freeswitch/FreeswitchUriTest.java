package io.callwire.adapter.freeswitch;

import io.callwire.core.model.SwitchKind;
import io.callwire.core.spi.InvalidSwitchUriException;
import io.callwire.core.spi.SwitchAdapter;
import io.callwire.core.spi.SwitchConnector;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FreeswitchUriTest {

    @Test
    void theProviderIsFoundByScheme() {
        SwitchConnector connector = SwitchConnector.fromClassPath();
        assertTrue(connector.schemes().contains("freeswitch"));
        try (SwitchAdapter adapter = connector.create("freeswitch://:ClueCon@127.0.0.1?id=fs-east&format=json")) {
            assertInstanceOf(FreeswitchAdapter.class, adapter);
            assertEquals("fs-east", adapter.info().id());
            assertEquals(SwitchKind.FREESWITCH, adapter.info().kind());
            assertFalse(adapter.toString().contains("ClueCon"));
        }
    }

    @Test
    void badUrisFailWithoutShowingThePassword() {
        SwitchConnector connector = SwitchConnector.fromClassPath();
        for (String uri : new String[]{"freeswitch://127.0.0.1:8021", "freeswitch://:Pw1@127.0.0.1?format=xml",
                "freeswitch://:Pw1@127.0.0.1?colour=blue", "freeswitch://:Pw1@127.0.0.1?maxFrameBytes=10",
                "freeswitch://:Pw1@127.0.0.1?minBackoffMillis=500&maxBackoffMillis=100",
                "freeswitch://:Pw1@127.0.0.1?endpoint=sofia/internal",
                "freeswitch://:Pw1@127.0.0.1?conference=conference:room",
                "freeswitch://:Pw1@127.0.0.1?conference=conference:%s-%d", "freeswitch://:Pw1@127.0.0.1?idleTimeoutMillis=0"}) {
            InvalidSwitchUriException e = assertThrows(InvalidSwitchUriException.class, () -> connector.create(uri), uri);
            assertFalse(e.getMessage().contains("Pw1"), e.getMessage());
        }
    }
}
