package io.callwire.recorder.recording;

import io.callwire.core.command.StartRecording;
import io.callwire.core.engine.StateContext;
import io.callwire.core.engine.StateExtension;
import io.callwire.core.event.CallEnded;
import io.callwire.core.event.CallQueued;
import io.callwire.core.event.CallStarted;
import io.callwire.core.event.CtiEvent;
import io.callwire.core.event.RecordingStarted;
import io.callwire.core.event.RecordingStopped;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Starts call recordings on the switch by policy, inside the engine's single writer
 * ({@code CtiEngine.builder().extension(new RecordingController(policy))}). The switch does the recording
 * (MixMonitor, uuid_record, CSTA/DMCC); this only asks it to, once per call, and follows the
 * RecordingStarted/RecordingStopped events. A paused call (see {@link RecordingControl#pause}) is not restarted
 * by the policy. A refused start is logged and counted; the call goes on unrecorded.
 */
public final class RecordingController implements StateExtension {
    private static final Logger log = LoggerFactory.getLogger(RecordingController.class);

    private final RecordingPolicy policy;
    /** Calls the policy already asked to record (state thread only). */
    private final Set<String> requested = new HashSet<>();
    /** Recording id per call being recorded now (state thread only). */
    private final Map<String, String> active = new HashMap<>();
    private final AtomicLong refused = new AtomicLong();

    public RecordingController(RecordingPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    @Override
    public void onEvent(CtiEvent event, StateContext context) {
        if (event instanceof CallStarted && policy.mode() == RecordingPolicy.Mode.ALL_CALLS) {
            start(event.callId(), context);
        } else if (event instanceof CallQueued q && policy.mode() == RecordingPolicy.Mode.QUEUES
                && policy.queues().contains(q.queueId())) {
            start(event.callId(), context);
        } else if (event instanceof RecordingStarted r) {
            active.put(r.callId(), r.recordingId());
            requested.add(r.callId());
        } else if (event instanceof RecordingStopped) {
            active.remove(event.callId());
        } else if (event instanceof CallEnded) {
            requested.remove(event.callId());
            active.remove(event.callId());
        }
    }

    private void start(String callId, StateContext context) {
        if (callId.isEmpty() || !requested.add(callId) || active.containsKey(callId)) {
            return;
        }
        context.send(new StartRecording(callId, policy.locationFor(callId))).whenComplete((result, error) -> {
            if (error != null) {
                refused.incrementAndGet();
                log.warn("switch did not start recording call {}: {}", callId, error.getMessage());
            }
        });
    }

    /** Start requests the switch refused or did not answer. */
    public long refused() {
        return refused.get();
    }
}
