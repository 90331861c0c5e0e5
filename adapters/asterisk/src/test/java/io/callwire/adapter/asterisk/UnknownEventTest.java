package io.callwire.adapter.asterisk;

import io.callwire.core.event.RawEvent;
import io.callwire.core.model.LinkState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Events asterisk-java has no class for reach the engine as RawEvents with every header. */
class UnknownEventTest {
    private AmiHarness h;

    @AfterEach
    void close() {
        if (h != null) {
            h.close();
        }
    }

    private RawEvent awaitRaw(String vendorType) {
        await().atMost(AmiHarness.WAIT).until(() -> h.events.stream()
                .anyMatch(e -> e instanceof RawEvent r && r.vendorType().equals(vendorType)));
        return (RawEvent) h.events.stream().filter(e -> e instanceof RawEvent r && r.vendorType().equals(vendorType))
                .findFirst().orElseThrow();
    }

    @Test
    void aMadeUpEventTypeBecomesARawEventWithAllItsHeaders() throws Exception {
        h = AmiHarness.started("");
        h.server.send("""
                Event: CallwireProbeXyz
                Privilege: user,all
                Timestamp: 1763905000.250000
                Probe-Id: 42
                Note: a: colon inside
                ChanVariable: A=1
                ChanVariable: B=2,3
                
                """);
        RawEvent raw = awaitRaw("CallwireProbeXyz");
        assertEquals("42", raw.fields().get("probe-id"));
        assertEquals("a: colon inside", raw.fields().get("note"));
        assertEquals("user,all", raw.fields().get("privilege"));
        assertEquals("A=1\nB=2,3", raw.fields().get("chanvariable"), "a repeated header keeps every value");
        assertFalse(raw.fields().containsKey("event"), "the name is the vendor type");
        assertEquals(1763905000250L, raw.envelope().timestamp(), "the Timestamp header is the event time");
        assertEquals("", raw.callId());
        assertEquals(1, h.links(LinkState.UP));
    }

    @Test
    void anAsterisk22EventAsteriskJavaLacksIsPublishedOnItsCall() throws Exception {
        h = AmiHarness.started("");
        h.play("hold-retrieve.ami", 0);
        // MCID (malicious call identification, chan_dahdi/PJSIP, Asterisk 12 to 22): asterisk-java 3.42 has no class
        h.server.send("""
                Event: MCID
                Privilege: call,all
                Timestamp: 1763901001.500000
                Channel: PJSIP/1002-00000011
                ChannelState: 6
                ChannelStateDesc: Up
                CallerIDNum: 1002
                CallerIDName: <unknown>
                ConnectedLineNum: 1001
                ConnectedLineName: Anna Agent
                Language: en
                AccountCode: 
                Context: from-internal
                Exten: 
                Priority: 1
                Uniqueid: 1763901000.11
                Linkedid: 1763901000.10
                MCallerIDNumValid: yes
                MCallerIDNum: 1001
                MCallerIDton: 0
                MCallerIDNumPlan: 0
                MCallerIDNumPres: 0
                MCallerIDNameValid: yes
                MCallerIDName: Anna Agent
                MCallerIDNameCharSet: 1
                MCallerIDNamePres: 0
                MCallerIDSubaddr: 
                MCallerIDSubaddrType: 0
                MCallerIDSubaddrOdd: 0
                MCallerIDPres: Presentation Allowed, Not Screened
                MConnectedIDNumValid: yes
                MConnectedIDNum: 1002
                
                """);
        RawEvent mcid = awaitRaw("MCID");
        assertEquals("1001", mcid.fields().get("mcalleridnum"));
        assertEquals("Presentation Allowed, Not Screened", mcid.fields().get("mcalleridpres"));
        assertEquals("", mcid.fields().get("accountcode"), "an empty header is kept");
        assertEquals("1763901000.10", mcid.callId(), "published on the call of its channel");
        assertEquals("1763901000.11", mcid.legId());
        assertEquals(1763901001500L, mcid.envelope().timestamp());
        h.play("hold-retrieve.ami", 1);
        assertTrue(h.snapshot().call("1763901000.10").isPresent(), "the call goes on being tracked");
        assertEquals(1, h.links(LinkState.UP));
    }

    @Test
    void aPacketWithoutEventHeaderIsNoEvent() {
        assertNull(FallbackEventBuilder.unknown(this, Map.of("channel", "PJSIP/1")));
        Map<String, Object> headers = new HashMap<>(Map.of("event", "Foo", "x", List.of("1", "2")));
        UnknownAmiEvent e = FallbackEventBuilder.unknown(this, headers);
        assertEquals("Foo", e.type());
        assertEquals("1\n2", e.headers().get("x"));
        AmiEvent read = AmiEventReader.read(e);
        assertEquals("Foo", read.name());
        assertEquals(Map.of("x", "1\n2"), read.fields());
    }
}
