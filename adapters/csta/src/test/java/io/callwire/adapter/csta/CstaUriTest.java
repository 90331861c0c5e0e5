package io.callwire.adapter.csta;

import io.callwire.core.model.SwitchKind;
import io.callwire.core.spi.InvalidSwitchUriException;
import io.callwire.core.spi.SwitchAdapter;
import io.callwire.core.spi.SwitchConnector;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code csta:} URI: found through the service file, parsed, checked, and never showing the password. */
class CstaUriTest {

    @Test
    void theServiceFileMakesTheSchemeKnownAndTheUriIsRead() {
        SwitchConnector connector = SwitchConnector.fromClassPath();
        assertTrue(connector.schemes().contains("csta"), connector.schemes().toString());
        SwitchAdapter adapter = connector.create("csta://cti:s3cr%40t@127.0.0.1:4721?devices=1001,1002,5000,1001");
        CstaAdapter csta = assertInstanceOf(CstaAdapter.class, adapter);
        CstaConfig c = csta.config();
        assertEquals("127.0.0.1:4721", c.id());
        assertEquals(SwitchKind.CSTA, csta.info().kind());
        assertEquals("cti", c.user());
        assertEquals("s3cr@t", c.password());
        assertEquals(List.of("1001", "1002", "5000"), c.devices());
        assertEquals(List.of("1001", "1002", "5000"), c.agentDevices());
        assertEquals(180, c.sessionSeconds());
        assertEquals(CstaFrame.MAX_FRAME_LENGTH, c.maxFrameLength());
        assertFalse(c.toString().contains("s3cr"), c.toString());
        assertTrue(c.toString().contains("cti:***@127.0.0.1:4721"), c.toString());
    }

    @Test
    void defaultsAndOverrides() {
        CstaConfig c = config("csta://u:p@127.0.0.1?devices=1001&id=aes1&sessionSeconds=60&requestTimeout=750"
                + "&reconnect=20&maxReconnect=100&frameTimeout=300&maxFrame=4096&agentPoll=500&agentDevices=1001");
        assertEquals(CstaConfig.DEFAULT_PORT, c.port());
        assertEquals("aes1", c.id());
        assertEquals(60, c.sessionSeconds());
        assertEquals(750, c.requestMillis());
        assertEquals(20, c.reconnectMillis());
        assertEquals(100, c.maxReconnectMillis());
        assertEquals(300, c.frameMillis());
        assertEquals(4096, c.maxFrameLength());
        assertEquals(500, c.agentPollMillis());
        assertEquals(List.of("1001"), c.agentDevices());
    }

    @Test
    void badUrisAreTypedErrorsWithoutThePassword() {
        for (String uri : List.of("csta://u:topsecret@127.0.0.1:4721",
                "csta://u:topsecret@127.0.0.1:4721?devices=1001&bogus=1",
                "csta://u:topsecret@127.0.0.1:4721?devices=1001&maxFrame=70000",
                "csta://u:topsecret@127.0.0.1:4721?devices=1001&maxFrame=8",
                "csta://u:topsecret@127.0.0.1:4721?devices=1001&requestTimeout=soon",
                "csta://u:topsecret@127.0.0.1:4721?devices=1001&reconnect=500&maxReconnect=100")) {
            InvalidSwitchUriException e = assertThrows(InvalidSwitchUriException.class, () -> config(uri), uri);
            assertFalse(e.getMessage().contains("topsecret"), e.getMessage());
        }
    }

    private static CstaConfig config(String uri) {
        return ((CstaAdapter) SwitchConnector.fromClassPath().create(uri)).config();
    }
}
