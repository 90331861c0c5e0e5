package io.callwire.recorder;

import net.openhft.chronicle.queue.RollCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Deletes cycle files older than the newest {@code keepCycles} cycles (with a daily roll cycle: keep N days).
 * Cycle file names sort like their dates, so "older" is a name comparison against the oldest cycle kept.
 */
final class JournalRetention {
    private static final Logger log = LoggerFactory.getLogger(JournalRetention.class);
    private final File directory;
    private final RollCycle rollCycle;
    private final int keepCycles;
    private final DateTimeFormatter names;

    /** @param keepCycles cycles to keep including the current one; 0 keeps everything */
    JournalRetention(File directory, RollCycle rollCycle, int keepCycles) {
        this.directory = directory;
        this.rollCycle = rollCycle;
        this.keepCycles = keepCycles;
        this.names = DateTimeFormatter.ofPattern(rollCycle.format()).withZone(ZoneOffset.UTC);
    }

    /** Deletes the cycle files that fall out of retention when {@code currentCycle} is the newest. Returns how many. */
    int apply(int currentCycle) {
        if (keepCycles <= 0) {
            return 0;
        }
        long oldestKeptMillis = (long) (currentCycle - keepCycles + 1) * rollCycle.lengthInMillis();
        String oldestKept = names.format(Instant.ofEpochMilli(oldestKeptMillis)) + ".cq4";
        File[] files = directory.listFiles((dir, name) -> name.endsWith(".cq4"));
        int deleted = 0;
        if (files == null) {
            return 0;
        }
        for (File file : files) {
            if (file.getName().length() == oldestKept.length() && file.getName().compareTo(oldestKept) < 0) {
                if (file.delete()) {
                    deleted++;
                    log.info("journal retention deleted {}", file.getName());
                } else {
                    log.warn("journal retention could not delete {}", file);
                }
            }
        }
        return deleted;
    }
}
