package io.callwire.core.command;

import java.util.regex.Pattern;

/** Argument checks shared by the command records; failures name the field. */
final class Require {
    private static final Pattern DTMF = Pattern.compile("[0-9*#A-Da-d]{1,64}");

    private Require() {
    }

    static String id(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be empty");
        }
        return value;
    }

    static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    static String dtmf(String digits) {
        if (digits == null || !DTMF.matcher(digits).matches()) {
            throw new IllegalArgumentException("digits must be 1..64 of 0-9 * # A-D, got '" + digits + "'");
        }
        return digits;
    }
}
