package io.callwire.benchmarks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keeps the benchmarks from rotting: every benchmark class JMH generated runs in this JVM (no fork) for one
 * short iteration of each method and mode at small parameters, and must produce a result. Measures nothing.
 */
class BenchmarksSmokeTest {

    /** Every benchmark class in JMH's generated list (so a new one cannot be forgotten here). */
    static Set<String> benchmarkClasses() throws IOException {
        Set<String> classes = new TreeSet<>();
        try (InputStream in = BenchmarksSmokeTest.class.getResourceAsStream("/META-INF/BenchmarkList")) {
            assertNotNull(in, "JMH's annotation processor wrote no META-INF/BenchmarkList");
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String[] tokens = line.split(" ");
                if (tokens.length > 3 && tokens[0].equals("JMH")) {
                    classes.add(tokens[3]);
                }
            }
        }
        return classes;
    }

    @Test
    void listsTheSuites() throws IOException {
        Set<String> classes = benchmarkClasses();
        for (String suite : new String[] {"io.callwire.benchmarks.PipelineBenchmark",
                "io.callwire.benchmarks.PipelineLatencyBenchmark", "io.callwire.routing.RoutingDecisionBenchmark",
                "io.callwire.routing.RouterCycleBenchmark", "io.callwire.routing.RouterDecisionBenchmark"}) {
            assertTrue(classes.contains(suite), suite + " in " + classes);
        }
    }

    @ParameterizedTest
    @MethodSource("benchmarkClasses")
    void runsOnce(String benchmarkClass, @TempDir Path dir) throws RunnerException {
        Options options = new OptionsBuilder()
                .include("^" + Pattern.quote(benchmarkClass) + "\\.")
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(100))
                .param("agents", "100")
                .param("waiting", "1000")
                .param("waitMode", "BLOCKING")
                .param("durability", "ASYNC")
                .shouldFailOnError(true)
                .output(dir.resolve("jmh.log").toString())
                .build();
        Collection<RunResult> results = new Runner(options).run();
        assertTrue(!results.isEmpty(), "no result for " + benchmarkClass);
        for (RunResult result : results) {
            String name = result.getParams().getBenchmark();
            assertTrue(result.getPrimaryResult().getSampleCount() > 0, name + " measured nothing");
            assertTrue(result.getPrimaryResult().getScore() > 0, name + " scored " + result.getPrimaryResult().getScore());
            assertEquals(benchmarkClass, name.substring(0, name.lastIndexOf('.')));
        }
    }
}
