package io.callwire.adapter.asterisk;

import io.callwire.core.event.CtiEvent;
import io.callwire.core.spi.SwitchUri;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The translator alone, for the AMI variants the transcripts do not cover. */
class EventTranslatorTest {
    private EventTranslator translator;
    private final List<CtiEvent> out = new ArrayList<>();

    @BeforeEach
    void translator() {
        translator = new EventTranslator("pbx", AsteriskConfig.from(SwitchUri.parse("asterisk://u:p@127.0.0.1")),
                new LiveChannels());
    }

    private void feed(String text) {
        for (AmiEvent e : AmiTestServer.parse(text)) {
            translator.translate(e, out);
        }
    }

    private void transcript(String name, int sections) {
        for (int i = 0; i < sections; i++) {
            feed(AmiTestServer.sections(name).get(i));
        }
        out.clear();
    }

    private List<String> described() {
        return out.stream().map(AmiHarness::describe).toList();
    }

    private static final String ATTENDED = """
            Event: AttendedTransfer
            Privilege: call,all
            Result: %s
            OrigTransfererChannel: PJSIP/1001-00000031
            OrigTransfererUniqueid: 1763903000.31
            OrigTransfererLinkedid: 1763903000.30
            OrigBridgeUniqueid: 4f506172-0030-4000-8000-000000000030
            SecondTransfererChannel: PJSIP/1001-00000032
            SecondTransfererUniqueid: 1763903015.32
            SecondTransfererLinkedid: 1763903015.32
            SecondBridgeUniqueid: 4f506172-0031-4000-8000-000000000031
            TransfereeChannel: PJSIP/provider-00000030
            TransfereeUniqueid: 1763903000.30
            TransferTargetChannel: PJSIP/1002-00000033
            TransferTargetUniqueid: 1763903015.33
            IsExternal: No
            DestType: %s
            DestApp: %s
            
            """;

    @Test
    void attendedTransferThreewayIsAConference() {
        transcript("attended-transfer.ami", 1);
        feed(ATTENDED.formatted("Success", "Threeway", ""));
        assertEquals(List.of("CallConferenced call=1763903000.30 old=[1763903015.32] parties=[PJSIP/provider, "
                + "PJSIP/1001, PJSIP/1002]"), described());
    }

    @Test
    void attendedTransferToAnApplicationAndALinkAreTransfers() {
        transcript("attended-transfer.ami", 1);
        feed(ATTENDED.formatted("Success", "App", "Park"));
        assertEquals(List.of("CallTransferred call=1763903000.30 ATTENDED by=PJSIP/1001 to=Park old=[1763903015.32]"),
                described());
        translator();
        transcript("attended-transfer.ami", 1);
        feed(ATTENDED.formatted("Success", "Link", ""));
        assertEquals(List.of("CallTransferred call=1763903000.30 ATTENDED by=PJSIP/1001 to=PJSIP/1002 "
                + "old=[1763903015.32]"), described());
    }

    @Test
    void aFailedTransferIsPassedThroughRaw() {
        transcript("attended-transfer.ami", 1);
        feed(ATTENDED.formatted("Fail", "Fail", ""));
        assertEquals(List.of("RawEvent AttendedTransfer"), described());
    }

    @Test
    void aParkedCallIsHeldAndAThirdPartyInABridgeIsAConference() {
        transcript("hold-retrieve.ami", 2);
        feed("""
                Event: BridgeEnter
                Privilege: call,all
                BridgeUniqueid: 8a9b0c1d-park-4000-8000-000000000001
                BridgeType: parking
                BridgeTechnology: holding_bridge
                BridgeNumChannels: 1
                Channel: PJSIP/1002-00000011
                Uniqueid: 1763901000.11
                Linkedid: 1763901000.10
                
                Event: BridgeLeave
                Privilege: call,all
                BridgeUniqueid: 8a9b0c1d-park-4000-8000-000000000001
                BridgeType: parking
                BridgeTechnology: holding_bridge
                BridgeNumChannels: 0
                Channel: PJSIP/1002-00000011
                Uniqueid: 1763901000.11
                Linkedid: 1763901000.10
                
                Event: BridgeEnter
                Privilege: call,all
                BridgeUniqueid: 2d3e4f50-0010-4000-8000-000000000010
                BridgeType: basic
                BridgeTechnology: simple_bridge
                BridgeNumChannels: 2
                Channel: PJSIP/1002-00000011
                Uniqueid: 1763901000.11
                Linkedid: 1763901000.10
                
                Event: Newchannel
                Privilege: call,all
                Channel: PJSIP/1003-00000012
                ChannelState: 4
                ChannelStateDesc: Ring
                CallerIDNum: 1003
                Context: from-internal
                Exten: 1001
                Uniqueid: 1763901030.12
                Linkedid: 1763901030.12
                
                Event: BridgeEnter
                Privilege: call,all
                BridgeUniqueid: 2d3e4f50-0010-4000-8000-000000000010
                BridgeType: basic
                BridgeTechnology: simple_bridge
                BridgeNumChannels: 3
                Channel: PJSIP/1003-00000012
                Uniqueid: 1763901030.12
                Linkedid: 1763901030.12
                
                """);
        assertEquals(List.of(
                "LegHeld leg=1763901000.11",
                "LegRetrieved leg=1763901000.11",
                "CallStarted call=1763901030.12 INTERNAL ani=1003 dnis=1001",
                "LegCreated leg=1763901030.12 CALLER INITIATED STATION PJSIP/1003 1003",
                "LegConnected leg=1763901030.12",
                "CallConferenced call=1763901000.10 old=[1763901030.12] parties=[PJSIP/1001, PJSIP/1002, PJSIP/1003]"),
                described());
    }

    @Test
    void aForwardedDialIsADiversion() {
        feed(AmiTestServer.sections("hold-retrieve.ami").get(0).split("Event: Newstate")[0]);
        out.clear();
        feed("""
                Event: DialEnd
                Privilege: call,all
                Channel: PJSIP/1001-00000010
                Uniqueid: 1763901000.10
                Linkedid: 1763901000.10
                DestChannel: PJSIP/1002-00000011
                DestUniqueid: 1763901000.11
                DestLinkedid: 1763901000.10
                DialStatus: CANCEL
                Forward: PJSIP/1009
                
                """);
        assertEquals(List.of("CallDiverted leg=1763901000.11 PJSIP/1002->PJSIP/1009"), described());
    }
}
