package io.callwire.examples.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * A traffic profile for {@code simulate}: a properties file of simulator settings ({@code agents},
 * {@code callsPerMinute}, {@code queues}, {@code aht}, ... as in docs/simulator.md) plus {@code duration}
 * (simulated time to run, e.g. {@code 1h}) and {@code report} (simulated time between report lines).
 *
 * @param simulator the simulator parameters, in file order
 */
record TrafficProfile(Map<String, String> simulator, Duration duration, Duration report) {
    private static final Set<String> SIMULATOR_KEYS = Set.of("agents", "callsPerMinute", "seed", "speed", "epoch",
            "queues", "aht", "ring", "patience", "holdRate", "transferRate", "consultRate", "wrapUp", "maxCalls");

    static TrafficProfile read(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        Map<String, String> simulator = new LinkedHashMap<>();
        Duration duration = Duration.ofHours(1);
        Duration report = Duration.ofMinutes(5);
        for (String key : properties.stringPropertyNames().stream().sorted().toList()) {
            String value = properties.getProperty(key).strip();
            if (key.equals("duration")) {
                duration = duration(file, key, value);
            } else if (key.equals("report")) {
                report = duration(file, key, value);
            } else if (SIMULATOR_KEYS.contains(key)) {
                if (!value.matches("[A-Za-z0-9.,_-]{1,200}")) {
                    throw new IllegalArgumentException(file + ": " + key + " has an invalid value '" + value + "'");
                }
                simulator.put(key, value);
            } else {
                throw new IllegalArgumentException(file + ": unknown setting '" + key + "'; known: duration, report, "
                        + String.join(", ", SIMULATOR_KEYS.stream().sorted().toList()));
            }
        }
        return new TrafficProfile(simulator, duration, report);
    }

    private static Duration duration(Path file, String key, String value) {
        try {
            Duration d = new DurationConverter().convert(value);
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException("not positive");
            }
            return d;
        } catch (Exception e) {
            throw new IllegalArgumentException(file + ": " + key + " must be a positive time like 30s, 10m or 2h, not '" + value + "'");
        }
    }

    /** The queues of the profile (the simulator's default when it names none). */
    List<String> queues() {
        return List.of(simulator.getOrDefault("queues", "sales,support").split(","));
    }

    /** The agents of the profile (the simulator's default when it names none). */
    int agents() {
        return Integer.parseInt(simulator.getOrDefault("agents", "20"));
    }

    /** The simulator URI, with the library routing the calls. */
    String switchUri() {
        StringBuilder uri = new StringBuilder("sim:?routing=library");
        simulator.forEach((k, v) -> uri.append('&').append(k).append('=').append(v));
        return uri.toString();
    }
}
