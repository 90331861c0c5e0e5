package io.callwire.examples.app;

import io.callwire.examples.web.UserDirectory;
import io.callwire.examples.web.WebConfig;
import io.callwire.routing.AgentProfile;
import io.callwire.routing.RoutingQueue;
import io.callwire.routing.SkillExpression;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The small contact center the app tests run: agent-01 (station 1001) is driven by the test and alone takes
 * the support queue; agent-02 and agent-03 answer by themselves and take sales and billing. No generated
 * traffic: tests place the calls they need.
 */
final class TestApps {
    static final String SWITCH = "sim:?agents=3&callsPerMinute=0&queues=sales,support,billing,followup"
            + "&manualAgents=agent-01&routing=library&aht=600&ring=1&wrapUp=2&holdRate=0&transferRate=0&consultRate=0";
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private TestApps() {
    }

    static List<RoutingQueue> queues() {
        return List.of(
                new RoutingQueue("sales", SkillExpression.parse("sales >= 1"), Duration.ofMinutes(2)),
                new RoutingQueue("support", SkillExpression.parse("support >= 1"), Duration.ofMinutes(2)),
                new RoutingQueue("billing", SkillExpression.parse("billing >= 1"), Duration.ofMinutes(2)),
                new RoutingQueue("followup", SkillExpression.parse("followup >= 1"), Duration.ofMinutes(2)));
    }

    static List<AgentProfile> agents() {
        return List.of(new AgentProfile("agent-01", "1001", Map.of("support", 5, "followup", 5)),
                new AgentProfile("agent-02", "1002", Map.of("sales", 5)),
                new AgentProfile("agent-03", "1003", Map.of("billing", 5)));
    }

    /** The demo users (password "callwire") with cheap hashes, so tests stay fast. */
    static UserDirectory users() {
        return DemoContactCenter.users(1_000);
    }

    /** Where the test app reads recording files (the simulator records none; tests put files here). */
    static final java.nio.file.Path RECORDINGS = recordingsDirectory();

    private static java.nio.file.Path recordingsDirectory() {
        try {
            return java.nio.file.Files.createTempDirectory("callwire-recordings");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static AppSettings settings(String switchUri) {
        return new AppSettings(switchUri, new WebConfig("127.0.0.1", 0, RECORDINGS),
                "jdbc:h2:mem:app-test-" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1", "sa", "",
                users(), queues(), agents(), true, Duration.ofMinutes(5));
    }
}
