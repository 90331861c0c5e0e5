package io.callwire.benchmarks;

import io.callwire.core.command.CommandResult;
import io.callwire.core.command.CtiCommand;
import io.callwire.core.event.CtiEvent;
import io.callwire.core.event.Envelope;
import io.callwire.core.event.LegCleared;
import io.callwire.core.event.LegConnected;
import io.callwire.core.event.LegCreated;
import io.callwire.core.model.DeviceType;
import io.callwire.core.model.LegRole;
import io.callwire.core.model.LegState;
import io.callwire.core.model.Switch;
import io.callwire.core.model.SwitchKind;
import io.callwire.core.spi.EventSink;
import io.callwire.core.spi.SwitchAdapter;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The switch traffic the pipeline benchmarks publish: complete two-leg calls of six events each (two
 * LegCreated, two LegConnected, two LegCleared), from which the engine derives one CallEnded per call.
 */
final class CallScript {
    static final int EVENTS_PER_CALL = 6;

    private CallScript() {
    }

    /** {@code calls} complete calls, {@link #EVENTS_PER_CALL} events each, in order. */
    static CtiEvent[] calls(int calls) {
        CtiEvent[] events = new CtiEvent[calls * EVENTS_PER_CALL];
        for (int c = 0; c < calls; c++) {
            System.arraycopy(call(c), 0, events, c * EVENTS_PER_CALL, EVENTS_PER_CALL);
        }
        return events;
    }

    /** The {@link #EVENTS_PER_CALL} events of call number {@code n}, with ids of their own. */
    static CtiEvent[] call(int n) {
        int i = n * EVENTS_PER_CALL;
        String call = "c" + i;
        return new CtiEvent[] {
            new LegCreated(env(call, call + "a", "+4930" + i), LegRole.CALLER, LegState.INITIATED, DeviceType.TRUNK,
                    "+4930" + i),
            new LegCreated(env(call, call + "b", "1001"), LegRole.AGENT, LegState.ALERTING, DeviceType.STATION, "1001"),
            new LegConnected(env(call, call + "b", "1001")),
            new LegConnected(env(call, call + "a", "")),
            new LegCleared(env(call, call + "b", ""), "normal"),
            new LegCleared(env(call, call + "a", ""), "normal")
        };
    }

    private static Envelope env(String call, String leg, String device) {
        return Envelope.of("bench", 0, call, leg, device);
    }

    /** An adapter that only hands its sink to the benchmark. */
    static final class BenchSwitch implements SwitchAdapter {
        volatile EventSink sink;

        @Override
        public Switch info() {
            return new Switch("bench", SwitchKind.OTHER, "");
        }

        @Override
        public void start(EventSink eventSink) {
            this.sink = eventSink;
        }

        @Override
        public CompletionStage<CommandResult> execute(CtiCommand command) {
            return CompletableFuture.completedFuture(CommandResult.ok(""));
        }

        @Override
        public boolean supports(Class<? extends CtiCommand> commandType) {
            return false;
        }

        @Override
        public void close() {
        }
    }
}
