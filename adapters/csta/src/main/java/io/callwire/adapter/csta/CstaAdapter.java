package io.callwire.adapter.csta;

import io.callwire.core.command.CommandResult;
import io.callwire.core.command.CtiCommand;
import io.callwire.core.command.LinkDownException;
import io.callwire.core.model.Switch;
import io.callwire.core.model.SwitchKind;
import io.callwire.core.spi.EventSink;
import io.callwire.core.spi.SwitchAdapter;
import io.netty.channel.EventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A switch that speaks CSTA Phase III XML (ECMA-323) over TCP with the 8-byte header of Avaya AES DMCC: Avaya
 * Communication Manager through AES, and other ECMA-323 servers using that framing. Create it from a
 * {@code csta://user:password@host:port?devices=1001,1002,5000} URI through {@link CstaProvider}; see
 * {@link CstaConfig} for the parameters and docs/adapters/csta.md for what is covered.
 *
 * <p>One Netty event loop thread, {@code cti-csta-<id>}, does all the work: it reads and translates events,
 * sends requests and completes command stages; {@link #execute} only hands the command to it.
 */
public final class CstaAdapter implements SwitchAdapter {
    private static final Logger log = LoggerFactory.getLogger(CstaAdapter.class);

    private final CstaConfig config;
    private final Switch info;
    private MultiThreadIoEventLoopGroup group;
    private volatile EventLoop loop;
    private volatile CstaLink link;
    private volatile boolean running;

    /** An adapter with these settings; {@link #start} connects. */
    public CstaAdapter(CstaConfig config) {
        this.config = config;
        this.info = new Switch(config.id(), SwitchKind.CSTA, config.host() + ":" + config.port());
    }

    /** The settings this adapter runs with (the password masked in {@code toString}). */
    public CstaConfig config() {
        return config;
    }

    @Override
    public Switch info() {
        return info;
    }

    @Override
    public synchronized void start(EventSink sink) {
        if (group != null) {
            throw new IllegalStateException("CSTA adapter " + config.id() + " already started");
        }
        group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("cti-csta-" + config.id(), true),
                NioIoHandler.newFactory());
        loop = (EventLoop) group.next();
        link = new CstaLink(config, loop, sink);
        running = true;
        log.info("starting CSTA adapter {}", config);
        loop.execute(link::connect);
    }

    /** Hands the command to the event loop; the stage completes with the switch's response or a typed error. */
    @Override
    public CompletionStage<CommandResult> execute(CtiCommand command) {
        CompletableFuture<CommandResult> result = new CompletableFuture<>();
        CstaLink l = link;
        if (!running || l == null) {
            result.completeExceptionally(new LinkDownException(config.id()));
            return result;
        }
        try {
            loop.execute(() -> l.execute(command, result));
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new LinkDownException(config.id()));
        }
        return result;
    }

    @Override
    public boolean supports(Class<? extends CtiCommand> commandType) {
        return CommandTranslator.SUPPORTED.contains(commandType);
    }

    /** Stops the monitors and the session (briefly waiting for the switch), closes the connection and the thread. */
    @Override
    public void close() {
        MultiThreadIoEventLoopGroup g;
        synchronized (this) {
            if (!running) {
                return;
            }
            running = false;
            g = group;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        CstaLink l = link;
        try {
            loop.execute(() -> l.stop(done));
            if (!loop.inEventLoop()) {
                done.get(Math.min(5_000, config.requestMillis() * 2), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RejectedExecutionException e) {
            log.debug("CSTA adapter {} did not stop its session cleanly: {}", config.id(), e.toString());
        }
        g.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    /** Event reports applied once although the switch sent them more than once (one per monitor). */
    long duplicates() {
        CstaLink l = link;
        return l == null ? 0 : l.duplicates();
    }
}
