package io.callwire.recorder;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Touches the pages of the journal's current file ahead of the appender, on a thread of its own, so that the
 * journal thread does not take the page faults of fresh file pages. On first write the kernel allocates the
 * page's block and zeroes the page (and a virtual machine may first have to back the memory): measured here
 * at 250-900 ns of kernel time per event on the journal thread, more than all its other work, and the part of
 * journaling's cost that varied most from run to run. Chronicle's own pretoucher is an enterprise feature.
 *
 * <p>Each page is touched with an atomic compare-and-set of its first word from 0 to 0 through a mapping of
 * its own: a write access, so the page is made present, writable and dirty, that never changes a byte,
 * whether the appender already wrote there or not. Only the file's existing length is touched; the file never
 * grows from here. The journal thread reports where it has written ({@link #wrote}) and wakes this thread
 * when it comes within half of {@link #AHEAD} of the touched end; otherwise it sleeps. A failure is logged
 * once and ends pretouching for that journal, never the journal.
 */
final class JournalPretoucher implements AutoCloseable {
    /** How far ahead of the appender pages are touched. */
    static final long AHEAD = 8L << 20;
    private static final int PAGE = 4096;
    /** The span one mapping of the file covers. */
    private static final long WINDOW = 16L << 20;
    private static final VarHandle WORD = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());
    private static final Logger log = LoggerFactory.getLogger(JournalPretoucher.class);

    private final Thread thread;
    private volatile File file;
    private volatile long written;
    private volatile long wakeAt;
    private volatile long touched;
    /** The file the channel and window belong to; written by the pretouch thread only, read by tests. */
    private volatile File touchedFile;
    private volatile boolean closed;

    private FileChannel channel;
    private MappedByteBuffer window;
    private long windowStart;

    JournalPretoucher(String name) {
        thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** From the journal thread, after a document: the appender's file changed to {@code current}. */
    void rolledTo(File current) {
        written = 0;
        file = current;
        LockSupport.unpark(thread);
    }

    /** From the journal thread, after a document: the appender has written its file up to {@code position}. */
    void wrote(long position) {
        written = position;
        if (position >= wakeAt) {
            LockSupport.unpark(thread);
        }
    }

    /** File offset the appender last reported having written up to. */
    long written() {
        return written;
    }

    /** File offset up to which {@link #touchedFile()}'s pages have been touched. */
    long touched() {
        return touched;
    }

    /** The file being touched, null before the first and once pretouching stopped. */
    File touchedFile() {
        return touchedFile;
    }

    private void run() {
        try {
            while (!closed) {
                File f = file;
                if (f != null) {
                    touchAhead(f, written);
                }
                LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(100));
            }
        } catch (IOException | RuntimeException e) {
            log.warn("journal pretouching stopped: {}; the journal goes on, taking its page faults itself", e.toString());
        } finally {
            release();
        }
    }

    private void touchAhead(File f, long position) throws IOException {
        if (!f.equals(touchedFile)) {
            release();
            channel = FileChannel.open(f.toPath(), StandardOpenOption.READ, StandardOpenOption.WRITE);
            touched = 0;
            touchedFile = f; // after touched: a reader that sees this file sees its offsets
        }
        long end = Math.min(position + AHEAD, channel.size());
        long at = Math.max(touched, position & -PAGE);
        for (; at < end && !closed && file == f; at += PAGE) {
            if (window == null || at < windowStart || at >= windowStart + window.capacity()) {
                windowStart = at;
                window = channel.map(FileChannel.MapMode.READ_WRITE, at, Math.min(WINDOW, channel.size() - at));
            }
            WORD.compareAndSet(window, (int) (at - windowStart), 0, 0);
        }
        if (at > touched) {
            touched = at;
        }
        wakeAt = touched - AHEAD / 2;
    }

    private void release() {
        window = null; // a mapping is released with its buffer, by the garbage collector
        touchedFile = null;
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                log.debug("closing the pretouch channel failed", e);
            }
            channel = null;
        }
    }

    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(thread);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
