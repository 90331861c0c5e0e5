package io.callwire.recorder;

import io.callwire.core.command.CtiCommand;
import io.callwire.core.engine.EngineJournal;
import io.callwire.core.event.CtiEvent;
import io.callwire.recorder.privacy.PersonalDataPolicy;
import io.callwire.recorder.wire.EntryBatch;
import io.callwire.recorder.wire.EntryCodec;
import io.callwire.recorder.wire.WireBuffer;
import net.openhft.chronicle.bytes.SyncMode;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * The engine's journal on Chronicle Queue: every switch event and host command, in ring order, in the
 * recorder's own binary wire format ({@link EntryCodec}), one Chronicle document per ring batch
 * ({@link EntryBatch}; per entry with {@link Durability#PER_EVENT}), rolled daily.
 * Plug it in with {@code CtiEngine.builder().journal(ChronicleJournal.builder(dir).build())}; the engine
 * calls it on its journal thread beside the state handler, and listeners see an event only after it was
 * recorded here (and, with {@link Durability#PER_EVENT}, forced to disk).
 *
 * <p>Single-threaded like the engine's journal handler: {@code record}, {@code endOfBatch} and {@code close}
 * come from one thread. {@link #lastIndex()} and {@link #recorded()} may be read from any thread. With the first
 * entry it starts one daemon thread of its own, which touches the file's pages ahead of the appender
 * ({@link Builder#pretouch}); {@code close} stops it.
 */
public final class ChronicleJournal implements EngineJournal {
    static {
        ChronicleDefaults.apply();
    }

    private static final Logger log = LoggerFactory.getLogger(ChronicleJournal.class);
    /** Documents are cut at this size even within a ring batch, to bound what one document holds. */
    private static final int MAX_DOCUMENT_BYTES = 64 * 1024;

    private final SingleChronicleQueue queue;
    private final Durability durability;
    private final PersonalDataPolicy privacy;
    private final JournalRetention retention;
    private final Clock clock;
    private final WireBuffer buffer = new WireBuffer(1024);
    private final EntryBatch batch = new EntryBatch(MAX_DOCUMENT_BYTES + 1024);
    private int pending;
    private ExcerptAppender appender;
    private boolean unsynced;
    private final boolean decisions;
    private final boolean pretouch;
    private JournalPretoucher pretoucher;
    private int cycle = Integer.MIN_VALUE;
    private volatile long lastIndex = -1;
    private volatile long recorded;
    private volatile boolean closed;

    private ChronicleJournal(Builder b) {
        this.durability = b.durability;
        this.privacy = b.privacy;
        this.clock = b.clock;
        this.queue = SingleChronicleQueueBuilder.single(b.directory.toFile())
                // Chronicle's default sync is msync(MS_ASYNC), which on Linux writes nothing back: only SYNC
                // makes PER_EVENT and BATCHED reach the disk before listeners are told.
                .syncMode(b.durability == Durability.ASYNC ? SyncMode.NONE : SyncMode.SYNC)
                .rollCycle(b.rollCycle)
                .timeProvider(b.clock::millis)
                .build();
        this.retention = new JournalRetention(queue.file(), b.rollCycle, b.keepDays);
        this.decisions = b.decisions;
        this.pretouch = b.pretouch;
    }

    /** A journal writing into {@code directory} (created when missing). */
    public static Builder builder(Path directory) {
        return new Builder(directory);
    }

    @Override
    public void record(CtiEvent event) {
        EntryCodec.encodeEvent(privacy.protect(event), buffer);
        append();
    }

    @Override
    public void record(long sequence, CtiCommand command) {
        EntryCodec.encodeCommand(sequence, privacy.protect(command), buffer);
        append();
    }

    @Override
    public boolean recordsDecisions() {
        return decisions;
    }

    @Override
    public void recordDecision(CtiEvent decision) {
        EntryCodec.encodeDecision(privacy.protect(decision), buffer);
        append();
    }

    @Override
    public void endOfBatch() {
        flush();
        if (unsynced && durability == Durability.BATCHED) {
            appender.sync();
            unsynced = false;
        }
    }

    private void append() {
        if (appender == null) {
            open();
        }
        batch.add(buffer);
        pending++;
        if (durability == Durability.PER_EVENT || batch.length() >= MAX_DOCUMENT_BYTES) {
            flush();
        }
    }

    /** Writes the entries gathered since the last flush as one document. */
    private void flush() {
        if (batch.entries() == 0) {
            return;
        }
        ExcerptAppender a = appender;
        int entries = pending;
        pending = 0;
        long position;
        try (DocumentContext dc = a.writingDocument()) {
            dc.wire().bytes().write(batch.array(), 0, batch.length());
            position = dc.wire().bytes().writePosition();
        } finally {
            batch.clear();
        }
        lastIndex = a.lastIndexAppended();
        recorded += entries;
        if (durability == Durability.PER_EVENT) {
            a.sync();
        } else {
            unsynced = true;
        }
        int now = a.cycle();
        if (now != cycle) {
            cycle = now;
            if (retention.apply(now) > 0) {
                queue.refreshDirectoryListing();
            }
            if (pretoucher != null) {
                pretoucher.rolledTo(a.currentFile());
            }
        }
        if (pretoucher != null) {
            pretoucher.wrote(position);
        }
    }

    /** Creates the appender on the journal thread, before its first entry, and marks the start of a session. */
    private void open() {
        if (closed) {
            throw new IllegalStateException("journal " + queue.file() + " is closed");
        }
        appender = queue.createAppender();
        if (pretouch) {
            pretoucher = new JournalPretoucher("callwire-journal-pretouch");
        }
        WireBuffer session = new WireBuffer(32);
        EntryCodec.encodeSession(clock.millis(), session);
        batch.add(session);
        flush();
        log.info("journal session opened in {} ({} durability)", queue.file(), durability);
    }

    /** Chronicle index of the last document written, -1 before the first. */
    public long lastIndex() {
        return lastIndex;
    }

    /** Events, commands and decisions written to the queue since this journal was opened (a batch counts once written). */
    public long recorded() {
        return recorded;
    }

    /** The page toucher working ahead of this journal's appender, null without one or before the first entry. */
    JournalPretoucher pretoucher() {
        return pretoucher;
    }

    /** The journal's directory. */
    public Path directory() {
        return queue.file().toPath();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (appender != null) {
                flush();
                if (durability != Durability.ASYNC) {
                    appender.sync();
                }
                appender.close();
            }
        } finally {
            if (pretoucher != null) {
                pretoucher.close();
            }
            queue.close();
        }
        log.info("journal {} closed after {} entries", queue.file(), recorded);
    }

    @Override
    public String toString() {
        return "ChronicleJournal[" + queue.file() + ", " + durability + "]";
    }

    /** Configures a {@link ChronicleJournal}. */
    public static final class Builder {
        private final Path directory;
        private Durability durability = Durability.BATCHED;
        private PersonalDataPolicy privacy = PersonalDataPolicy.none();
        private RollCycle rollCycle = RollCycles.FAST_DAILY;
        private int keepDays;
        private Clock clock = Clock.systemUTC();
        private boolean decisions = true;
        private boolean pretouch = true;

        private Builder(Path directory) {
            this.directory = Objects.requireNonNull(directory, "directory");
        }

        /** When writes are forced to disk (default {@link Durability#BATCHED}). */
        public Builder durability(Durability mode) {
            this.durability = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /** Masks or encrypts caller numbers and attached data before they are written (default: kept). */
        public Builder personalData(PersonalDataPolicy policy) {
            this.privacy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** Keeps the newest {@code days} daily files and deletes older ones as days roll; 0 keeps all (default). */
        public Builder keepDays(int days) {
            if (days < 0) {
                throw new IllegalArgumentException("keepDays must not be negative");
            }
            this.keepDays = days;
            return this;
        }

        /** Clock that decides the day an entry's file belongs to (UTC days; default the system clock). */
        public Builder clock(Clock dayClock) {
            this.clock = Objects.requireNonNull(dayClock, "clock");
            return this;
        }

        /** Another roll cycle than daily, e.g. for tests; retention then counts cycles instead of days. */
        public Builder rollCycle(RollCycle cycle) {
            this.rollCycle = Objects.requireNonNull(cycle, "cycle");
            return this;
        }

        /**
         * Whether to record the engine's decisions (routing decisions, derived events) after each entry, for
         * audit (default true). The engine then journals after its state handler rather than beside it.
         */
        public Builder decisions(boolean record) {
            this.decisions = record;
            return this;
        }

        /**
         * Whether a background thread touches the journal file's pages ahead of the appender (default true),
         * so that the journal thread does not take the page faults of fresh pages; see docs/recorder.md.
         */
        public Builder pretouch(boolean ahead) {
            this.pretouch = ahead;
            return this;
        }

        /** Opens (or continues) the journal. */
        public ChronicleJournal build() {
            return new ChronicleJournal(this);
        }
    }
}
