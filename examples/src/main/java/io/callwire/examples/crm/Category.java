package io.callwire.examples.crm;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Kinds of work orders, each with the working days the contact center has to resolve one. */
public enum Category {
    REPAIR(2), INQUIRY(3), COMPLAINT(1), HELP_REQUEST(1), REPORT(5), QUERY(2);

    private final int workingDays;

    Category(int workingDays) {
        this.workingDays = workingDays;
    }

    /** The name the API and the forms use, e.g. {@code help request}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** Working days (Monday to Friday) allowed before the order is escalated. */
    public int workingDays() {
        return workingDays;
    }

    /** The deadline of an order created at {@code created}: that many working days later, same time of day. */
    public Instant deadline(Instant created, ZoneId zone) {
        ZonedDateTime t = created.atZone(zone);
        int left = workingDays;
        while (left > 0) {
            t = t.plusDays(1);
            if (t.getDayOfWeek() != DayOfWeek.SATURDAY && t.getDayOfWeek() != DayOfWeek.SUNDAY) {
                left--;
            }
        }
        return t.toInstant();
    }

    /** The category with this label. */
    public static Category ofLabel(String label) {
        return Arrays.stream(values()).filter(c -> c.label().equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown category '" + label + "'"));
    }

    /** Every label, in order. */
    public static List<String> labels() {
        return Arrays.stream(values()).map(Category::label).toList();
    }

    /** The category a caller chose in the IVR (1 repair, 2 inquiry, 3 complaint, 4 help request; else query). */
    public static Category ofIvrChoice(String choice) {
        return switch (choice) {
            case "1" -> REPAIR;
            case "2" -> INQUIRY;
            case "3" -> COMPLAINT;
            case "4" -> HELP_REQUEST;
            default -> QUERY;
        };
    }
}
