package io.callwire.examples.crm;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throw-away PostgreSQL server for tests: initdb into a temporary directory and pg_ctl start on 127.0.0.1 at a
 * free port, with trust authentication for the local user. Uses the Debian package's binaries
 * ({@code apt-get install -y postgresql}, which .ci/run does); as root it runs them as the {@code postgres} user,
 * since PostgreSQL refuses to run as root.
 */
final class PostgresServer implements AutoCloseable {
    private final Path data;
    private final Path bin;
    private final boolean asPostgres;
    final int port;

    private PostgresServer(Path bin, Path data, boolean asPostgres, int port) {
        this.bin = bin;
        this.data = data;
        this.asPostgres = asPostgres;
        this.port = port;
    }

    static PostgresServer start() throws Exception {
        Path bin = binaries();
        boolean root = "root".equals(System.getProperty("user.name"));
        Path data = Files.createTempDirectory("callwire-pg");
        if (root) {
            run(List.of("chown", "postgres", data.toString()), false, null);
        }
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        PostgresServer server = new PostgresServer(bin, data, root, port);
        server.pg(List.of("initdb", "-D", data.resolve("db").toString(), "-A", "trust", "-U", "postgres", "-E", "UTF8"));
        server.pg(List.of("pg_ctl", "-D", data.resolve("db").toString(), "-w", "-t", "60", "-l",
                data.resolve("log").toString(), "-o", "-h 127.0.0.1 -p " + port + " -k " + data, "start"));
        return server;
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    private static Path binaries() throws IOException {
        Path base = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(base)) {
            try (Stream<Path> versions = Files.list(base)) {
                Path found = versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                        .max(Comparator.naturalOrder()).orElse(null);
                if (found != null) {
                    return found;
                }
            }
        }
        throw new IllegalStateException("PostgreSQL is not installed: apt-get install -y postgresql (.ci/run does)");
    }

    private void pg(List<String> command) throws Exception {
        List<String> full = new ArrayList<>(command);
        full.set(0, bin.resolve(command.get(0)).toString());
        run(full, asPostgres, data);
    }

    private static void run(List<String> command, boolean asPostgres, Path dir) throws Exception {
        List<String> full = new ArrayList<>();
        if (asPostgres) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true);
        if (dir != null) {
            builder.directory(dir.toFile());
        }
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(90, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            pg(List.of("pg_ctl", "-D", data.resolve("db").toString(), "-w", "-m", "fast", "stop"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping PostgreSQL", e);
        } catch (Exception e) {
            throw new IOException("could not stop PostgreSQL", e);
        } finally {
            try (Stream<Path> files = Files.walk(data)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
