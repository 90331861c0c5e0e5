package io.callwire.adapter.asterisk;

import io.callwire.core.model.SwitchKind;
import io.callwire.core.spi.InvalidSwitchUriException;
import io.callwire.core.spi.SwitchAdapter;
import io.callwire.core.spi.SwitchAdapterProvider;
import io.callwire.core.spi.SwitchUri;
import org.junit.jupiter.api.Test;

import java.util.ServiceLoader;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code asterisk://} URI: provider registration, defaults, checks, and a secret that never shows. */
class AsteriskUriTest {

    private static AsteriskConfig config(String uri) {
        return AsteriskConfig.from(SwitchUri.parse(uri));
    }

    @Test
    void theProviderIsFoundByServiceLoaderForTheAsteriskScheme() {
        SwitchAdapterProvider provider = ServiceLoader.load(SwitchAdapterProvider.class).stream()
                .map(ServiceLoader.Provider::get).filter(p -> p.schemes().contains("asterisk")).findFirst().orElseThrow();
        assertInstanceOf(AsteriskProvider.class, provider);
        try (SwitchAdapter adapter = provider.create(SwitchUri.parse("asterisk://cti:pw@127.0.0.1"))) {
            assertEquals(SwitchKind.ASTERISK, adapter.info().kind());
            assertEquals("127.0.0.1:5038", adapter.info().id());
        }
    }

    @Test
    void defaultsAndParameters() {
        AsteriskConfig d = config("asterisk://cti:pw@127.0.0.1");
        assertEquals(5038, d.port());
        assertFalse(d.tls());
        assertEquals("from-internal", d.context());
        assertEquals(Set.of("from-trunk", "from-pstn", "from-external"), d.trunkContexts());
        assertEquals("", d.holdContext(), "hold is off unless its dialplan is named");
        assertEquals("", d.conferenceContext());
        AsteriskConfig hc = config("asterisk://cti:pw@127.0.0.1?holdContext=callwire-hold&conferenceContext=callwire-conf");
        assertEquals("callwire-hold", hc.holdContext());
        assertEquals("callwire-conf", hc.conferenceContext());
        AsteriskConfig c = config("asterisk://cti:pw@127.0.0.1:5039?tls=true&id=pbx1&vars=IVR_CHOICE,TIER&context=crm");
        assertEquals(5039, c.port());
        assertTrue(c.tls());
        assertEquals("pbx1", c.id());
        assertEquals(Set.of("IVR_CHOICE", "TIER"), c.variables());
        assertEquals("crm", c.context());
        assertEquals("PJSIP/1001", c.dialable("1001"));
        assertEquals("SIP/7", c.dialable("SIP/7"));
    }

    @Test
    void badUrisFailWithClearMessagesThatHideTheSecret() {
        InvalidSwitchUriException unknown = assertThrows(InvalidSwitchUriException.class,
                () -> config("asterisk://cti:topsecret@127.0.0.1?colour=red"));
        assertTrue(unknown.getMessage().contains("colour"), unknown.getMessage());
        assertFalse(unknown.getMessage().contains("topsecret"));
        assertThrows(InvalidSwitchUriException.class, () -> config("asterisk://127.0.0.1"));
        assertThrows(InvalidSwitchUriException.class, () -> config("asterisk://cti:pw@127.0.0.1?tls=maybe"));
        assertThrows(InvalidSwitchUriException.class, () -> config("asterisk://cti:pw@127.0.0.1?pingMillis=0"));
        assertThrows(InvalidSwitchUriException.class,
                () -> config("asterisk://cti:pw@127.0.0.1?reconnectMinMillis=100&reconnectMaxMillis=10"));
    }

    @Test
    void theSecretIsNeverInToString() {
        AsteriskConfig c = config("asterisk://cti:topsecret@127.0.0.1");
        assertEquals("topsecret", c.secret());
        assertFalse(c.toString().contains("topsecret"), c.toString());
        try (AsteriskAdapter adapter = new AsteriskAdapter(c)) {
            assertFalse(adapter.toString().contains("topsecret"));
            assertFalse(adapter.info().toString().contains("topsecret"));
        }
        assertFalse(new AmiConnection(c).toString().contains("topsecret"));
    }
}
