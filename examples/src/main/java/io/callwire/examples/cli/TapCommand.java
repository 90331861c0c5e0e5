package io.callwire.examples.cli;

import io.callwire.recorder.ChronicleJournal;

import io.callwire.core.engine.CtiEngine;
import io.callwire.core.engine.ListenerOptions;
import io.callwire.core.engine.OverflowPolicy;
import io.callwire.core.engine.Subscription;
import io.callwire.core.event.CtiEvent;
import io.callwire.core.event.Tick;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** {@code tap}: connects to a switch and prints every normalized event as one JSON object per line. */
@Command(name = "tap", mixinStandardHelpOptions = true,
        description = "Print every normalized event of a switch as one JSON object per line on stdout.")
final class TapCommand implements Callable<Integer> {
    private static final int QUEUE = 1 << 20;

    @Spec
    private CommandSpec spec;

    @Option(names = "--switch", paramLabel = "URI", defaultValue = "sim:",
            description = "Switch to connect to (default: ${DEFAULT-VALUE}), e.g. sim:?agents=20&callsPerMinute=30&seed=1")
    private String switchUri;

    @Option(names = "--duration", paramLabel = "TIME", converter = DurationConverter.class,
            description = "Stop after this long (e.g. 30s, 5m); default: until interrupted or --events")
    private Duration duration;

    @Option(names = "--events", paramLabel = "N", description = "Stop after printing N events")
    private long maxEvents;

    @Option(names = "--ticks", description = "Also print Tick events")
    private boolean ticks;

    @Option(names = "--journal", paramLabel = "DIR",
            description = "Also journal every event, command and decision into DIR (Chronicle Queue; read it back with replay)")
    private Path journal;

    @Override
    public Integer call() throws InterruptedException {
        if (maxEvents < 0) {
            throw new IllegalArgumentException("--events must not be negative");
        }
        PrintWriter out = spec.commandLine().getOut();
        CountDownLatch done = new CountDownLatch(1);
        long[] printed = new long[1];
        CtiEngine.Builder builder = CtiEngine.builder().switchUri(switchUri)
                .listener("tap", event -> print(event, out, printed, done), ListenerOptions.of(QUEUE, OverflowPolicy.DROP_NEWEST));
        if (journal != null) {
            builder.journal(ChronicleJournal.builder(journal).build());
        }
        CtiEngine engine = builder.start();
        Subscription tap = engine.subscriptions().get(0);
        Thread onInterrupt = new Thread(() -> {
            done.countDown();
            engine.close();
            out.flush();
        }, "tap-shutdown");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        try {
            if (duration == null) {
                done.await();
            } else {
                done.await(duration.toMillis(), TimeUnit.MILLISECONDS);
            }
        } finally {
            engine.close();
            out.flush();
            removeHook(onInterrupt);
        }
        long dropped = tap.stats().dropped();
        if (dropped > 0) {
            spec.commandLine().getErr().println("error: tap fell behind and lost " + dropped + " events");
            return ExitCode.EVENTS_LOST;
        }
        return ExitCode.OK;
    }

    private void print(CtiEvent event, PrintWriter out, long[] printed, CountDownLatch done) {
        if (event instanceof Tick && !ticks || maxEvents > 0 && printed[0] >= maxEvents) {
            return;
        }
        out.println(EventJson.line(event));
        if (++printed[0] == maxEvents) {
            out.flush();
            done.countDown();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook runs anyway
        }
    }
}
