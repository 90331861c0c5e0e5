package io.callwire.core.engine;

import io.callwire.core.event.AgentStateChanged;
import io.callwire.core.event.CallAbandoned;
import io.callwire.core.event.CallConferenced;
import io.callwire.core.event.CallAliased;
import io.callwire.core.event.CallDataChanged;
import io.callwire.core.event.CallDiverted;
import io.callwire.core.event.CallEnded;
import io.callwire.core.event.CallQueued;
import io.callwire.core.event.CallStarted;
import io.callwire.core.event.CallTransferred;
import io.callwire.core.event.CtiEvent;
import io.callwire.core.event.Envelope;
import io.callwire.core.event.LegAlerting;
import io.callwire.core.event.LegCleared;
import io.callwire.core.event.LegConnected;
import io.callwire.core.event.LegCreated;
import io.callwire.core.event.LegFailed;
import io.callwire.core.event.LegHeld;
import io.callwire.core.event.LegRetrieved;
import io.callwire.core.event.LinkStateChanged;
import io.callwire.core.model.Agent;
import io.callwire.core.model.Call;
import io.callwire.core.model.IllegalLegTransitionException;
import io.callwire.core.model.LegRole;
import io.callwire.core.model.LegState;
import io.callwire.core.model.LinkState;
import io.callwire.core.model.Queue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Keeps the call model current from normalized events: correlates legs into calls, merges calls the switch
 * reports as transferred or conferenced, and ends a call when its last leg is gone. Single-threaded by
 * design: only the engine's state handler calls it. Its only clock is the events' timestamps.
 */
final class CallTracker {
    private static final Logger log = LoggerFactory.getLogger(CallTracker.class);

    private final EngineCounters counters;
    private final Map<String, TrackedCall> calls = new LinkedHashMap<>();
    private final Map<String, SwitchIndex> indexes = new HashMap<>();
    private final Map<String, Agent> agents = new TreeMap<>();
    private final Map<String, TrackedQueue> queues = new TreeMap<>();
    private final Map<String, LinkState> links = new TreeMap<>();
    private long now;

    CallTracker(EngineCounters counters) {
        this.counters = counters;
    }

    long now() {
        return now;
    }

    TrackedCall call(String callId) {
        return calls.get(callId);
    }

    Agent agent(String agentId) {
        return agents.get(agentId);
    }

    LinkState link(String switchId) {
        return links.get(switchId);
    }

    /**
     * Applies one event to the model.
     *
     * @param derived receives events the model derives from this one (e.g. CallEnded after the last clear)
     * @return the event to dispatch, with the library call id in its envelope, or null to suppress a duplicate
     */
    CtiEvent apply(CtiEvent event, List<CtiEvent> derived) {
        Envelope env = event.envelope();
        now = Math.max(now, env.timestamp());
        String sw = env.switchId();
        if (event instanceof LinkStateChanged e) {
            links.put(sw, e.state());
            return event;
        }
        if (event instanceof AgentStateChanged e) {
            agents.put(e.agentId(), new Agent(e.agentId(), sw, env.deviceId(), e.state(), nonNull(e.reason()),
                    env.timestamp()));
            return event;
        }
        if (env.callId().isEmpty()) {
            return event;
        }
        if (event instanceof CallEnded) {
            return endReported(event, sw);
        }
        TrackedCall call = index(sw).byAlias.get(env.callId());
        if (event instanceof CallTransferred e) {
            call = merge(call, sw, env.callId(), e.oldCallIds(), env, derived);
        } else if (event instanceof CallConferenced e) {
            call = merge(call, sw, env.callId(), e.oldCallIds(), env, derived);
        } else if (call == null) {
            if (!opensCall(event)) {
                return untracked(event, sw, env.callId());
            }
            call = open(sw, env.callId(), env.timestamp());
        }
        if (call == null) {
            return untracked(event, sw, env.callId());
        }
        applyToCall(event, call, env, derived);
        return call.id.equals(env.callId()) ? event : event.withEnvelope(env.withCallId(call.id));
    }

