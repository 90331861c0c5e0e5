package io.callwire.adapter.csta;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CSTA XML through StAX: escaping, namespaces dropped on reading, DTDs refused, malformed input typed. */
class XmlCodecTest {
    private final XmlCodec codec = new XmlCodec();

    @Test
    void writesEscapedXmlInTheNamespaceAndReadsItBack() {
        XmlElement request = XmlElement.of("MakeCall", XmlElement.leaf("callingDevice", "1001"),
                XmlElement.leaf("calledDirectoryNumber", "<5000&\"x\">"),
                XmlElement.of("userData", XmlElement.leaf("string", "ticket=42;ä")));
        String text = codec.write(request, XmlCodec.CSTA_NS);
        assertTrue(text.contains("<MakeCall xmlns=\"" + XmlCodec.CSTA_NS + "\">"), text);
        assertTrue(text.contains("&lt;5000&amp;"), text);
        XmlElement back = codec.parse(text);
        assertEquals(request, back);
        assertEquals("ticket=42;ä", back.text("userData", "string"));
    }

    @Test
    void aSubtreeCanBeWrittenInItsOwnNamespace() {
        XmlElement request = XmlElement.of("StartApplicationSession", XmlElement.of("applicationInfo",
                XmlElement.of("applicationSpecificInfo", XmlElement.of("SessionLoginInfo",
                        XmlElement.leaf("userName", "cti")).inNamespace(XmlCodec.AVAYA_NS))),
                XmlElement.leaf("requestedSessionDuration", "180"));
        String text = codec.write(request, XmlCodec.SESSION_NS);
        assertTrue(text.contains("<SessionLoginInfo xmlns=\"" + XmlCodec.AVAYA_NS + "\"><userName>cti</userName></SessionLoginInfo>"), text);
        assertTrue(text.contains("<requestedSessionDuration>180</requestedSessionDuration>"), text);
        XmlElement back = codec.parse(text);
        assertEquals("cti", back.findText("userName"));
        assertTrue(back.find("SessionLoginInfo").orElseThrow().attributes().isEmpty());
    }

    @Test
    void readsPrefixedNamespacesAndNestedIds() {
        XmlElement e = codec.parse("<?xml version=\"1.0\"?><csta:DeliveredEvent xmlns:csta=\"urn:x\">"
                + "<csta:connection><csta:callID> 12 </csta:callID><csta:deviceID>1001</csta:deviceID></csta:connection>"
                + "<csta:alertingDevice><csta:deviceIdentifier>1001</csta:deviceIdentifier></csta:alertingDevice>"
                + "</csta:DeliveredEvent>");
        assertEquals("DeliveredEvent", e.name());
        assertEquals(new CstaIds.ConnectionId("12", "1001"), CstaIds.connection(e, "connection"));
        assertEquals("1001", CstaIds.device(e, "alertingDevice"));
        assertEquals(List.of("connection", "alertingDevice"), e.children().stream().map(XmlElement::name).toList());
    }

    @Test
    void malformedXmlAndDtdsAreTypedErrors() {
        for (String bad : List.of("", "<a>", "<a></b>", "not xml", "<a/><b/>",
                "<!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><a>&x;</a>")) {
            assertThrows(CstaXmlException.class, () -> codec.parse(bad), bad);
        }
        assertThrows(CstaXmlException.class, () -> codec.parse("<a>".repeat(100) + "</a>".repeat(100)));
    }
}
