package org.asteriskjava.manager.internal;

import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.response.ManagerResponse;

import java.util.function.Consumer;

/**
 * asterisk-java's own AMI reader ({@link ManagerReaderImpl}: lines to attribute maps to {@link ManagerEvent}s
 * through its event builder) with a dispatcher that hands every event to a consumer: what a
 * {@code ManagerConnection} does with socket text before any listener. Lives in asterisk-java's package because
 * its dispatcher interface is package-private; used by the AMI normalization benchmark only.
 */
public final class ReaderBench {
    private ReaderBench() {
    }

    /** A reader whose events go to {@code sink}; give it text with {@code setSocket} and call {@code run}. */
    public static ManagerReaderImpl reader(Consumer<ManagerEvent> sink) {
        Dispatcher dispatcher = new Dispatcher() {
            @Override
            public void dispatchResponse(ManagerResponse response, Integer delay) {
            }

            @Override
            public void dispatchEvent(ManagerEvent event, Integer delay) {
                sink.accept(event);
            }

            @Override
            public void stop() {
            }
        };
        return new ManagerReaderImpl(dispatcher, "benchmark");
    }
}
