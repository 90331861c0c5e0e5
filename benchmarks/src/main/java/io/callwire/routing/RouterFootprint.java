package io.callwire.routing;

import io.callwire.core.event.AgentStateChanged;
import io.callwire.core.event.CallQueued;
import io.callwire.core.event.Envelope;
import io.callwire.core.model.AgentState;

import java.util.Arrays;

/**
 * A router at the routing benchmarks' scale ({@link RoutingWorld}) for the heap footprint: what the router holds
 * for its agents and for waiting tasks. Lives in the routing package to reach the benchmark world.
 */
public final class RouterFootprint {
    private final RoutingWorld world;
    private final BenchContext context;
    private long calls;

    /** Builds the world (queues and agent profiles, the host's configuration) without a router yet. */
    private RouterFootprint(int agents) {
        this.world = new RoutingWorld(agents, 42);
        this.context = null;
    }

    private RouterFootprint(RoutingWorld world) {
        this.world = world;
        this.context = new BenchContext(new Router(world.queues, Arrays.asList(world.agents)));
    }

    /** The configuration of {@code agents} agents and the 1,000 queues, held by the caller while measuring. */
    public static Object configuration(int agents) {
        return new RouterFootprint(agents);
    }

    /** A router over a configuration from {@link #configuration}, every agent READY (all in the pool). */
    public static RouterFootprint readyRouter(Object configuration) {
        RouterFootprint f = new RouterFootprint(((RouterFootprint) configuration).world);
        for (int i = 0; i < f.world.agents.length; i++) {
            f.context.feed(new AgentStateChanged(Envelope.of("bench", f.context.now, "", "", f.world.agents[i].station()),
                    f.world.agents[i].id(), AgentState.READY, ""));
        }
        return f;
    }

    /** Makes every agent NOT_READY, so tasks queued afterwards wait. */
    public void allNotReady() {
        for (int i = 0; i < world.agents.length; i++) {
            context.feed(new AgentStateChanged(Envelope.of("bench", context.now, "", "", world.agents[i].station()),
                    world.agents[i].id(), AgentState.NOT_READY, ""));
        }
    }

    /** Queues {@code tasks} calls spread over the queues agents serve; they all wait. */
    public void queue(int tasks) {
        for (int t = 0; t < tasks; t++) {
            int q = world.servableQueues[(int) (calls % world.servableQueues.length)];
            String call = "c" + (++calls);
            context.now++;
            context.feed(new CallQueued(Envelope.of("bench", context.now, call, call + "-caller", RoutingWorld.queueId(q)),
                    RoutingWorld.queueId(q)));
        }
    }
}
