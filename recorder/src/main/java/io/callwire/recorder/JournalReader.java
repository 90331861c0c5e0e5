package io.callwire.recorder;

import io.callwire.core.engine.ModelReplay;
import io.callwire.recorder.wire.EntryBatch;
import io.callwire.recorder.wire.EntryCodec;
import io.callwire.recorder.wire.WireBuffer;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads a journal back in order, optionally filtered by call, agent and time. Opens the queue read-only, so it
 * may read while an engine is still writing. A corrupt or truncated entry ends the read with a
 * {@link JournalCorruptedException} naming the file and the last good index (the index of the document, one
 * ring batch, holding the last entry read correctly); every entry before the corrupt one is delivered, also
 * those earlier in the same document. Not thread-safe: one reader per thread.
 */
public final class JournalReader implements AutoCloseable {
    static {
        ChronicleDefaults.apply();
    }

    private final Path directory;
    private final SingleChronicleQueue queue;
    private final WireBuffer buffer = new WireBuffer(1024);

    private JournalReader(Path directory) {
        this.directory = directory;
        this.queue = hasCycleFiles(directory)
                ? SingleChronicleQueueBuilder.single(directory.toFile()).readOnly(true).build()
                : null;
    }

    private static boolean hasCycleFiles(Path directory) {
        try (var files = Files.list(directory)) {
            return files.anyMatch(p -> p.getFileName().toString().endsWith(".cq4"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot list journal directory " + directory, e);
        }
    }

    /**
     * Opens the journal in {@code directory}.
     *
     * @throws IllegalArgumentException when the directory does not exist
     */
    public static JournalReader open(Path directory) {
        Objects.requireNonNull(directory, "directory");
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("no journal directory " + directory);
        }
        return new JournalReader(directory);
    }

    /**
     * Reads every entry passing {@code filter} into {@code sink}, in journal order, and reports how the read
     * ended. Never throws for corruption: the result carries it.
     */
    public ReadResult read(JournalFilter filter, Consumer<? super JournalEntry> sink) {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(sink, "sink");
        ModelReplay resolver = filter.needsCallResolution() ? new ModelReplay() : null;
        long entries = 0;
        long delivered = 0;
        long lastGood = -1;
        long time = Long.MIN_VALUE;
        if (queue == null) {
            return new ReadResult(0, 0, -1, Optional.empty()); // a journal that was never written
        }
        Documents opened;
        try {
            opened = new Documents(queue.createTailer());
        } catch (Exception e) { // Chronicle also throws checked exceptions undeclared
            return new ReadResult(0, 0, -1, Optional.of(new JournalCorruptedException(firstFile(), -1,
                    e.getClass().getSimpleName() + ": " + e.getMessage(), e)));
        }
        try (Documents documents = opened) {
            while (true) {
                JournalEntry entry;
                try {
                    entry = documents.next();
                } catch (Exception | InternalError e) { // Chronicle also throws checked exceptions undeclared
                    return new ReadResult(entries, delivered, lastGood,
                            Optional.of(corrupted(documents.tailer, lastGood, e)));
                }
                if (entry == null) {
                    return new ReadResult(entries, delivered, lastGood, Optional.empty());
                }
                entries++;
                lastGood = entry.index();
                String resolved = null;
                if (entry instanceof EventEntry e) {
                    time = e.event().timestamp();
                    if (resolver != null) {
                        var r = resolver.apply(e.event());
                        resolved = r == null ? null : r.callId();
                    }
                }
                if (filter.matches(entry, resolved, time)) {
                    delivered++;
                    sink.accept(entry);
                }
            }
        }
    }

    /**
     * Reads every entry passing {@code filter} into {@code sink}.
     *
     * @throws JournalCorruptedException after delivering the good entries, when the journal is corrupt
     */
    public long forEach(JournalFilter filter, Consumer<? super JournalEntry> sink) {
        ReadResult result = read(filter, sink);
        if (result.corruption().isPresent()) {
            throw result.corruption().get();
        }
        return result.delivered();
    }

    /** Every entry passing {@code filter}, in order. @throws JournalCorruptedException when the journal is corrupt */
    public List<JournalEntry> readAll(JournalFilter filter) {
        List<JournalEntry> out = new ArrayList<>();
        forEach(filter, out::add);
        return out;
    }

    /**
     * A cursor over every entry in order, for lazy reading on one thread: {@code next()} returns null at the
     * end and throws {@link JournalCorruptedException} at a corrupt entry.
     */
    Cursor cursor() {
        return new Cursor();
    }

    /** Reads entries one at a time; see {@link #cursor()}. */
    final class Cursor implements AutoCloseable {
        private Documents documents;
        private long lastGood = -1;

        JournalEntry next() {
            if (queue == null) {
                return null;
            }
            try {
                if (documents == null) {
                    documents = new Documents(queue.createTailer());
                }
                JournalEntry entry = documents.next();
                if (entry != null) {
                    lastGood = entry.index();
                }
                return entry;
            } catch (Exception | InternalError e) { // Chronicle also throws checked exceptions undeclared
                throw documents == null
                        ? new JournalCorruptedException(firstFile(), -1, e.getClass().getSimpleName() + ": "
                        + e.getMessage(), e)
                        : corrupted(documents.tailer, lastGood, e);
            }
        }

        @Override
        public void close() {
            if (documents != null) {
                documents.close();
            }
        }
    }

    /** The entries of the queue's documents in order, a document (one ring batch) at a time. */
    private final class Documents implements AutoCloseable {
        private final ExcerptTailer tailer;
        private final EntryBatch document = new EntryBatch(1024);
        private boolean inDocument;
        private long documentIndex;

        Documents(ExcerptTailer tailer) {
            this.tailer = tailer;
        }

        /** The next entry, null at the end. @throws WireFormatException at a corrupt entry */
        JournalEntry next() {
            while (true) {
                if (inDocument) {
                    if (document.next(buffer)) {
                        return EntryCodec.decode(documentIndex, buffer);
                    }
                    inDocument = false;
                }
                try (DocumentContext dc = tailer.readingDocument()) {
                    if (!dc.isPresent()) {
                        return null;
                    }
                    documentIndex = dc.index();
                    Bytes<?> bytes = dc.wire().bytes();
                    int length = (int) bytes.readRemaining();
                    bytes.read(document.prepareRead(length), 0, length);
                }
                inDocument = true;
            }
        }

        @Override
        public void close() {
            tailer.close();
        }
    }

    private JournalCorruptedException corrupted(ExcerptTailer tailer, long lastGood, Throwable problem) {
        Path file = fileOf(tailer);
        return new JournalCorruptedException(file, lastGood, problem.getClass().getSimpleName() + ": "
                + problem.getMessage(), problem);
    }

    private Path fileOf(ExcerptTailer tailer) {
        try {
            File f = tailer.currentFile();
            if (f != null) {
                return f.toPath();
            }
        } catch (RuntimeException e) {
            // fall through: name the directory instead
        }
        return firstFile();
    }

    private Path firstFile() {
        try (var files = Files.list(directory)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".cq4")).sorted().findFirst()
                    .orElse(directory);
        } catch (java.io.IOException e) {
            return directory;
        }
    }

    @Override
    public void close() {
        if (queue != null) {
            queue.close();
        }
    }
}