    private void applyToCall(CtiEvent event, TrackedCall call, Envelope env, List<CtiEvent> derived) {
        if (event instanceof CallStarted e) {
            call.direction = e.direction();
            call.ani = nonNull(e.ani());
            call.dnis = nonNull(e.dnis());
            TrackedCall parent = e.parentCallId() == null || e.parentCallId().isEmpty()
                    ? null : index(env.switchId()).byAlias.get(e.parentCallId());
            call.parentCallId = parent != null ? parent.id : nonNull(e.parentCallId());
        } else if (event instanceof LegCreated e) {
            TrackedLeg leg = index(env.switchId()).legs.get(env.legId());
            if (leg == null) {
                leg = newLeg(call, env, e.role());
                move(leg, e.initialState(), env, "", derived);
            } else if (leg.role == LegRole.UNKNOWN) {
                leg.role = e.role();
            }
        } else if (event instanceof LegAlerting) {
            moveLeg(call, env, LegState.ALERTING, "", derived);
        } else if (event instanceof CallQueued e) {
            call.queueId = e.queueId();
            TrackedLeg leg = moveLeg(call, env, LegState.QUEUED, "", derived);
            if (leg != null && leg.state == LegState.QUEUED && leg.queueId.isEmpty()) {
                leg.queueId = e.queueId();
                queues.computeIfAbsent(e.queueId(), id -> new TrackedQueue(id, env.switchId()))
                        .waitingSince.putIfAbsent(call.id, env.timestamp());
            }
        } else if (event instanceof LegConnected || event instanceof LegRetrieved) {
            moveLeg(call, env, LegState.CONNECTED, "", derived);
        } else if (event instanceof LegHeld) {
            moveLeg(call, env, LegState.HELD, "", derived);
        } else if (event instanceof LegFailed e) {
            moveLeg(call, env, LegState.FAILED, nonNull(e.cause()), derived);
        } else if (event instanceof LegCleared e) {
            moveLeg(call, env, LegState.CLEARED, nonNull(e.cause()), derived);
        } else if (event instanceof CallAliased e) {
            TrackedCall owner = index(env.switchId()).byAlias.get(e.alias());
            if (!e.alias().isEmpty() && (owner == null || owner == call)) {
                alias(call, e.alias());
            }
        } else if (event instanceof CallDataChanged e) {
            e.data().forEach((k, v) -> {
                if (v.isEmpty()) {
                    call.data.remove(k);
                } else {
                    call.data.put(k, v);
                }
            });
        } else if (event instanceof CallDiverted e) {
            TrackedLeg leg = index(env.switchId()).legs.get(env.legId());
            if (leg != null && !nonNull(e.toDeviceId()).isEmpty()) {
                leg.deviceId = e.toDeviceId();
            }
        } else if (event instanceof CallAbandoned e) {
            TrackedQueue queue = queues.get(e.queueId());
            if (queue != null) {
                queue.waitingSince.remove(call.id);
            }
        }
    }

    private static boolean opensCall(CtiEvent event) {
        return event instanceof CallStarted || event instanceof LegCreated || event instanceof LegAlerting
                || event instanceof CallQueued || event instanceof LegConnected;
    }

    private TrackedCall open(String sw, String nativeId, long ts) {
        String id = calls.containsKey(nativeId) ? sw + "/" + nativeId : nativeId;
        TrackedCall call = new TrackedCall(id, sw, ts);
        calls.put(id, call);
        alias(call, nativeId);
        index(sw).recentlyEnded.remove(nativeId);
        return call;
    }

    private void alias(TrackedCall call, String nativeId) {
        call.aliases.add(nativeId);
        index(call.switchId).byAlias.put(nativeId, call);
    }

    private TrackedLeg newLeg(TrackedCall call, Envelope env, LegRole role) {
        TrackedLeg leg = new TrackedLeg(env.legId(), call, env.deviceId(), role, env.timestamp());
        call.legs.put(leg.id, leg);
        index(env.switchId()).legs.put(leg.id, leg);
        return leg;
    }

    /** Moves the event's leg, creating it when a live state names an unknown leg. Returns the leg or null. */
    private TrackedLeg moveLeg(TrackedCall call, Envelope env, LegState target, String cause, List<CtiEvent> derived) {
        if (env.legId().isEmpty()) {
            return null;
        }
        TrackedLeg leg = index(env.switchId()).legs.get(env.legId());
        if (leg == null) {
            if (target.isTerminal()) {
                counters.untrackedEvents++;
                log.debug("{} for unknown leg {} of call {}", target, env.legId(), call.id);
                return null;
            }
            leg = newLeg(call, env, LegRole.UNKNOWN);
        }
        move(leg, target, env, cause, derived);
        return leg;
    }

