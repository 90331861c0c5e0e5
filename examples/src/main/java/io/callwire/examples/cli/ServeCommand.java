package io.callwire.examples.cli;

import io.callwire.examples.app.AgentApp;
import io.callwire.examples.app.AppSettings;
import io.callwire.examples.app.DemoContactCenter;
import io.callwire.examples.web.PasswordHasher;
import io.callwire.examples.web.Role;
import io.callwire.examples.web.User;
import io.callwire.examples.web.UserDirectory;
import io.callwire.examples.web.WebConfig;
import io.callwire.routing.AgentProfile;
import io.callwire.routing.RoutingQueue;
import io.callwire.routing.SkillExpression;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code serve}: the reference agent app (agent desktop, supervisor wallboard, CRM) in the browser. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve the reference agent app: agent desktop, supervisor wallboard and the CRM/work-order example.",
                "Without --switch it runs a demo contact center on the simulator; log in as agent-01..agent-03 or "
                        + "supervisor with the password 'callwire'."})
final class ServeCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--switch", paramLabel = "URI", description = "Switch to connect to (default: the demo contact center on the simulator)")
    private String switchUri;

    @Option(names = "--port", paramLabel = "N", defaultValue = "8080", description = "TCP port (default: ${DEFAULT-VALUE}; 0 = any free port)")
    private int port;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE})")
    private String bind;

    @Option(names = "--recordings", paramLabel = "DIR",
            description = "Directory holding the switch's recording files, for supervisor playback (default: a placeholder tone)")
    private Path recordings;

    @Option(names = "--calls-per-minute", paramLabel = "N", defaultValue = "4", description = "Demo traffic on the simulator (default: ${DEFAULT-VALUE})")
    private int callsPerMinute;

    @Option(names = "--db", paramLabel = "JDBC-URL", defaultValue = "jdbc:h2:mem:callwire-crm;DB_CLOSE_DELAY=-1",
            description = "CRM database (default: H2 in memory), e.g. jdbc:h2:./crm or jdbc:postgresql://127.0.0.1:5432/crm")
    private String jdbcUrl;

    @Option(names = "--db-user", paramLabel = "NAME", defaultValue = "sa", description = "Database user (default: ${DEFAULT-VALUE})")
    private String dbUser;

    @Option(names = "--db-password-env", paramLabel = "VAR", description = "Environment variable holding the database password")
    private String dbPasswordEnv;

    @Option(names = "--users", paramLabel = "FILE", description = "Users file (name:role:agentId:station:hash); default: the demo users")
    private Path usersFile;

    @Option(names = "--queues", paramLabel = "Q1,Q2", split = ",", description = "Queues the ACD routes on a --switch (default: the demo's)")
    private List<String> queues;

    @Option(names = "--session-idle", paramLabel = "TIME", defaultValue = "30m", converter = DurationConverter.class,
            description = "Log out after this long without requests (default: ${DEFAULT-VALUE})")
    private Duration sessionIdle;

    @Override
    public Integer call() throws Exception {
        if (callsPerMinute < 0) {
            throw new IllegalArgumentException("--calls-per-minute must not be negative");
        }
        boolean demo = switchUri == null;
        if (usersFile != null && !java.nio.file.Files.isReadable(usersFile)) {
            throw new IllegalArgumentException("cannot read the users file " + usersFile);
        }
        UserDirectory users = usersFile == null ? DemoContactCenter.users(PasswordHasher.DEFAULT_ITERATIONS) : UserDirectory.read(usersFile);
        String password = "";
        if (dbPasswordEnv != null) {
            password = System.getenv(dbPasswordEnv);
            if (password == null) {
                throw new IllegalArgumentException("environment variable " + dbPasswordEnv + " is not set");
            }
        }
        if (!demo && switchUri.startsWith("sim:") && !switchUri.contains("routing=library")) {
            spec.commandLine().getErr().println("note: the app routes --queues with the library's ACD; add routing=library "
                    + "to the simulator URI or the simulator routes those calls too");
        }
        List<RoutingQueue> routed = demo && queues == null ? DemoContactCenter.queues() : queuesOf(queues);
        List<AgentProfile> agents = demo ? DemoContactCenter.agents() : agentsOf(users, routed);
        if (recordings != null && !Files.isDirectory(recordings)) {
            throw new IllegalArgumentException("--recordings " + recordings + " is not a directory");
        }
        AppSettings settings = new AppSettings(demo ? DemoContactCenter.switchUri(callsPerMinute) : switchUri,
                new WebConfig(bind, port, recordings), jdbcUrl, dbUser, password, users, routed, agents, demo, sessionIdle);
        CountDownLatch stop = new CountDownLatch(1);
        try (AgentApp app = start(settings)) {
            Thread hook = new Thread(stop::countDown, "serve-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            String host = bind.contains(":") ? "[" + bind + "]" : bind;
            spec.commandLine().getOut().println("callwire agent app on http://" + host + ":" + app.port()
                    + "/  (switch: " + (demo ? "demo contact center on the simulator" : "given by --switch")
                    + "; users: " + users.all().stream().map(User::name).toList() + ")");
            spec.commandLine().getOut().flush();
            stop.await();
        }
        return ExitCode.OK;
    }

    private AgentApp start(AppSettings settings) throws InterruptedException {
        try {
            return AgentApp.start(settings);
        } catch (RuntimeException e) {
            if (e.getCause() instanceof java.net.BindException) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
            throw e;
        }
    }

    private static List<RoutingQueue> queuesOf(List<String> names) {
        if (names == null || names.isEmpty()) {
            throw new IllegalArgumentException("with --switch, name the queues the ACD routes with --queues");
        }
        List<RoutingQueue> out = new ArrayList<>();
        for (String name : names) {
            out.add(new RoutingQueue(name, SkillExpression.ANY, Duration.ofSeconds(20)));
        }
        return out;
    }

    /** On a real switch every agent user may take every queue. */
    private static List<AgentProfile> agentsOf(UserDirectory users, List<RoutingQueue> queues) {
        List<AgentProfile> out = new ArrayList<>();
        for (User user : users.all()) {
            if (user.role() == Role.AGENT) {
                Map<String, Integer> skills = new HashMap<>();
                queues.forEach(q -> skills.put(q.id(), 5));
                out.add(new AgentProfile(user.agentId(), user.station(), skills));
            }
        }
        return out;
    }
}
