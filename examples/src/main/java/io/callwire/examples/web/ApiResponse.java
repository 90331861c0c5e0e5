package io.callwire.examples.web;

import io.netty.handler.codec.http.HttpResponseStatus;

import java.util.List;

/**
 * What an API handler answers.
 *
 * @param body        the content (JSON text unless {@code contentType} says otherwise)
 * @param setCookies  {@code Set-Cookie} header values
 */
public record ApiResponse(HttpResponseStatus status, String contentType, byte[] body, List<String> setCookies) {

    /** 200 with a JSON body. */
    public static ApiResponse json(String text) {
        return new ApiResponse(HttpResponseStatus.OK, "application/json; charset=utf-8",
                text.getBytes(java.nio.charset.StandardCharsets.UTF_8), List.of());
    }

    /** The same response with cookies set. */
    public ApiResponse withCookies(List<String> cookies) {
        return new ApiResponse(status, contentType, body, cookies);
    }

    /** The JSON error answer of a refused request. */
    public static ApiResponse error(HttpResponseStatus status, String code, String message) {
        com.fasterxml.jackson.databind.node.ObjectNode node = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        node.putObject("error").put("code", code).put("message", message);
        return new ApiResponse(status, "application/json; charset=utf-8",
                node.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8), List.of());
    }
}