    private void move(TrackedLeg leg, LegState target, Envelope env, String cause, List<CtiEvent> derived) {
        LegState from = leg.state;
        try {
            from.moveTo(target, leg.call.id, leg.id);
        } catch (IllegalLegTransitionException e) {
            counters.illegalTransitions++;
            log.warn("{} (event seq {} from switch {}); leg state kept", e.getMessage(), env.sequence(), env.switchId());
            return;
        }
        if (from == target) {
            return;
        }
        if (from == LegState.QUEUED) {
            leaveQueue(leg);
        }
        leg.state = target;
        leg.since = env.timestamp();
        if (target.isTerminal()) {
            leg.cause = cause;
            TrackedCall call = leg.call;
            if (call.allLegsTerminal()) {
                end(call);
                derived.add(new CallEnded(new Envelope(env.sequence(), call.switchId, env.timestamp(), call.id, "", "",
                        env.synthetic(), null), cause));
            }
        }
    }

    private void leaveQueue(TrackedLeg leg) {
        TrackedQueue queue = queues.get(leg.queueId);
        if (queue != null) {
            queue.waitingSince.remove(leg.call.id);
        }
        leg.queueId = "";
    }

    /** Folds the old calls into the surviving one; the survivor keeps its library id. */
    private TrackedCall merge(TrackedCall survivor, String sw, String newId, List<String> oldIds, Envelope env,
                              List<CtiEvent> derived) {
        List<TrackedCall> olds = new ArrayList<>();
        for (String oldId : oldIds) {
            TrackedCall old = index(sw).byAlias.get(oldId);
            if (old != null && old != survivor && !olds.contains(old)) {
                olds.add(old);
            }
        }
        if (survivor == null) {
            if (olds.isEmpty()) {
                return null;
            }
            survivor = olds.remove(0);
            alias(survivor, newId);
        }
        for (TrackedCall old : olds) {
            calls.remove(old.id);
            for (String alias : old.aliases) {
                alias(survivor, alias);
            }
            for (TrackedLeg leg : old.legs.values()) {
                if (leg.state == LegState.QUEUED) {
                    leaveQueue(leg);
                }
                leg.call = survivor;
                survivor.legs.put(leg.id, leg);
            }
            old.data.forEach(survivor.data::putIfAbsent);
        }
        if (survivor.allLegsTerminal()) {
            end(survivor);
            derived.add(new CallEnded(new Envelope(env.sequence(), sw, env.timestamp(), survivor.id, "", "",
                    env.synthetic(), null), "transferred"));
        }
        return survivor;
    }

    private CtiEvent endReported(CtiEvent event, String sw) {
        Envelope env = event.envelope();
        SwitchIndex index = index(sw);
        TrackedCall call = index.byAlias.get(env.callId());
        if (call == null) {
            if (index.recentlyEnded.containsKey(env.callId())) {
                counters.duplicateEvents++;
                return null;
            }
            return untracked(event, sw, env.callId());
        }
        String cause = ((CallEnded) event).cause();
        for (TrackedLeg leg : call.legs.values()) {
            if (!leg.state.isTerminal()) {
                if (leg.state == LegState.QUEUED) {
                    leaveQueue(leg);
                }
                leg.state = LegState.CLEARED;
                leg.cause = nonNull(cause);
                leg.since = env.timestamp();
            }
        }
        end(call);
        return call.id.equals(env.callId()) ? event : event.withEnvelope(env.withCallId(call.id));
    }

    private void end(TrackedCall call) {
        calls.remove(call.id);
        SwitchIndex index = index(call.switchId);
        for (String alias : call.aliases) {
            index.byAlias.remove(alias);
            index.recentlyEnded.put(alias, Boolean.TRUE);
        }
        for (TrackedLeg leg : call.legs.values()) {
            index.legs.remove(leg.id);
        }
        for (TrackedQueue queue : queues.values()) {
            queue.waitingSince.remove(call.id);
        }
    }

    private CtiEvent untracked(CtiEvent event, String sw, String callId) {
        if (!index(sw).recentlyEnded.containsKey(callId)) {
            counters.untrackedEvents++;
            log.debug("{} for unknown call {} on {}", event.getClass().getSimpleName(), callId, sw);
        }
        return event;
    }

    EngineSnapshot snapshot(long sequence) {
        List<Call> callViews = new ArrayList<>(calls.size());
        for (TrackedCall call : calls.values()) {
            callViews.add(call.view());
        }
        List<Queue> queueViews = new ArrayList<>(queues.size());
        for (TrackedQueue queue : queues.values()) {
            queueViews.add(queue.view());
        }
        return new EngineSnapshot(sequence, now, links, callViews, new ArrayList<>(agents.values()), queueViews);
    }

    private SwitchIndex index(String switchId) {
        return indexes.computeIfAbsent(switchId, id -> new SwitchIndex());
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
