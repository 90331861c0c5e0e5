package io.callwire.adapter.csta;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Pairs responses with requests by invoke id and fails requests the switch leaves unanswered. Every method runs
 * on the connection's event loop, which also runs the timeouts, so no locking is needed.
 */
final class RequestCorrelator {
    private final InvokeIds ids = new InvokeIds();
    private final Map<Integer, Pending> pending = new HashMap<>();
    private final long timeoutMillis;

    RequestCorrelator(long timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
    }

    /** A request waiting for its response. */
    record Pending(int invokeId, String request, CompletableFuture<XmlElement> response, ScheduledFuture<?> timeout) {
    }

    /**
     * Allocates an invoke id for {@code request} and arms its timeout on {@code loop}.
     *
     * @return the pending entry whose future the response completes
     */
    Pending open(String request, EventExecutor loop) {
        int id = ids.next(pending::containsKey);
        CompletableFuture<XmlElement> response = new CompletableFuture<>();
        ScheduledFuture<?> timeout = loop.schedule(() -> {
            if (pending.remove(id) != null) {
                response.completeExceptionally(new CstaRequestTimeoutException(request, id, timeoutMillis));
            }
        }, timeoutMillis, TimeUnit.MILLISECONDS);
        Pending p = new Pending(id, request, response, timeout);
        pending.put(id, p);
        return p;
    }

    /**
     * Completes the request with this invoke id.
     *
     * @return false when no request waits for the id (a late or unknown response)
     */
    boolean complete(int invokeId, XmlElement body) {
        Pending p = pending.remove(invokeId);
        if (p == null) {
            return false;
        }
        p.timeout.cancel(false);
        if (body.name().equals("CSTAErrorCode") || body.name().endsWith("NegResponse")) {
            p.response.completeExceptionally(new CstaErrorException(p.request, errorReason(body)));
        } else {
            p.response.complete(body);
        }
        return true;
    }

    /** Fails one pending request (e.g. its frame could not be written). */
    void fail(int invokeId, Throwable error) {
        Pending p = pending.remove(invokeId);
        if (p != null) {
            p.timeout.cancel(false);
            p.response.completeExceptionally(error);
        }
    }

    /** Fails every pending request, e.g. when the connection drops. */
    void failAll(Throwable error) {
        List<Pending> all = new ArrayList<>(pending.values());
        pending.clear();
        for (Pending p : all) {
            p.timeout.cancel(false);
            p.response.completeExceptionally(error);
        }
    }

    /** Requests waiting for responses now. */
    int size() {
        return pending.size();
    }

    /** The switch's reason in a CSTAErrorCode ("category: value") or a negative session response. */
    static String errorReason(XmlElement body) {
        XmlElement at = body;
        if (!body.name().equals("CSTAErrorCode")) {
            at = body.find("errorCode").or(() -> body.find("CSTAErrorCode")).orElse(body);
        }
        if (at.children().isEmpty()) {
            return at.text().isEmpty() ? body.name() : at.text();
        }
        XmlElement category = at.children().get(0);
        String value = category.children().isEmpty() ? category.text() : category.children().get(0).text();
        return value.isEmpty() ? category.name() : category.name() + ": " + value;
    }
}
