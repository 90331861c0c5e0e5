package io.callwire.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callwire.core.engine.CtiEngine;
import io.callwire.core.engine.ListenerOptions;
import io.callwire.core.engine.OverflowPolicy;
import io.callwire.core.event.CtiEvent;
import io.callwire.core.event.Tick;
import io.callwire.routing.AgentProfile;
import io.callwire.routing.QueueStatistics;
import io.callwire.routing.Router;
import io.callwire.routing.RoutingQueue;
import io.callwire.routing.SkillExpression;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code simulate}: plays a traffic profile on the simulator with the library's ACD routing and prints the
 * queues' statistics as JSON lines in simulated time.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Play a traffic profile on the simulator, routed by the library's ACD, and print queue statistics "
                + "as JSON lines every 'report' of simulated time, then a summary.",
                "The profile is a properties file: duration=1h, report=5m and simulator settings such as agents=20, "
                        + "callsPerMinute=30, queues=sales,support, aht=180, patience=90, seed=1, speed=0 (see docs/simulator.md)."})
final class SimulateCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PROFILE", description = "Traffic profile file")
    private Path profileFile;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(profileFile)) {
            throw new IllegalArgumentException("no profile file " + profileFile);
        }
        TrafficProfile profile = TrafficProfile.read(profileFile);
        List<RoutingQueue> queues = new ArrayList<>();
        Map<String, Integer> skills = new HashMap<>();
        for (String queue : profile.queues()) {
            queues.add(new RoutingQueue(queue, SkillExpression.ANY, Duration.ofMinutes(1)));
            skills.put(queue, 5);
        }
        List<AgentProfile> agents = new ArrayList<>();
        for (int n = 1; n <= profile.agents(); n++) {
            agents.add(new AgentProfile(String.format("agent-%02d", n), Integer.toString(1000 + n), skills));
        }
        Router router = new Router(queues, agents);
        PrintWriter out = spec.commandLine().getOut();
        CountDownLatch done = new CountDownLatch(1);
        Clock clock = new Clock(profile, router, out, done);
        try (CtiEngine engine = CtiEngine.builder().switchUri(profile.switchUri()).extension(router)
                .listener("simulate", clock, ListenerOptions.of(1 << 16, OverflowPolicy.DROP_OLDEST)).start()) {
            done.await();
        }
        out.flush();
        return ExitCode.OK;
    }

    /** Follows simulated time from the ticks and prints a report line at each interval. */
    private static final class Clock implements io.callwire.core.engine.CtiListener {
        private final TrafficProfile profile;
        private final Router router;
        private final PrintWriter out;
        private final CountDownLatch done;
        private long start = -1;
        private long nextReport;

        Clock(TrafficProfile profile, Router router, PrintWriter out, CountDownLatch done) {
            this.profile = profile;
            this.router = router;
            this.out = out;
            this.done = done;
        }

        @Override
        public void onEvent(CtiEvent event) {
            if (!(event instanceof Tick) || done.getCount() == 0) {
                return;
            }
            long now = event.envelope().timestamp();
            if (start < 0) {
                start = now;
                nextReport = now + profile.report().toMillis();
                return;
            }
            boolean end = now - start >= profile.duration().toMillis();
            if (now >= nextReport || end) {
                nextReport += profile.report().toMillis();
                out.println(line(end ? "summary" : "report", now));
                out.flush();
            }
            if (end) {
                done.countDown();
            }
        }

        private String line(String kind, long now) {
            ObjectNode line = JSON.createObjectNode().put("type", kind).put("simulatedSeconds", (now - start) / 1000);
            ObjectNode queues = line.putObject("queues");
            for (QueueStatistics s : new TreeMap<>(router.statistics()).values()) {
                queues.putObject(s.queueId()).put("offered", s.offered()).put("answered", s.answered())
                        .put("abandoned", s.abandoned()).put("waiting", s.waiting())
                        .put("longestWaitSeconds", s.longestWaitMillis(now) / 1000)
                        .put("serviceLevel", Math.round(s.serviceLevelPercent() * 10) / 10.0)
                        .put("asaSeconds", Math.round(s.averageSpeedOfAnswerMillis() / 100.0) / 10.0);
            }
            return line.toString();
        }
    }
}
