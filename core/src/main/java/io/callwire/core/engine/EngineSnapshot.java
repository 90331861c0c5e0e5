package io.callwire.core.engine;

import io.callwire.core.model.Agent;
import io.callwire.core.model.Call;
import io.callwire.core.model.LinkState;
import io.callwire.core.model.Queue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A consistent, immutable view of the engine's model, taken by the single writer between two ring entries.
 *
 * @param sequence ring sequence of the snapshot request: every entry before it is reflected
 * @param time     switch time (epoch ms) of the newest event or tick applied
 * @param links    link state per switch id
 * @param calls    live calls in the order they started
 * @param agents   agents seen, by id
 * @param queues   queues seen, by id
 */
public record EngineSnapshot(long sequence, long time, Map<String, LinkState> links, List<Call> calls,
                             List<Agent> agents, List<Queue> queues) {
    public EngineSnapshot {
        links = Map.copyOf(links);
        calls = List.copyOf(calls);
        agents = List.copyOf(agents);
        queues = List.copyOf(queues);
    }

    /** The live call with this library id. */
    public Optional<Call> call(String callId) {
        return calls.stream().filter(c -> c.id().equals(callId)).findFirst();
    }

    /** The agent with this id. */
    public Optional<Agent> agent(String agentId) {
        return agents.stream().filter(a -> a.id().equals(agentId)).findFirst();
    }

    /** The queue with this id. */
    public Optional<Queue> queue(String queueId) {
        return queues.stream().filter(q -> q.id().equals(queueId)).findFirst();
    }
}
