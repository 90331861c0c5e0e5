package io.callwire.core.command;

import io.callwire.core.model.Channel;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Puts a piece of work into a routed queue.
 *
 * @param taskId     the host's id for the task, unique among live tasks
 * @param queueId    routed queue
 * @param channel    medium; agents need free capacity on it
 * @param priority   base priority (higher first), like a call's
 * @param dial       for VOICE work: the number to call from the agent's station once the agent accepts
 *                   (a callback or an outbound follow-up); empty for other channels
 * @param notBefore  engine time (epoch ms) before which the task is not offered (a scheduled follow-up); 0 = now
 * @param replacesCallId a queued call whose place in line the task takes (a callback instead of waiting:
 *                   the caller keeps its position); empty for none
 * @param data       attached data, visible to requirements, priorities and scorers
 */
public record SubmitTask(String taskId, String queueId, Channel channel, int priority, String dial, long notBefore,
                         String replacesCallId, Map<String, String> data) implements TaskCommand {
    public SubmitTask {
        Require.id(taskId, "taskId");
        Require.id(queueId, "queueId");
        Objects.requireNonNull(channel, "channel");
        dial = Require.orEmpty(dial);
        replacesCallId = Require.orEmpty(replacesCallId);
        if (notBefore < 0) {
            throw new IllegalArgumentException("notBefore must not be negative");
        }
        data = Collections.unmodifiableMap(new TreeMap<>(data == null ? Map.of() : data));
    }

    /** A task offered at once, with no number to dial and no call to replace. */
    public SubmitTask(String taskId, String queueId, Channel channel, Map<String, String> data) {
        this(taskId, queueId, channel, 0, "", 0, "", data);
    }
}
