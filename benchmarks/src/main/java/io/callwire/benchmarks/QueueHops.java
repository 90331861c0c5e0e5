package io.callwire.benchmarks;

import io.callwire.core.event.CtiEvent;

import java.util.concurrent.ArrayBlockingQueue;

/**
 * The pipeline benchmarks' baseline: events handed through two ArrayBlockingQueues between three threads (the
 * publisher, a worker, a listener that counts them), with no call tracking — the plumbing alone.
 */
final class QueueHops {
    final Arrivals seen = new Arrivals();
    private final ArrayBlockingQueue<CtiEvent> hop1 = new ArrayBlockingQueue<>(65_536);
    private final ArrayBlockingQueue<CtiEvent> hop2 = new ArrayBlockingQueue<>(65_536);
    private Thread worker;
    private Thread listener;

    void start() {
        worker = daemon("baseline-worker", () -> hop2.put(hop1.take()));
        listener = daemon("baseline-listener", () -> {
            hop2.take();
            seen.arrived();
        });
    }

    /** Publishes one event into the first hop. */
    void put(CtiEvent event) throws InterruptedException {
        hop1.put(event);
    }

    void stop() {
        worker.interrupt();
        listener.interrupt();
    }

    private interface Step {
        void run() throws InterruptedException;
    }

    private static Thread daemon(String name, Step step) {
        Thread thread = new Thread(() -> {
            try {
                while (true) {
                    step.run();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
