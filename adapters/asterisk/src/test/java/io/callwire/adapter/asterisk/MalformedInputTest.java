package io.callwire.adapter.asterisk;

import io.callwire.core.event.CtiEvent;
import io.callwire.core.event.LegCreated;
import io.callwire.core.event.LinkStateChanged;
import io.callwire.core.event.RawEvent;
import io.callwire.core.model.LinkState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad input from the switch: the adapter keeps its link and its state, and unknown events pass through as RawEvent. */
class MalformedInputTest {
    private AmiHarness h;

    @AfterEach
    void close() {
        if (h != null) {
            h.close();
        }
    }

    @Test
    void garbageLinesAndAnEventWithoutEventHeaderDoNotStopTheAdapter() throws Exception {
        h = AmiHarness.started("");
        h.server.send("this is not a header line\n:::\n\u0000\u0001 binary\n\n");
        h.server.send("Channel: PJSIP/1001-00000099\nUniqueid: 1763909999.1\nLinkedid: 1763909999.1\n\n");
        h.server.send("Event: Newchannel\nPrivilege: call,all\n\n");
        h.play("hold-retrieve.ami", 0);
        assertEquals(2, h.snapshot().call("1763901000.10").orElseThrow().legs().size());
        assertEquals(1, h.links(LinkState.UP), "no reconnect was needed");
        assertTrue(h.adapter().eventsIgnored() > 0, "Newexten and other noise is counted, not published");
        assertEquals(1, h.adapter().eventsMalformed(), "the Newchannel without Uniqueid is logged and counted");
        assertEquals(0, h.engine.metrics().illegalTransitions());
    }

    @Test
    void aTenMegabyteLineIsReadAndTheNextEventsAreTranslated() throws Exception {
        h = AmiHarness.started("");
        String huge = "x".repeat(10 * 1024 * 1024);
        h.server.send("Event: PeerStatus\nPrivilege: system,all\nChannelType: PJSIP\nPeer: PJSIP/huge\nCause: " + huge
                + "\nPeerStatus: Unreachable\n\n");
        h.play("hold-retrieve.ami", 0);
        assertTrue(h.events.stream().anyMatch(e -> e instanceof RawEvent r && "PJSIP/huge".equals(r.fields().get("peer"))
                && r.fields().get("cause").length() == huge.length()));
        assertTrue(h.snapshot().call("1763901000.10").isPresent());
        assertEquals(1, h.links(LinkState.UP));
    }

    @Test
    void eventsTheAdapterDoesNotTranslateBecomeRawEvents() throws Exception {
        h = AmiHarness.started("");
        h.server.send("""
                Event: ContactStatus
                Privilege: system,all
                URI: sip:1001@127.0.0.1:5062
                ContactStatus: Reachable
                AOR: 1001
                EndpointName: 1001
                RoundtripUsec: 1803
                
                Event: Reload
                Privilege: system,all
                Module: res_pjsip.so
                Status: 2
                
                """);
        await().atMost(AmiHarness.WAIT).until(() -> h.events.stream()
                .anyMatch(e -> e instanceof RawEvent r && r.vendorType().equals("Reload")));
        RawEvent reload = (RawEvent) h.events.stream().filter(e -> e instanceof RawEvent r
                && r.vendorType().equals("Reload")).findFirst().orElseThrow();
        assertEquals("res_pjsip.so", reload.fields().get("module"));
    }

    @Test
    void theTranslatorSurvivesEventsWithMissingAndShuffledFields() {
        List<AmiEvent> corpus = new ArrayList<>();
        for (String t : List.of("queue-local-agent.ami", "hold-retrieve.ami", "blind-transfer.ami",
                "attended-transfer.ami", "queue-abandon.ami", "mixmonitor.ami", "same-millisecond.ami")) {
            for (String section : AmiTestServer.sections(t)) {
                corpus.addAll(AmiTestServer.parse(section));
            }
        }
        for (long seed = 1; seed <= 8; seed++) {
            Random random = new Random(seed);
            AsteriskConfig config = AsteriskConfig.from(io.callwire.core.spi.SwitchUri.parse("asterisk://u:p@127.0.0.1"));
            EventTranslator translator = new EventTranslator("fuzz", config, new LiveChannels());
            List<CtiEvent> out = new ArrayList<>();
            for (int i = 0; i < corpus.size(); i++) {
                AmiEvent e = corpus.get(random.nextInt(corpus.size()));
                Map<String, String> fields = new HashMap<>(e.fields());
                fields.keySet().removeIf(k -> random.nextInt(4) == 0);
                translator.translate(new AmiEvent(e.name(), fields, e.timestamp()), out);
            }
            for (CtiEvent e : out) {
                assertEquals("fuzz", e.switchId());
                if (e instanceof LegCreated c) {
                    assertTrue(!c.legId().isEmpty() && !c.callId().isEmpty(), c.toString());
                }
                assertTrue(!(e instanceof LinkStateChanged));
            }
        }
    }
}
