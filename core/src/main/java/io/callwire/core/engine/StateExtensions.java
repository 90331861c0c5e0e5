package io.callwire.core.engine;

import io.callwire.core.command.CommandException;
import io.callwire.core.command.CommandResult;
import io.callwire.core.command.TaskCommand;
import io.callwire.core.event.CtiEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The engine's state extensions in their order, and the one way they are called — live by the state handler
 * and offline by {@link ModelReplay} — so both treat a failing extension alike: logged, counted, skipped.
 */
final class StateExtensions {
    private static final Logger log = LoggerFactory.getLogger(StateExtensions.class);

    private final List<StateExtension> list;
    private final EngineCounters counters;

    StateExtensions(List<? extends StateExtension> extensions, EngineCounters counters) {
        this.list = List.copyOf(extensions);
        this.counters = counters;
    }

    boolean isEmpty() {
        return list.isEmpty();
    }

    void start(StateContext context) {
        for (StateExtension extension : list) {
            extension.start(context);
        }
    }

    /** Every extension applies the event; one that throws is logged and counted, and the others go on. */
    void onEvent(CtiEvent event, StateContext context) {
        for (StateExtension extension : list) {
            try {
                extension.onEvent(event, context);
            } catch (RuntimeException e) {
                counters.handlerErrors.incrementAndGet();
                log.error("state extension {} failed on {} seq {}", extension.getClass().getSimpleName(),
                        event.getClass().getSimpleName(), event.sequence(), e);
            }
        }
    }

    /**
     * The answer of the first extension that handles the task command, or null when none does. A refusal
     * ({@link CommandException}) is thrown on; any other failure is logged and counted, then thrown on.
     */
    CompletionStage<CommandResult> onCommand(TaskCommand command, StateContext context) {
        for (StateExtension extension : list) {
            CompletionStage<CommandResult> answer;
            try {
                answer = extension.onCommand(command, context);
            } catch (CommandException e) {
                throw e;
            } catch (RuntimeException e) {
                counters.handlerErrors.incrementAndGet();
                log.error("state extension {} failed on {}", extension.getClass().getSimpleName(),
                        command.getClass().getSimpleName(), e);
                throw e;
            }
            if (answer != null) {
                return answer;
            }
        }
        return null;
    }
}
