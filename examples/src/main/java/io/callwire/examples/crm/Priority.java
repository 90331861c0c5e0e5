package io.callwire.examples.crm;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Urgency of a work order. */
public enum Priority {
    LOW, NORMAL, HIGH, URGENT;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static List<String> labels() {
        return Arrays.stream(values()).map(Priority::label).toList();
    }
}
