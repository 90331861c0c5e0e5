package io.callwire.benchmarks.report;

import java.util.Locale;

/** How the report writes numbers: thousands separators, a few significant digits for small values. */
final class Numbers {
    private Numbers() {
    }

    static String count(double value) {
        if (Double.isNaN(value)) {
            return "–";
        }
        double abs = Math.abs(value);
        if (abs >= 100 || abs == 0) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        if (abs >= 10) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        if (abs >= 1) {
            return String.format(Locale.ROOT, "%.2f", value);
        }
        return String.format(Locale.ROOT, "%.3g", value);
    }

    static String withError(double value, double error) {
        return Double.isNaN(error) ? count(value) : count(value) + " ± " + count(error);
    }

    static String ratio(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "–";
        }
        return (value >= 100 ? String.format(Locale.ROOT, "%,.0f", value)
                : value >= 10 ? String.format(Locale.ROOT, "%.1f", value)
                : String.format(Locale.ROOT, "%.2f", value)) + "×";
    }

    static String bytes(double value) {
        return Double.isNaN(value) ? "–" : value < 0.5 ? "0" : String.format(Locale.ROOT, "%,.0f", value);
    }
}
