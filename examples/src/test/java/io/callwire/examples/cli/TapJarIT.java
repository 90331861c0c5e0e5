package io.callwire.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's main job: the packaged jar taps the built-in simulator in a child JVM. */
class TapJarIT {

    @Test
    void thePackagedJarTapsTheSimulatorWithinSeconds() throws Exception {
        Path jar = Path.of("target", "callwire.jar");
        assertTrue(jar.toFile().isFile(), "run after mvn package: " + jar.toAbsolutePath());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-jar", jar.toString(), "tap", "--duration", "4s",
                "--switch", "sim:?callsPerMinute=120")
                .redirectError(ProcessBuilder.Redirect.INHERIT).directory(new File(".")).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                lines.add(line);
            }
        }
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "tap stops after its duration");
        assertEquals(0, process.exitValue());
        assertTrue(lines.size() >= 21, "link up and 20 agents at least: " + lines.size());
        ObjectMapper json = new ObjectMapper();
        for (String line : lines) {
            assertTrue(json.readTree(line).has("type"), line);
        }
    }
}
