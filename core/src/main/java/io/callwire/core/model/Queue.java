package io.callwire.core.model;

import java.util.List;

/**
 * Immutable view of one queue (ACD group, hunt group, split) as calls report it.
 *
 * @param id                 queue id
 * @param switchId           switch the queue lives on
 * @param waitingCallIds     calls waiting now, oldest first
 * @param oldestWaitingSince switch time (epoch ms) the oldest waiting call joined, 0 when none waits
 */
public record Queue(String id, String switchId, List<String> waitingCallIds, long oldestWaitingSince) {
    public Queue {
        waitingCallIds = List.copyOf(waitingCallIds);
    }
}
