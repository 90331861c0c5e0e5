package io.callwire.core.engine;

import io.callwire.core.command.CommandResult;
import io.callwire.core.command.CtiCommand;
import io.callwire.core.event.CtiEvent;
import io.callwire.core.model.Switch;
import io.callwire.core.model.SwitchKind;
import io.callwire.core.spi.EventSink;
import io.callwire.core.spi.SwitchAdapter;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** An in-memory adapter: the test publishes events through it and scripts the answers to commands. */
final class FakeSwitch implements SwitchAdapter {
    private final Switch info;
    private final Set<Class<? extends CtiCommand>> supported;
    final List<CtiCommand> received = new CopyOnWriteArrayList<>();
    volatile Function<CtiCommand, CompletionStage<CommandResult>> answer =
            c -> CompletableFuture.completedFuture(CommandResult.ok("done"));
    private volatile EventSink sink;

    FakeSwitch(String id, Set<Class<? extends CtiCommand>> supported) {
        this.info = new Switch(id, SwitchKind.OTHER, "fake");
        this.supported = supported;
    }

    void publish(CtiEvent... events) {
        for (CtiEvent event : events) {
            sink.publish(event);
        }
    }

    @Override
    public Switch info() {
        return info;
    }

    @Override
    public void start(EventSink eventSink) {
        this.sink = eventSink;
    }

    @Override
    public CompletionStage<CommandResult> execute(CtiCommand command) {
        received.add(command);
        return answer.apply(command);
    }

    @Override
    public boolean supports(Class<? extends CtiCommand> commandType) {
        return supported.contains(commandType);
    }

    @Override
    public void close() {
    }
}
