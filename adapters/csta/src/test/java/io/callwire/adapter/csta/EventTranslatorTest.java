package io.callwire.adapter.csta;

import io.callwire.core.event.CallTransferred;
import io.callwire.core.event.CtiEvent;
import io.callwire.core.event.LegCleared;
import io.callwire.core.event.RawEvent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static io.callwire.adapter.csta.XmlElement.leaf;
import static io.callwire.adapter.csta.XmlElement.of;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** Edge cases of the translation on their own: repeated renames, a kept call id, repeated reports, unknown calls. */
class EventTranslatorTest {
    private final CallBook book = new CallBook();
    private final EventTranslator translator = new EventTranslator("aes", Set.of("1001", "1002", "1003"), book);
    private final List<CtiEvent> out = new ArrayList<>();

    private List<String> play(XmlElement... events) {
        int from = out.size();
        for (XmlElement e : events) {
            translator.translate(e, null, 1_000, out::add);
        }
        return out.subList(from, out.size()).stream().map(CstaHarness::line).toList();
    }

    @Test
    void aCallRenamedTwiceKeepsItsLibraryIdAndLegIdsAndCommandsUseTheNewestId() {
        play(established("101", "1001", "+49301"));
        play(consult("101", "102", "1001", "1002"));
        play(transfer("101", "102", "1001", "103", List.of("+49301", "1002")));
        play(consult("103", "104", "1002", "1003"));
        List<String> second = play(transfer("103", "104", "1002", "105", List.of("+49301", "1003")));
        assertEquals(List.of("CallTransferred 105 [103, 104] ATTENDED 1002>1003",
                "LegCleared 105 102:1002 transferred", "LegCleared 105 104:1002 transferred"), second);
        CallBook.BookCall call = book.call("105").orElseThrow();
        assertEquals("101", call.libraryId);
        assertEquals("105", call.nativeId);
        assertEquals(Set.of("101", "102", "103", "104", "105"), call.aliases);
        assertEquals("101:+49301", call.liveOf("+49301").orElseThrow().legId);
        assertEquals("104:1003", call.liveOf("1003").orElseThrow().legId);
        assertEquals(call, book.callForCommand("101").orElseThrow());
        assertEquals(call, book.callForCommand("aes/101").orElseThrow());
    }

    @Test
    void aTransferThatKeepsThePrimaryCallIdNamesOnlyTheConsultationAsOld() {
        play(established("101", "1001", "+49301"));
        play(consult("101", "102", "1001", "1002"));
        List<String> lines = play(transfer("101", "102", "1001", "101", List.of("+49301", "1002")));
        assertEquals("CallTransferred 101 [102] ATTENDED 1001>1002", lines.get(0));
        assertEquals("101:+49301", book.call("102").orElseThrow().liveOf("+49301").orElseThrow().legId);
    }

    @Test
    void aTransferReportedByEveryMonitorIsAppliedOnce() {
        play(established("101", "1001", "+49301"));
        play(consult("101", "102", "1001", "1002"));
        XmlElement t = transfer("101", "102", "1001", "103", List.of("+49301", "1002"));
        play(t);
        long before = translator.duplicates();
        assertEquals(List.of(), play(t, t));
        assertEquals(before + 2, translator.duplicates());
        assertEquals(1, out.stream().filter(CallTransferred.class::isInstance).count());
        assertEquals(2, out.stream().filter(LegCleared.class::isInstance).count());
    }

