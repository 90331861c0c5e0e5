package io.callwire.core.spi;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SwitchUriTest {

    @Test
    void parsesOpaqueSimulatorUris() {
        SwitchUri bare = SwitchUri.parse("sim:");
        assertEquals("sim", bare.scheme());
        assertEquals(Map.of(), bare.params());

        SwitchUri uri = SwitchUri.parse("sim:?agents=20&callsPerMinute=30&seed=1");
        assertEquals(20, uri.intParam("agents", 0));
        assertEquals(30.0, uri.doubleParam("callsPerMinute", 0));
        assertEquals(7, uri.intParam("missing", 7));
        assertEquals(List.of("agents", "callsPerMinute", "seed"), List.copyOf(uri.params().keySet()));
        assertEquals("sim:?agents=20&callsPerMinute=30&seed=1", uri.toString());
    }

    @Test
    void parsesHierarchicalUrisWithCredentialsAndMasksTheSecret() {
        SwitchUri uri = SwitchUri.parse("asterisk://admin:s%40cret@127.0.0.1:5038?tls=true");
        assertEquals("asterisk", uri.scheme());
        assertEquals("admin", uri.user());
        assertEquals("s@cret", uri.secret());
        assertEquals("127.0.0.1", uri.host());
        assertEquals(5038, uri.port());
        assertTrue(uri.boolParam("tls", false));
        assertEquals("asterisk://admin:***@127.0.0.1:5038?tls=true", uri.toString());
        assertFalse(uri.toString().contains("cret"));

        SwitchUri noPort = SwitchUri.parse("freeswitch://:ClueCon@localhost");
        assertEquals("", noPort.user());
        assertEquals("ClueCon", noPort.secret());
        assertEquals(8021, noPort.portOr(8021));
        assertEquals("freeswitch://:***@localhost", noPort.toString());
    }

    @Test
    void rejectsMalformedUrisWithoutLeakingTheSecret() {
        for (String bad : List.of("", "   ", "no-scheme", "1sim:", ":x", "asterisk://user:topsecret@:x",
                "asterisk://user:topsecret@host:notaport", "sim:?=1", "sim:?a=1&a=2", "sim:?a=%zz")) {
            InvalidSwitchUriException e = assertThrows(InvalidSwitchUriException.class, () -> SwitchUri.parse(bad), bad);
            assertFalse(e.getMessage().contains("topsecret"), e.getMessage());
            assertFalse(e.getMessage().isBlank());
        }
    }

    @Test
    void typedParameterErrorsNameTheParameter() {
        SwitchUri uri = SwitchUri.parse("sim:?agents=many&tls=maybe&rate=fast");
        assertEquals("parameter agents=many of sim:?agents=many&tls=maybe&rate=fast is not a whole number",
                assertThrows(InvalidSwitchUriException.class, () -> uri.intParam("agents", 1)).getMessage());
        assertTrue(assertThrows(InvalidSwitchUriException.class, () -> uri.boolParam("tls", false))
                .getMessage().contains("tls=maybe"));
        assertTrue(assertThrows(InvalidSwitchUriException.class, () -> uri.doubleParam("rate", 1))
                .getMessage().contains("rate=fast"));
    }

    @Test
    void connectorNamesKnownSchemesForAnUnknownOne() {
        SwitchAdapterProvider provider = new SwitchAdapterProvider() {
            @Override
            public Set<String> schemes() {
                return Set.of("echo");
            }

            @Override
            public SwitchAdapter create(SwitchUri uri) {
                throw new UnsupportedOperationException();
            }
        };
        SwitchConnector connector = SwitchConnector.of(List.of(provider));
        UnknownSwitchSchemeException e = assertThrows(UnknownSwitchSchemeException.class,
                () -> connector.create("foo://h"));
        assertEquals("unknown switch scheme 'foo'; known schemes: echo", e.getMessage());
        assertEquals("foo", e.scheme());
        assertThrows(InvalidSwitchUriException.class, () -> connector.create("not a uri"));
    }
}
