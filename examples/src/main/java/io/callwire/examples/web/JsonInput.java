package io.callwire.examples.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A request's JSON object, read field by field with validation: unknown fields, missing fields, wrong types,
 * over-long text and text outside a field's pattern are refused with an {@link ApiException} naming the field.
 */
public final class JsonInput {
    /** Ids of calls, legs, agents, queues, stations and destinations. */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9+._:-]{1,64}");
    private static final int MAX_BODY = 16 * 1024;
    private final JsonNode node;

    private JsonInput(JsonNode node) {
        this.node = node;
    }

    /** Parses a request body that must be one JSON object with only the allowed fields. */
    public static JsonInput parse(ObjectMapper json, String body, Set<String> allowed) {
        if (body.length() > MAX_BODY) {
            throw ApiException.badRequest("the request body is larger than " + MAX_BODY + " bytes");
        }
        JsonNode node;
        try {
            node = body.isBlank() ? json.createObjectNode() : json.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("the request body is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw ApiException.badRequest("the request body must be a JSON object");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw ApiException.badRequest("unknown field '" + truncate(name) + "'; allowed: " + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
        return new JsonInput(node);
    }

    /** A required text field matching the pattern. */
    public String text(String field, Pattern pattern) {
        String value = optionalText(field, pattern, null);
        if (value == null) {
            throw ApiException.badRequest("field '" + field + "' is required");
        }
        return value;
    }

    /** An optional text field matching the pattern, or the fallback when absent. */
    public String optionalText(String field, Pattern pattern, String fallback) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isTextual()) {
            throw ApiException.badRequest("field '" + field + "' must be a string");
        }
        String text = value.asText();
        if (!pattern.matcher(text).matches()) {
            throw ApiException.badRequest("field '" + field + "' must match " + pattern.pattern());
        }
        return text;
    }

    /** A required field whose value is one of the choices. */
    public String choice(String field, List<String> choices) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || !choices.contains(value.asText())) {
            throw ApiException.badRequest("field '" + field + "' must be one of " + String.join(", ", choices));
        }
        return value.asText();
    }

    /** Free text of at most {@code max} characters without control characters other than line breaks. */
    public String freeText(String field, int max) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return "";
        }
        if (!value.isTextual()) {
            throw ApiException.badRequest("field '" + field + "' must be a string");
        }
        String text = value.asText();
        if (text.length() > max) {
            throw ApiException.badRequest("field '" + field + "' is longer than " + max + " characters");
        }
        if (text.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
            throw ApiException.badRequest("field '" + field + "' contains control characters");
        }
        return text;
    }

    /** An optional boolean field. */
    public boolean flag(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw ApiException.badRequest("field '" + field + "' must be true or false");
        }
        return value.asBoolean();
    }

    private static String truncate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }
}
