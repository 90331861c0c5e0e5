package io.callwire.recorder.recording;

import io.callwire.core.engine.CtiListener;
import io.callwire.core.engine.ModelReplay;
import io.callwire.core.event.AgentStateChanged;
import io.callwire.core.event.CallEnded;
import io.callwire.core.event.CallQueued;
import io.callwire.core.event.CallStarted;
import io.callwire.core.event.CtiEvent;
import io.callwire.core.event.LegCreated;
import io.callwire.core.event.RecordingStarted;
import io.callwire.core.event.RecordingStopped;
import io.callwire.recorder.EventEntry;
import io.callwire.recorder.JournalFilter;
import io.callwire.recorder.JournalReader;
import io.callwire.recorder.ReadResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * An index of call recordings: call, legs, agents, queue, ANI/DNIS, start, end, location and size, answering
 * queries by call, agent, customer number and time. Feed it the engine's events (register it as a listener:
 * it sees library call ids) or rebuild it from a journal with {@link #fromJournal}; it keeps nothing on disk of
 * its own, the journal is its storage. Thread-safe: updated by one listener thread, queried from any.
 */
public final class RecordingIndex implements CtiListener {
    private final Path recordingsRoot;
    private final Map<String, CallFacts> calls = new HashMap<>();
    private final Map<String, String> agentByDevice = new HashMap<>();
    private final Map<String, RecordingEntry> recordings = new LinkedHashMap<>();

    /**
     * @param recordingsRoot directory relative recording locations are resolved against to find their size,
     *                       or null to only size absolute paths
     */
    public RecordingIndex(Path recordingsRoot) {
        this.recordingsRoot = recordingsRoot;
    }

    /** Rebuilds the index from a journal (up to a corrupt entry, if any). */
    public static RecordingIndex fromJournal(Path journal, Path recordingsRoot) {
        RecordingIndex index = new RecordingIndex(recordingsRoot);
        ModelReplay model = new ModelReplay();
        List<CtiEvent> derived = new ArrayList<>();
        try (JournalReader reader = JournalReader.open(journal)) {
            ReadResult ignored = reader.read(JournalFilter.all(), entry -> {
                if (entry instanceof EventEntry e) {
                    derived.clear();
                    CtiEvent resolved = model.apply(e.event(), derived);
                    if (resolved != null) {
                        index.onEvent(resolved);
                    }
                    derived.forEach(index::onEvent);
                }
            });
        }
        return index;
    }

    @Override
    public synchronized void onEvent(CtiEvent event) {
        if (event instanceof AgentStateChanged e) {
            if (!e.deviceId().isEmpty()) {
                agentByDevice.put(e.deviceId(), e.agentId());
            }
            return;
        }
        String callId = event.callId();
        if (callId.isEmpty()) {
            return;
        }
        CallFacts call = calls.computeIfAbsent(callId, id -> new CallFacts());
        if (event instanceof CallStarted e) {
            call.ani = e.ani() == null ? "" : e.ani();
            call.dnis = e.dnis() == null ? "" : e.dnis();
        } else if (event instanceof CallQueued e) {
            call.queueId = e.queueId();
        } else if (event instanceof LegCreated e) {
            call.legs.add(e.legId());
            String agent = agentByDevice.get(e.deviceId());
            if (agent != null) {
                call.agents.add(agent);
            }
            refreshRunning(callId, call);
        } else if (event instanceof RecordingStarted e) {
            call.running.add(e.recordingId());
            recordings.put(e.recordingId(), new RecordingEntry(e.recordingId(), callId, List.copyOf(call.legs),
                    List.copyOf(call.agents), call.queueId, call.ani, call.dnis, e.timestamp(), 0,
                    e.location() == null ? "" : e.location(), -1));
        } else if (event instanceof RecordingStopped e) {
            call.running.remove(e.recordingId());
            finish(e.recordingId(), e.timestamp());
        } else if (event instanceof CallEnded e) {
            for (String recordingId : call.running) {
                finish(recordingId, e.timestamp());
            }
            calls.remove(callId);
        }
    }

    private void refreshRunning(String callId, CallFacts call) {
        for (String recordingId : call.running) {
            RecordingEntry r = recordings.get(recordingId);
            if (r != null) {
                recordings.put(recordingId, new RecordingEntry(r.recordingId(), callId, List.copyOf(call.legs),
                        List.copyOf(call.agents), r.queueId(), r.ani(), r.dnis(), r.startedAt(), 0, r.location(), -1));
            }
        }
    }

    private void finish(String recordingId, long at) {
        RecordingEntry r = recordings.get(recordingId);
        if (r == null || !r.running()) {
            return;
        }
        recordings.put(recordingId, new RecordingEntry(r.recordingId(), r.callId(), r.legIds(), r.agentIds(),
                r.queueId(), r.ani(), r.dnis(), r.startedAt(), Math.max(at, r.startedAt()), r.location(),
                sizeOf(r.location())));
    }

    private long sizeOf(String location) {
        Path p = localFile(location);
        try {
            return p == null ? -1 : Files.size(p);
        } catch (IOException e) {
            return -1;
        }
    }

    /** The recording's file on this host, for playback, when its location is a readable local file. */
    public java.util.Optional<Path> file(String recordingId) {
        RecordingEntry r;
        synchronized (this) {
            r = recordings.get(recordingId);
        }
        return r == null ? java.util.Optional.empty() : java.util.Optional.ofNullable(localFile(r.location()));
    }

    private Path localFile(String location) {
        if (location.isEmpty() || location.contains("://")) {
            return null;
        }
        try {
            Path p = Path.of(location);
            if (!p.isAbsolute()) {
                if (recordingsRoot == null) {
                    return null;
                }
                p = recordingsRoot.resolve(p).normalize();
                if (!p.startsWith(recordingsRoot.normalize())) {
                    return null; // a location that climbs out of the recordings directory is not served
                }
            }
            return Files.isRegularFile(p) && Files.isReadable(p) ? p : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Every recording, in the order they started. */
    public synchronized List<RecordingEntry> all() {
        return List.copyOf(recordings.values());
    }

    /** The recordings of a call (several when it was paused and resumed). */
    public List<RecordingEntry> byCall(String callId) {
        return select(r -> r.callId().equals(callId));
    }

    /** The recordings an agent took part in. */
    public List<RecordingEntry> byAgent(String agentId) {
        return select(r -> r.agentIds().contains(agentId));
    }

    /** The recordings whose ANI or DNIS is this customer number (compared by digits, either may lack a prefix). */
    public List<RecordingEntry> byNumber(String number) {
        String digits = digits(number);
        if (digits.isEmpty()) {
            return List.of();
        }
        return select(r -> sameNumber(digits(r.ani()), digits) || sameNumber(digits(r.dnis()), digits));
    }

    /** The recordings that overlap [from, to) (switch time, epoch ms). */
    public List<RecordingEntry> between(long from, long to) {
        return select(r -> r.overlaps(from, to));
    }

    private synchronized List<RecordingEntry> select(Predicate<RecordingEntry> test) {
        List<RecordingEntry> out = new ArrayList<>();
        for (RecordingEntry r : recordings.values()) {
            if (test.test(r)) {
                out.add(r);
            }
        }
        return out;
    }

    private static boolean sameNumber(String a, String b) {
        if (a.isEmpty()) {
            return false;
        }
        int shorter = Math.min(a.length(), b.length());
        return a.equals(b) || (shorter >= 6 && (a.endsWith(b) || b.endsWith(a)));
    }

    private static String digits(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            if (Character.isDigit(s.charAt(i))) {
                out.append(s.charAt(i));
            }
        }
        return out.toString();
    }

    /** What the index remembers about a live call. */
    private static final class CallFacts {
        String ani = "";
        String dnis = "";
        String queueId = "";
        final Set<String> legs = new LinkedHashSet<>();
        final Set<String> agents = new LinkedHashSet<>();
        final Set<String> running = new LinkedHashSet<>();
    }
}
