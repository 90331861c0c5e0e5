package io.callwire.benchmarks.report;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One row of JMH's JSON result: a benchmark method at one set of parameters in one mode.
 *
 * @param className   simple name of the benchmark class
 * @param method      benchmark method
 * @param mode        JMH mode ("thrpt", "sample", ...)
 * @param params      parameter values, by name
 * @param score       primary score in {@code unit}
 * @param error       99.9% confidence half-width, NaN when JMH gave none
 * @param unit        unit of the score, e.g. "ops/us" or "us/op"
 * @param percentiles sample-mode percentiles ("50.0", "99.0", "99.9", ...) in {@code unit}; empty otherwise
 * @param allocated   bytes allocated per operation ({@code -prof gc}), NaN when not profiled
 * @param secondary   every other secondary score by name (e.g. JMH aux counters)
 */
record BenchmarkRow(String className, String method, String mode, Map<String, String> params, double score,
                    double error, String unit, Map<String, Double> percentiles, double allocated,
                    Map<String, Double> secondary) {

    static BenchmarkRow of(JsonNode node) {
        String benchmark = node.path("benchmark").asText();
        String[] parts = benchmark.split("\\.");
        String method = parts[parts.length - 1];
        String className = parts.length > 1 ? parts[parts.length - 2] : "";
        Map<String, String> params = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.path("params").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            params.put(e.getKey(), e.getValue().asText());
        }
        JsonNode primary = node.path("primaryMetric");
        Map<String, Double> percentiles = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = primary.path("scorePercentiles").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            percentiles.put(e.getKey(), e.getValue().asDouble());
        }
        if (!"sample".equals(node.path("mode").asText())) {
            percentiles.clear();
        }
        double allocated = Double.NaN;
        Map<String, Double> secondary = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.path("secondaryMetrics").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("gc.alloc.rate.norm")) {
                allocated = e.getValue().path("score").asDouble();
            } else if (!e.getKey().startsWith("gc.") && !e.getKey().startsWith("·")) {
                secondary.put(e.getKey(), e.getValue().path("score").asDouble());
            }
        }
        JsonNode error = primary.path("scoreError");
        return new BenchmarkRow(className, method, node.path("mode").asText(), params, primary.path("score").asDouble(),
                error.isNumber() ? error.asDouble() : Double.NaN, primary.path("scoreUnit").asText(), percentiles,
                allocated, secondary);
    }

    boolean isThroughput() {
        return mode.equals("thrpt");
    }

    boolean isSample() {
        return mode.equals("sample");
    }

    /** The throughput score in operations per second. */
    double perSecond() {
        return score * perSecondFactor(unit);
    }

    /** The throughput error in operations per second. */
    double errorPerSecond() {
        return error * perSecondFactor(unit);
    }

    /** A time-per-operation value of this row (score or percentile) in microseconds. */
    double micros(double value) {
        return value * microsFactor(unit);
    }

    /** A sample-mode percentile in microseconds, NaN when absent. */
    double percentileMicros(String key) {
        Double v = percentiles.get(key);
        return v == null ? Double.NaN : micros(v);
    }

    String param(String name) {
        return params.getOrDefault(name, "");
    }

    /** Parameters as "a=1, b=2", empty when none. */
    String paramText() {
        StringBuilder sb = new StringBuilder();
        params.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append('=').append(v));
        return sb.toString();
    }

    private static double perSecondFactor(String unit) {
        return switch (unit) {
            case "ops/s" -> 1;
            case "ops/ms" -> 1e3;
            case "ops/us" -> 1e6;
            case "ops/ns" -> 1e9;
            case "ops/min" -> 1.0 / 60;
            default -> throw new IllegalArgumentException("not a throughput unit: " + unit);
        };
    }

    private static double microsFactor(String unit) {
        return switch (unit) {
            case "s/op" -> 1e6;
            case "ms/op" -> 1e3;
            case "us/op" -> 1;
            case "ns/op" -> 1e-3;
            default -> throw new IllegalArgumentException("not a time unit: " + unit);
        };
    }
}
