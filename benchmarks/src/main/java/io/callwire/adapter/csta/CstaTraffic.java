package io.callwire.adapter.csta;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * CSTA (ECMA-323 edition 3) event frames as a switch sends them to a monitoring application, framed by the
 * adapter's own encoder (8-byte header): an outside caller reaches monitored station 1001 through the trunk,
 * the station rings, answers, holds and retrieves the call, and the caller hangs up (Delivered, Established,
 * Held, Retrieved, ConnectionCleared, CallCleared), every call with ids of its own.
 */
final class CstaTraffic {
    /** How many frames {@link #bytes} writes per call. */
    static final int EVENTS_PER_CALL = 7;
    static final String STATION = "1001";

    private CstaTraffic() {
    }

    static byte[] bytes(int calls) {
        List<String> documents = new ArrayList<>();
        for (int n = 0; n < calls; n++) {
            call(n, documents);
        }
        EmbeddedChannel encoder = new EmbeddedChannel(new CstaFrameEncoder(65_535));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String xml : documents) {
            encoder.writeOutbound(new CstaFrame(9999, xml));
            ByteBuf frame = encoder.readOutbound();
            byte[] bytes = new byte[frame.readableBytes()];
            frame.readBytes(bytes);
            frame.release();
            out.writeBytes(bytes);
        }
        encoder.finishAndReleaseAll();
        return out.toByteArray();
    }

    private static void call(int n, List<String> out) {
        String call = String.format(Locale.ROOT, "%d", 40_000 + n);
        String caller = "+4930" + (1_000_000 + n);
        out.add(event("DeliveredEvent", conn("connection", call, STATION) + dev("alertingDevice", STATION)
                + dev("callingDevice", caller) + dev("calledDevice", STATION) + dev("lastRedirectionDevice", "")
                + "<localConnectionInfo>alerting</localConnectionInfo><cause>newCall</cause>"));
        out.add(event("EstablishedEvent", conn("establishedConnection", call, STATION)
                + dev("answeringDevice", STATION) + dev("callingDevice", caller) + dev("calledDevice", STATION)
                + dev("lastRedirectionDevice", "")
                + "<localConnectionInfo>connected</localConnectionInfo><cause>newCall</cause>"));
        out.add(event("HeldEvent", conn("heldConnection", call, STATION) + dev("holdingDevice", STATION)
                + "<localConnectionInfo>hold</localConnectionInfo><cause>normal</cause>"));
        out.add(event("RetrievedEvent", conn("retrievedConnection", call, STATION) + dev("retrievingDevice", STATION)
                + "<localConnectionInfo>connected</localConnectionInfo><cause>normal</cause>"));
        out.add(event("ConnectionClearedEvent", conn("droppedConnection", call, caller) + dev("releasingDevice", caller)
                + "<localConnectionInfo>connected</localConnectionInfo><cause>normalClearing</cause>"));
        out.add(event("ConnectionClearedEvent", conn("droppedConnection", call, STATION)
                + dev("releasingDevice", STATION)
                + "<localConnectionInfo>null</localConnectionInfo><cause>normalClearing</cause>"));
        out.add(event("CallClearedEvent", "<clearedCall><callID>" + call + "</callID></clearedCall>"
                + "<cause>normalClearing</cause>"));
    }

    private static String event(String name, String body) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><" + name + " xmlns=\"" + XmlCodec.CSTA_NS + "\">"
                + "<monitorCrossRefID>1</monitorCrossRefID>" + body + "</" + name + ">";
    }

    private static String conn(String name, String call, String device) {
        return "<" + name + "><callID>" + call + "</callID><deviceID>" + device + "</deviceID></" + name + ">";
    }

    private static String dev(String name, String device) {
        return "<" + name + "><deviceIdentifier>" + device + "</deviceIdentifier></" + name + ">";
    }
}
