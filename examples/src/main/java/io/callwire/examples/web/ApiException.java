package io.callwire.examples.web;

import io.netty.handler.codec.http.HttpResponseStatus;

/** A request the API refuses, answered as {@code {"error":{"code":..,"message":..}}} with an HTTP status. */
public final class ApiException extends RuntimeException {
    private final transient HttpResponseStatus status;
    private final String code;

    public ApiException(HttpResponseStatus status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(HttpResponseStatus.BAD_REQUEST, "invalid_input", message);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(HttpResponseStatus.FORBIDDEN, "forbidden", message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(HttpResponseStatus.NOT_FOUND, "not_found", message);
    }

    public static ApiException conflict(String message) {
        return new ApiException(HttpResponseStatus.CONFLICT, "conflict", message);
    }

    public HttpResponseStatus status() {
        return status;
    }

    public String code() {
        return code;
    }
}