    @Test
    void anOutboundCallReachesTheNetworkAndIsAnsweredOutside() {
        List<String> lines = play(
                of("ServiceInitiatedEvent", conn("initiatedConnection", "201", "1001"), dev("initiatingDevice", "1001"),
                        leaf("cause", "newCall")),
                of("OriginatedEvent", conn("originatedConnection", "201", "1001"), dev("callingDevice", "1001"),
                        dev("calledDevice", "004930999"), leaf("cause", "newCall")),
                of("NetworkReachedEvent", conn("outboundConnection", "201", "T101#1"), dev("networkInterfaceUsed", "T101#1"),
                        dev("callingDevice", "1001"), dev("calledDevice", "004930999"), leaf("cause", "normal")),
                of("EstablishedEvent", conn("establishedConnection", "201", "T101#1"), dev("answeringDevice", "004930999"),
                        dev("callingDevice", "1001"), dev("calledDevice", "004930999")),
                of("ConnectionClearedEvent", conn("droppedConnection", "201", "T101#1"), dev("releasingDevice", "004930999"),
                        leaf("cause", "normalClearing")),
                of("ConnectionClearedEvent", conn("droppedConnection", "201", "1001"), dev("releasingDevice", "1001"),
                        leaf("cause", "normalClearing")));
        assertEquals(List.of(
                "LegCreated 201 201:1001 CALLER INITIATED STATION",
                "CallStarted 201 OUTBOUND 1001>004930999",
                "LegCreated 201 201:T101#1 CALLED INITIATED EXTERNAL",
                "LegConnected 201 201:T101#1",
                "LegConnected 201 201:1001",
                "LegCleared 201 201:T101#1 normalClearing",
                "LegCleared 201 201:1001 normalClearing"), lines);
        assertEquals(Set.of(), Set.copyOf(book.calls()));
    }

    @Test
    void aDiversionFromAQueueDeviceIsReportedOnceWithoutALeg() {
        play(of("QueuedEvent", conn("queuedConnection", "301", "5000"), dev("queue", "5000"), dev("callingDevice", "+49301"),
                dev("calledDevice", "5000")));
        XmlElement diverted = of("DivertedEvent", conn("connection", "301", "5000"), dev("divertingDevice", "5000"),
                dev("newDestination", "1001"), leaf("cause", "distributed"));
        assertEquals(List.of("CallDiverted 301  5000>1001"), play(diverted));
        assertEquals(List.of(), play(diverted));
    }

    @Test
    void eventsOfCallsNeverSeenStartingPassThroughAsRawEvents() {
        List<String> lines = play(of("HeldEvent", conn("heldConnection", "555", "1001"), dev("holdingDevice", "1001")));
        assertEquals(List.of("RawEvent HeldEvent"), lines);
        RawEvent raw = assertInstanceOf(RawEvent.class, out.get(0));
        assertEquals("555", raw.callId());
        assertEquals("1001", raw.fields().get("heldConnection/deviceID"));
    }

    private static XmlElement established(String call, String station, String caller) {
        return of("EstablishedEvent", conn("establishedConnection", call, station), dev("answeringDevice", station),
                dev("callingDevice", caller), dev("calledDevice", station), leaf("cause", "newCall"));
    }

    private static XmlElement[] consultEvents(String held, String consult, String station, String dest) {
        return new XmlElement[]{
                of("HeldEvent", conn("heldConnection", held, station), dev("holdingDevice", station)),
                of("OriginatedEvent", conn("originatedConnection", consult, station), dev("callingDevice", station),
                        dev("calledDevice", dest), leaf("cause", "consultation")),
                of("EstablishedEvent", conn("establishedConnection", consult, dest), dev("answeringDevice", dest),
                        dev("callingDevice", station), dev("calledDevice", dest))};
    }

    private XmlElement[] consult(String held, String consult, String station, String dest) {
        return consultEvents(held, consult, station, dest);
    }

    private static XmlElement transfer(String primary, String secondary, String transferring, String next, List<String> parties) {
        List<XmlElement> items = new ArrayList<>();
        for (int i = 0; i < parties.size(); i++) {
            String old = i == 0 ? primary : secondary;
            items.add(of("connectionListItem", conn("newConnection", next, parties.get(i)),
                    conn("oldConnection", old, parties.get(i)), dev("endpoint", parties.get(i))));
        }
        return of("TransferedEvent", conn("primaryOldCall", primary, transferring), conn("secondaryOldCall", secondary, transferring),
                dev("transferringDevice", transferring), dev("transferredToDevice", parties.get(parties.size() - 1)),
                of("transferredConnections", items), leaf("cause", "transfer"));
    }

    private static XmlElement conn(String name, String call, String device) {
        return of(name, leaf("callID", call), leaf("deviceID", device));
    }

    private static XmlElement dev(String name, String device) {
        return of(name, leaf("deviceIdentifier", device));
    }
}
