package io.callwire.recorder;

import io.callwire.core.engine.EngineSnapshot;
import io.callwire.core.engine.ModelReplay;
import io.callwire.core.event.CtiEvent;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Rebuilds the engine's call model (calls, legs, agents, queues, link states) from a journal alone, the way the
 * engine's single writer built it, and hands the journaled events to a new engine so it continues from there:
 * <pre>{@code
 * Recovery recovery = JournalReplay.recover(dir);          // stops at a corrupt entry, reports it
 * CtiEngine engine = CtiEngine.builder().switchUri(uri)
 *         .recover(recovery.events())                       // the rebuilt state
 *         .journal(ChronicleJournal.builder(dir).build())   // appends a new session to the same journal
 *         .start();
 * }</pre>
 * Routing extensions' own state (waiting tasks, statistics) is not part of the engine snapshot and is not
 * rebuilt here.
 */
public final class JournalReplay {
    private JournalReplay() {
    }

    /** What a replay rebuilt. */
    public record Recovery(EngineSnapshot snapshot, List<CtiEvent> events, long commands, long sessions,
                           long lastGoodIndex, Optional<JournalCorruptedException> corruption) {
        public Recovery {
            events = List.copyOf(events);
        }

        /** The canonical, byte-comparable form of the rebuilt model. */
        public CanonicalSnapshot canonical() {
            return CanonicalSnapshot.of(snapshot);
        }
    }

    /**
     * Replays the whole journal in {@code directory}, up to the first corrupt entry when there is one (the
     * {@link Recovery#corruption()} then names the file and the last good index).
     */
    public static Recovery recover(Path directory) {
        ModelReplay model = new ModelReplay();
        List<CtiEvent> events = new ArrayList<>();
        long[] counts = new long[2];
        ReadResult result;
        try (JournalReader reader = JournalReader.open(directory)) {
            result = reader.read(JournalFilter.all(), entry -> {
                if (entry instanceof EventEntry e) {
                    model.apply(e.event());
                    events.add(e.event());
                } else if (entry instanceof CommandEntry) {
                    counts[0]++;
                } else {
                    counts[1]++;
                }
            });
        }
        return new Recovery(model.snapshot(), events, counts[0], counts[1], result.lastGoodIndex(),
                result.corruption());
    }
}
