package io.callwire.adapter.asterisk;

import io.callwire.core.model.LegRole;
import io.callwire.core.model.LegState;

/**
 * What the translator knows about one Asterisk channel. Owned by the translator thread only.
 * A real channel becomes a leg once it has a role; a Local channel never does (its pair is collapsed).
 */
final class AmiChannel {
    final String uniqueid;
    final String name;
    final String device;
    final boolean local;
    /** The Local pair this half belongs to ({@code Local/1001@agents-00000003}), empty for real channels. */
    final String pairKey;
    String linkedid;
    String callerNum = "";
    String callerName = "";
    String exten = "";
    String context = "";
    String number = "";
    LegRole role;
    /** Last leg state published for this channel; null until its LegCreated. */
    LegState state;
    String queue = "";
    String recordingFile = "";
    String bridge = "";
    /** The resync round in which the channel was first seen. */
    long epoch;

    AmiChannel(String uniqueid, String name, String linkedid, long epoch) {
        this.uniqueid = uniqueid;
        this.name = name;
        this.linkedid = linkedid.isEmpty() ? uniqueid : linkedid;
        this.local = name.startsWith("Local/");
        this.pairKey = local ? stripHalf(name) : "";
        this.device = deviceOf(name);
        this.epoch = epoch;
    }

    boolean announced() {
        return state != null;
    }

    boolean originator() {
        return uniqueid.equals(linkedid);
    }

    /**
     * The device of a channel name: the technology and resource without Asterisk's sequence suffix,
     * {@code PJSIP/1001-0000002a} is {@code PJSIP/1001}, {@code Local/1001@agents-00000003;1} is {@code Local/1001@agents}.
     */
    static String deviceOf(String channelName) {
        String n = stripHalf(channelName);
        int dash = n.lastIndexOf('-');
        int slash = n.indexOf('/');
        if (dash > slash && dash > 0 && n.length() - dash - 1 >= 4 && isHex(n.substring(dash + 1))) {
            return n.substring(0, dash);
        }
        return n;
    }

    static String stripHalf(String name) {
        if (name.endsWith(";1") || name.endsWith(";2")) {
            return name.substring(0, name.length() - 2);
        }
        return name;
    }

    private static boolean isHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /** The dialled number part of a device, {@code PJSIP/1001} gives {@code 1001}. */
    static String resourceOf(String device) {
        int slash = device.indexOf('/');
        String r = slash < 0 ? device : device.substring(slash + 1);
        int at = r.indexOf('@');
        return at < 0 ? r : r.substring(0, at);
    }
}
