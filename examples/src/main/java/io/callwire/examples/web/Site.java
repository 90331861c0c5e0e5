package io.callwire.examples.web;

import java.util.Set;
import java.util.concurrent.Executor;

/**
 * What every connection's handlers share.
 *
 * @param hosts   Host header values the server answers to
 * @param api     where API requests run (they wait for the switch and the database, never on an event loop)
 * @param sockets open WebSockets, for closing them when their session expires
 */
record Site(ApiRoutes routes, SessionStore sessions, DeskHub hub, StaticContent content, Set<String> hosts,
            Executor api, Set<SocketClient> sockets) {
}
