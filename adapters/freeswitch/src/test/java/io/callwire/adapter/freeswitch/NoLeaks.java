package io.callwire.adapter.freeswitch;

import io.netty.buffer.AbstractByteBuf;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Fails a test class when Netty's leak detector (paranoid in this module's surefire run) reported a ByteBuf that
 * was garbage collected without being released. Netty only logs leaks; this listener turns them into failures.
 */
final class NoLeaks implements AfterAllCallback {
    private static final List<String> LEAKS = new CopyOnWriteArrayList<>();

    static {
        try {
            Field f = AbstractByteBuf.class.getDeclaredField("leakDetector");
            f.setAccessible(true);
            ((ResourceLeakDetector<?>) f.get(null)).setLeakListener((type, records) -> LEAKS.add(type + ": " + records));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot watch Netty's leak detector", e);
        }
    }

    /** Collects garbage, lets the detector look at what was collected, and returns the leaks seen so far. */
    static List<String> leaks() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            System.runFinalization();
            for (int j = 0; j < 64; j++) {   // tracking a new buffer makes the detector drain its reference queue
                ByteBuf probe = PooledByteBufAllocator.DEFAULT.buffer(8);
                probe.release();
            }
        }
        return new ArrayList<>(LEAKS);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        List<String> found = leaks();
        LEAKS.clear();
        assertEquals(List.of(), found, "ByteBufs leaked in " + context.getDisplayName());
    }
}
