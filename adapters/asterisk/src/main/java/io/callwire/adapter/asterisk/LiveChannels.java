package io.callwire.adapter.asterisk;

import io.callwire.core.model.LegRole;
import io.callwire.core.model.LegState;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A read-only view of the real channels and queue memberships, written by the translator thread and read by
 * the command path, which needs channel names for AMI actions while the engine speaks of calls and legs.
 */
final class LiveChannels {

    /** One real channel: its AMI name, the library call id it belongs to, its device, role and last state. */
    record LiveChannel(String uniqueid, String name, String callId, String device, LegRole role, LegState state,
                       long seq) {
    }

    private final Map<String, LiveChannel> channels = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> agentQueues = new ConcurrentHashMap<>();
    private long seq;

    void put(AmiChannel ch, String callId) {
        LiveChannel old = channels.get(ch.uniqueid);
        channels.put(ch.uniqueid, new LiveChannel(ch.uniqueid, ch.name, callId, ch.device,
                ch.role == null ? LegRole.UNKNOWN : ch.role, ch.state, old != null ? old.seq : ++seq));
    }

    void remove(String uniqueid) {
        channels.remove(uniqueid);
    }

    void queues(String agentId, Set<String> queues) {
        if (queues.isEmpty()) {
            agentQueues.remove(agentId);
        } else {
            agentQueues.put(agentId, Set.copyOf(queues));
        }
    }

    Optional<LiveChannel> leg(String legId) {
        return Optional.ofNullable(channels.get(legId));
    }

    /** The live channels of a call, oldest first. */
    List<LiveChannel> ofCall(String callId) {
        return channels.values().stream().filter(c -> c.callId().equals(callId))
                .filter(c -> c.state() == null || !c.state().isTerminal())
                .sorted(Comparator.comparingLong(LiveChannel::seq)).toList();
    }

    Set<String> queuesOf(String agentId) {
        return agentQueues.getOrDefault(agentId, Set.of());
    }
}
