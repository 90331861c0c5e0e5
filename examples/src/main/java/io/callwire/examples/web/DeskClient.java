package io.callwire.examples.web;

/** One connected browser as the {@link DeskHub} sees it: it takes JSON messages, in order. */
public interface DeskClient {
    /** Sends one JSON message; never blocks. */
    void send(String json);
}
