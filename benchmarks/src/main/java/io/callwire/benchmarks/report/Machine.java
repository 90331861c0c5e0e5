package io.callwire.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The machine a run was measured on, as the report states it.
 *
 * @param cores  processors available to the JVM (what {@code nproc} says)
 * @param cpu    CPU model from /proc/cpuinfo, "unknown" elsewhere
 * @param memory total memory from /proc/meminfo, "unknown" elsewhere
 */
record Machine(int cores, String cpu, String memory) {

    static Machine current() {
        return new Machine(Runtime.getRuntime().availableProcessors(),
                field(Path.of("/proc/cpuinfo"), "model name"), gibibytes(field(Path.of("/proc/meminfo"), "MemTotal")));
    }

    /** "24682416 kB" as "23.5 GiB"; anything else unchanged. */
    private static String gibibytes(String kilobytes) {
        String[] parts = kilobytes.split(" ");
        if (parts.length == 2 && parts[1].equals("kB") && parts[0].matches("\\d+")) {
            return String.format(java.util.Locale.ROOT, "%.1f GiB", Long.parseLong(parts[0]) / (1024.0 * 1024.0));
        }
        return kilobytes;
    }

    private static String field(Path file, String name) {
        try {
            List<String> lines = Files.readAllLines(file);
            for (String line : lines) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equals(name)) {
                    return line.substring(colon + 1).trim().replaceAll("\\s+", " ");
                }
            }
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
        return "unknown";
    }
}
