package io.callwire.examples.cli;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's quick start: the packaged jar serves the agent app on the demo contact center in a child JVM. */
class ServeJarIT {

    @Test
    void thePackagedJarServesTheAgentAppOnTheDemoContactCenter() throws Exception {
        Path jar = Path.of("target", "callwire.jar");
        assertTrue(jar.toFile().isFile(), "run after mvn package: " + jar.toAbsolutePath());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-jar", jar.toString(), "serve", "--port", "0")
                .redirectError(ProcessBuilder.Redirect.INHERIT).directory(new File(".")).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String first = out.readLine();
            Matcher address = Pattern.compile("callwire agent app on (http://127\\.0\\.0\\.1:\\d+/) .*").matcher(String.valueOf(first));
            assertTrue(address.matches(), "first line names the address: " + first);
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(address.group(1))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("id=\"login-form\""));
            HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(address.group(1) + "api/login"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"supervisor\",\"password\":\"callwire\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, login.statusCode(), login.body());
        } finally {
            process.destroy();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "serve stops on SIGTERM");
        }
    }
}
