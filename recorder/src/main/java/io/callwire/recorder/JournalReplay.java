package io.callwire.recorder;

import io.callwire.core.engine.EngineSnapshot;
import io.callwire.core.engine.ModelReplay;
import io.callwire.core.engine.StateExtension;
import io.callwire.core.event.CtiEvent;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Rebuilds the engine's call model (calls, legs, agents, queues, link states) from a journal alone, the way the
 * engine's single writer built it, and hands the journaled events to a new engine so it continues from there:
 * <pre>{@code
 * Recovery recovery = JournalReplay.recover(dir);          // stops at a corrupt entry, reports it
 * CtiEngine engine = CtiEngine.builder().switchUri(uri)
 *         .recover(JournalReplay.events(dir))               // the rebuilt state, streamed from disk
 *         .journal(ChronicleJournal.builder(dir).build())   // appends a new session to the same journal
 *         .start();
 * }</pre>
 * State extensions (the router's waiting tasks and statistics) are rebuilt by
 * {@link #recover(Path, List)} into fresh instances that the new engine then takes over.
 */
public final class JournalReplay {
    private static final Logger log = LoggerFactory.getLogger(JournalReplay.class);

    private JournalReplay() {
    }

    /**
     * What a replay rebuilt.
     *
     * @param snapshot      the model after the last good event
     * @param events        switch events applied
     * @param commands      host commands read (they do not change the model)
     * @param sessions      engine runs that wrote to the journal
     * @param lastGoodIndex Chronicle index of the document holding the last entry read correctly, -1 when none
     * @param corruption    what stopped the replay early, empty when the whole journal was replayed
     */
    public record Recovery(EngineSnapshot snapshot, long events, long commands, long sessions,
                           long lastGoodIndex, Optional<JournalCorruptedException> corruption) {

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
        return recover(directory, List.of());
    }

    /**
     * Replays the journal into the call model and into {@code extensions} (fresh instances of the engine's
     * state extensions, e.g. the router): they see the events and journaled task commands as they did in the
     * engine, with commands they send suppressed, so their own state is rebuilt too. Hand the same instances
     * to the new engine ({@code .extension(...)}) together with {@code .recover(events(dir))}.
     */
    public static Recovery recover(Path directory, List<? extends StateExtension> extensions) {
        return replay(directory, new ModelReplay(extensions), Handed.NOTHING, JournalFilter.all(), event -> {
        });
    }

    /**
     * Replays the journal and hands {@code sink} every event exactly as the engine's listeners received it:
     * each journaled event with its library call id (unless the engine suppressed it as a duplicate),
     * followed by the events derived from it — the tracker's (CallEnded) and, when the engine's extensions
     * are given as fresh instances, their decisions (routing events, also those answering task commands).
     * This is the history a {@code tap} would have printed, recomputed from the journal. Events pass
     * {@code filter} by their library call id, agent and timestamp; session markers and commands are not
     * events and are left out.
     *
     * @return what was rebuilt, with the corruption that stopped the replay early, if any
     */
    public static Recovery history(Path directory, List<? extends StateExtension> extensions, JournalFilter filter,
                                   Consumer<? super CtiEvent> sink) {
        return replay(directory, new ModelReplay(extensions), Handed.RECOMPUTED, filter, sink);
    }

    /**
     * The history as the journal recorded it, without the engine's extensions: each journaled event with its
     * library call id, followed by the decisions the engine recorded after it (routing decisions and derived
     * events, see {@link DecisionEntry}). For a journal written with decisions on, this is what listeners
     * received, readable without the router's code or configuration; for one without, the derived events are
     * missing. Filtered and returned like {@link #history}.
     */
    public static Recovery recorded(Path directory, JournalFilter filter, Consumer<? super CtiEvent> sink) {
        return replay(directory, new ModelReplay(), Handed.RECORDED, filter, sink);
    }

    /** What a replay hands its sink: nothing, or the events with what the replay derives, or with what was recorded. */
    private enum Handed { NOTHING, RECOMPUTED, RECORDED }

    /** Reads the whole journal into {@code model}, handing events to {@code sink} as {@code handed} says. */
    private static Recovery replay(Path directory, ModelReplay model, Handed handed, JournalFilter filter,
                                   Consumer<? super CtiEvent> sink) {
        List<CtiEvent> derived = handed == Handed.RECOMPUTED ? new ArrayList<>() : null;
        long[] counts = new long[3];
        ReadResult result;
        try (JournalReader reader = JournalReader.open(directory)) {
            result = reader.read(JournalFilter.all(), entry -> {
                if (derived != null) {
                    derived.clear();
                }
                if (entry instanceof EventEntry e) {
                    CtiEvent resolved = model.apply(e.event(), derived);
                    counts[2]++;
                    if (resolved != null && handed != Handed.NOTHING) {
                        offer(filter, entry.index(), resolved, sink);
                    }
                } else if (entry instanceof DecisionEntry d) {
                    if (handed == Handed.RECORDED) {
                        offer(filter, entry.index(), d.decision(), sink);
                    }
                } else if (entry instanceof CommandEntry c) {
                    model.applyCommand(c.sequence(), c.command(), derived);
                    counts[0]++;
                } else if (entry instanceof SessionEntry) {
                    counts[1]++;
                }
                if (derived != null) {
                    for (CtiEvent d : derived) {
                        offer(filter, entry.index(), d, sink);
                    }
                }
            });
        }
        return new Recovery(model.snapshot(), counts[2], counts[0], counts[1], result.lastGoodIndex(),
                result.corruption());
    }

    private static void offer(JournalFilter filter, long index, CtiEvent event, Consumer<? super CtiEvent> sink) {
        if (filter.matches(new EventEntry(index, event), event.callId(), event.timestamp())) {
            sink.accept(event);
        }
    }

    /**
     * The journal's switch events in order, read lazily from disk each time it is iterated, for
     * {@code CtiEngine.Builder.recover}: a journal of many days need not fit in memory. Iteration stops at the
     * end of the journal or before the first corrupt entry, which is logged with its file and last good index
     * (call {@link #recover} first to inspect it). An iterator must be used by one thread; it closes its reader
     * when it reaches the end.
     */
    public static Iterable<CtiEvent> events(Path directory) {
        JournalReader.open(directory).close(); // fail now on a missing directory
        return () -> new EventIterator(JournalReader.open(directory));
    }

    /** Reads ahead one event; closes the reader at the end. */
    private static final class EventIterator implements Iterator<CtiEvent> {
        private final JournalReader reader;
        private final JournalReader.Cursor cursor;
        private CtiEvent next;
        private boolean done;

        EventIterator(JournalReader reader) {
            this.reader = reader;
            this.cursor = reader.cursor();
        }

        @Override
        public boolean hasNext() {
            while (next == null && !done) {
                JournalEntry entry;
                try {
                    entry = cursor.next();
                } catch (JournalCorruptedException e) {
                    log.error("replay stops before a corrupt entry: {}", e.getMessage());
                    entry = null;
                }
                if (entry == null) {
                    done = true;
                    cursor.close();
                    reader.close();
                } else if (entry instanceof EventEntry e) {
                    next = e.event();
                }
            }
            return next != null;
        }

        @Override
        public CtiEvent next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            CtiEvent out = next;
            next = null;
            return out;
        }
    }
}
