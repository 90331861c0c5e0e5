package io.callwire.routing;

import io.callwire.core.model.Channel;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * How much work an agent holds at once: a maximum per channel (e.g. 1 voice, 4 chats) and which channels may
 * be held together. A channel outside {@code mixable} is exclusive: while an agent holds work of it, it takes
 * nothing else, and while it holds anything else, it takes none of it.
 *
 * @param max     tasks at once per channel; a channel not named takes none
 * @param mixable channels that may be held at the same time as each other
 */
public record Capacity(Map<Channel, Integer> max, Set<Channel> mixable) {
    /** One task at a time, of any channel: the classic single-channel agent. */
    public static final Capacity ONE_AT_A_TIME = new Capacity(
            Map.of(Channel.VOICE, 1, Channel.CHAT, 1, Channel.EMAIL, 1, Channel.WORK_ITEM, 1), Set.of());

    public Capacity {
        EnumMap<Channel, Integer> copy = new EnumMap<>(Channel.class);
        max.forEach((channel, n) -> {
            if (n < 0) {
                throw new IllegalArgumentException("capacity of " + channel + " must not be negative");
            }
            copy.put(channel, n);
        });
        max = Collections.unmodifiableMap(copy);
        mixable = mixable.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(mixable));
    }

    /** The maximum for one channel. */
    public int of(Channel channel) {
        return max.getOrDefault(channel, 0);
    }

    /** The maximum per channel ordinal, for the router's per-agent copy. */
    int[] limitsByOrdinal() {
        int[] limits = new int[CHANNELS.length];
        for (Channel channel : CHANNELS) {
            limits[channel.ordinal()] = of(channel);
        }
        return limits;
    }

    /** Whether each channel (by ordinal) may be held together with the other mixable ones. */
    boolean[] mixableByOrdinal() {
        boolean[] mixes = new boolean[CHANNELS.length];
        for (Channel channel : mixable) {
            mixes[channel.ordinal()] = true;
        }
        return mixes;
    }

    static final Channel[] CHANNELS = Channel.values();
}
