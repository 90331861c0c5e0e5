package io.callwire.benchmarks.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The report renders JMH's JSON into the marked section of the page, with ratios and plots. */
class ReportTest {

    private static String row(String method, String mode, String agents, double score, String unit, double p99) {
        return row("RoutingDecisionBenchmark", method, mode, agents, score, unit, p99);
    }

    private static String row(String className, String method, String mode, String agents, double score, String unit,
                              double p99) {
        String percentiles = mode.equals("sample")
                ? ", \"scorePercentiles\": {\"50.0\": " + p99 / 2 + ", \"99.0\": " + p99 + ", \"99.9\": " + p99 * 2 + "}"
                : "";
        return "{\"jmhVersion\": \"1.37\", \"benchmark\": \"io.callwire.routing." + className + "." + method
                + "\", \"mode\": \"" + mode + "\", \"forks\": 1, \"jdkVersion\": \"17\", \"vmName\": \"VM\", "
                + "\"vmVersion\": \"17\", \"warmupIterations\": 2, \"warmupTime\": \"1 s\", "
                + "\"measurementIterations\": 3, \"measurementTime\": \"1 s\", \"params\": {\"agents\": \"" + agents
                + "\"}, \"primaryMetric\": {\"score\": " + score + ", \"scoreError\": 0.1, \"scoreUnit\": \"" + unit
                + "\"" + percentiles + "}, \"secondaryMetrics\": {\"gc.alloc.rate.norm\": {\"score\": 24.0, "
                + "\"scoreUnit\": \"B/op\"}}}";
    }

    @Test
    void rendersRatiosTablesAndPlotsBetweenTheMarkers(@TempDir Path dir) throws IOException {
        Path json = dir.resolve("short.json");
        Files.writeString(json, "[" + String.join(",",
                row("pool", "thrpt", "100", 2.0, "ops/us", 0),
                row("linearScan", "thrpt", "100", 0.2, "ops/us", 0),
                row("pool", "sample", "100", 0.5, "us/op", 1.5),
                row("linearScan", "sample", "100", 5.0, "us/op", 12.0)) + "]");
        Path docs = dir.resolve("docs");
        Files.createDirectories(docs);
        Path page = docs.resolve("performance.md");
        Files.writeString(page, "# Performance\n\nintro\n\n" + Report.BEGIN + "\nold\n" + Report.END + "\n\nafter\n");

        Report.main(new String[] {json.toString(), page.toString(), docs.resolve("images").toString(),
            "--label", "short mode", "--load", "0.10 0.20 0.30"});

        String text = Files.readString(page);
        assertTrue(text.startsWith("# Performance\n\nintro\n\n" + Report.BEGIN), text);
        assertTrue(text.endsWith(Report.END + "\n\nafter\n"), text);
        assertTrue(!text.contains("\nold\n"), "the previous section is replaced");
        assertTrue(text.contains("| 100 | 2,000,000 ± 100,000 | 200,000 ± 100,000 | 10.0× |"), text);
        assertTrue(text.contains("0.750 / 1.50 / 3.00"), "pool p50 / p99 / p99.9 in µs: " + text);
        assertTrue(text.contains("load average (1, 5, 15 min) before the run: 0.10 0.20 0.30"), text);
        assertTrue(text.contains("](images/perf-routing-decision.png)"), text);
        byte[] png = Files.readAllBytes(docs.resolve("images/perf-routing-decision.png"));
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(png, 4));
        assertTrue(Files.size(docs.resolve("images/perf-routing-decision-p99.png")) > 1000);
    }

    @Test
    void saysWhetherTheRouterDecisionMeetsTheIssueTarget(@TempDir Path dir) throws IOException {
        Path json = dir.resolve("short.json");
        Files.writeString(json, "[" + String.join(",",
                row("RouterDecisionBenchmark", "router", "thrpt", "10000", 1.5, "ops/us", 0),
                row("RouterDecisionBenchmark", "linearScan", "thrpt", "10000", 0.003, "ops/us", 0),
                row("RouterDecisionBenchmark", "router", "sample", "10000", 0.9, "us/op", 12.0),
                row("RouterDecisionBenchmark", "linearScan", "sample", "10000", 350, "us/op", 500)) + "]");
        Path page = dir.resolve("performance.md");

        Report.main(new String[] {json.toString(), page.toString(), dir.resolve("images").toString()});

        String text = Files.readString(page);
        assertTrue(text.contains("(`RouterDecisionBenchmark`)"), text);
        assertTrue(text.contains("| 10,000 | 1,500,000 ± 100,000 | 3,000 ± 100,000 | 500× |"), text);
        assertTrue(text.contains("**1,500,000 decisions/s** (met), p99 **12.0 µs** (not met), 24 B/decision (not met)"),
                text);
        assertTrue(Files.size(dir.resolve("images/perf-router-decision.png")) > 1000);
    }

    @Test
    void formatsNumbersForPeople() {
        assertEquals("1,234,568", Numbers.count(1_234_567.8));
        assertEquals("12.3", Numbers.count(12.34));
        assertEquals("0.0123", Numbers.count(0.01234));
        assertEquals("1,494×", Numbers.ratio(1494.2));
        assertEquals("0.28×", Numbers.ratio(0.2812));
        assertEquals("–", Numbers.ratio(Double.NaN));
    }
}
