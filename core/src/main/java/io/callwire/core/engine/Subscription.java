package io.callwire.core.engine;

import io.callwire.core.event.CtiEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One listener's delivery lane: a bounded queue filled by the engine's dispatch thread and drained by the
 * listener's own thread, so a slow listener never stalls the engine. Close it to stop delivery.
 */
public final class Subscription implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Subscription.class);
    private static final long LOG_EVERY = 10_000;

    private final String name;
    private final CtiListener listener;
    private final ListenerOptions options;
    private final ArrayBlockingQueue<CtiEvent> queue;
    private final Thread thread;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile boolean disconnected;
    private volatile boolean draining;
    private final Consumer<Subscription> onClose;

    Subscription(String name, CtiListener listener, ListenerOptions options, Consumer<Subscription> onClose) {
        this.name = name;
        this.listener = listener;
        this.options = options;
        this.onClose = onClose;
        this.queue = new ArrayBlockingQueue<>(options.capacity());
        this.thread = new Thread(this::run, "cti-listener-" + name);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Called by the dispatch thread only. */
    void offer(CtiEvent event) {
        if (disconnected || queue.offer(event)) {
            return;
        }
        switch (options.overflow()) {
            case DROP_NEWEST -> countDrop();
            case DROP_OLDEST -> {
                while (!queue.offer(event)) {
                    if (queue.poll() != null) {
                        countDrop();
                    }
                }
            }
            case DISCONNECT -> {
                countDrop();
                disconnected = true;
                log.error("listener {} fell {} events behind and was disconnected (policy DISCONNECT)",
                        name, options.capacity());
                onClose.accept(this);
            }
        }
    }

    private void countDrop() {
        long n = dropped.incrementAndGet();
        if (n == 1 || n % LOG_EVERY == 0) {
            log.warn("listener {} is full ({} events): {} events dropped so far (policy {})",
                    name, options.capacity(), n, options.overflow());
        }
    }

    private void run() {
        while (true) {
            CtiEvent event;
            try {
                event = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (event == null) {
                if (draining || disconnected) {
                    return;
                }
                continue;
            }
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                failures.incrementAndGet();
                log.warn("listener {} failed on {} seq {}", name, event.getClass().getSimpleName(), event.sequence(), e);
            }
            delivered.incrementAndGet();
        }
    }

    /** Stops delivery now; events still queued are discarded. */
    @Override
    public void close() {
        disconnected = true;
        onClose.accept(this);
        thread.interrupt();
    }

    /** Lets the listener finish its queue, then stops its thread; waits at most {@code millis}. */
    void drainAndStop(long millis) {
        draining = true;
        try {
            thread.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            close();
        }
    }

    public String name() {
        return name;
    }

    public SubscriptionStats stats() {
        return new SubscriptionStats(name, delivered.get(), dropped.get(), failures.get(), queue.size(), disconnected);
    }
}
