package io.callwire.examples.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callwire.core.command.MakeCall;
import io.callwire.core.engine.ListenerOptions;
import io.callwire.core.engine.OverflowPolicy;
import io.callwire.core.event.AgentReserved;
import io.callwire.core.event.AgentStateChanged;
import io.callwire.core.event.CallEnded;
import io.callwire.core.event.CtiEvent;
import io.callwire.core.event.LegAlerting;
import io.callwire.core.event.LegCreated;
import io.callwire.core.event.ReservationRejected;
import io.callwire.core.event.ReservationTimedOut;
import io.callwire.core.event.TaskAssigned;
import io.callwire.core.event.TaskCompleted;
import io.callwire.core.event.Tick;
import io.callwire.core.model.AgentState;
import io.callwire.core.model.LegState;
import io.callwire.examples.web.PasswordHasher;
import io.callwire.examples.web.Role;
import io.callwire.examples.web.User;
import io.callwire.examples.web.UserDirectory;
import io.callwire.examples.web.WebConfig;
import io.callwire.routing.AgentProfile;
import io.callwire.routing.RoutingQueue;
import io.callwire.routing.SkillExpression;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 500 agent sessions on WebSockets while the simulator's 500 agents take 1,000 calls: every session receives
 * every event that concerns its agent, none other, in ring order, and one screen pop per call ringing at its
 * station. The expected stream of each agent is derived independently from an engine listener of the test.
 */
class WebSocketLoadTest {
    private static final int AGENTS = 500;
    private static final int CALLS = 1_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyEventReachesEverySubscribedSessionInOrder() throws Exception {
        List<User> users = new ArrayList<>();
        List<AgentProfile> profiles = new ArrayList<>();
        String hash = new PasswordHasher(1_000).hash("load".toCharArray());
        for (int n = 1; n <= AGENTS; n++) {
            String id = String.format("agent-%03d", n);
            users.add(new User(id, Role.AGENT, id, station(n), hash));
            profiles.add(new AgentProfile(id, station(n), Map.of("any", 1)));
        }
        String uri = "sim:?agents=" + AGENTS + "&callsPerMinute=0&queues=sales,support&routing=library&speed=20"
                + "&aht=6&ring=1&wrapUp=1&holdRate=0.2&transferRate=0&consultRate=0";
        AppSettings settings = new AppSettings(uri, new WebConfig("127.0.0.1", 0), "jdbc:h2:mem:load;DB_CLOSE_DELAY=-1",
                "sa", "", new UserDirectory(users),
                List.of(new RoutingQueue("sales", SkillExpression.ANY, Duration.ofMinutes(2)),
                        new RoutingQueue("support", SkillExpression.ANY, Duration.ofMinutes(2))),
                profiles, false, Duration.ofMinutes(10));
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        List<TestSocket> sockets = new ArrayList<>();
        try (AgentApp app = AgentApp.start(settings)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> app.hub().agents().size() == AGENTS);
            Queue<CtiEvent> events = new ConcurrentLinkedQueue<>();
            AtomicInteger ended = new AtomicInteger();
            Map<String, AgentState> lastState = new ConcurrentHashMap<>();
            app.engine().subscribe("expected", event -> {
                events.add(event);
                if (event instanceof CallEnded) {
                    ended.incrementAndGet();
                } else if (event instanceof AgentStateChanged changed) {
                    lastState.put(changed.agentId(), changed.state());
                }
            }, ListenerOptions.of(1 << 20, OverflowPolicy.DISCONNECT));
            for (User user : users) {
                var session = app.sessions().open(user);
                sockets.add(TestSocket.open(group, app.port(), session.id(), session.csrfToken()));
            }
            CompletableFuture.allOf(sockets.stream().map(s -> s.handshake).toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(30)).until(() -> app.hub().clients() == AGENTS);

            List<CompletableFuture<?>> placed = new ArrayList<>();
            for (int i = 0; i < CALLS; i++) {
                placed.add(app.engine().execute(new MakeCall("", "+49301" + (100_000 + i), i % 2 == 0 ? "sales" : "support",
                        Map.of("ivr.choice", Integer.toString(1 + i % 4)))).toCompletableFuture());
            }
            CompletableFuture.allOf(placed.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            // quiet: every call ended and every agent back to READY after its wrap-up; only ticks follow
            // (agents that took no call have no state change since the sessions connected)
            await().atMost(Duration.ofSeconds(150)).until(() -> ended.get() == CALLS
                    && lastState.values().stream().allMatch(s -> s == AgentState.READY));

            Expected expected = new Expected(events);
            assertTrue(expected.perAgent.values().stream().mapToInt(List::size).sum() > CALLS * 8, "a busy run");
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (int n = 1; n <= AGENTS; n++) {
                    if (received(sockets.get(n - 1)).size() < expected.perAgent.getOrDefault(agent(n), List.of()).size()) {
                        return false;
                    }
                }
                return true;
            });
            for (int n = 1; n <= AGENTS; n++) {
                TestSocket socket = sockets.get(n - 1);
                assertEquals(expected.perAgent.getOrDefault(agent(n), List.of()), received(socket), agent(n) + " got exactly its events, in order");
                long pops = socket.messages.stream().filter(m -> m.startsWith("{\"type\":\"pop\"")).count();
                assertEquals(expected.pops.getOrDefault(agent(n), 0), (int) pops, agent(n) + " pops");
            }
            assertEquals(0, app.engine().subscriptions().stream().mapToLong(s -> s.stats().dropped()).sum());
        } finally {
            sockets.forEach(TestSocket::close);
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private static String agent(int n) {
        return String.format("agent-%03d", n);
    }

    private static String station(int n) {
        return Integer.toString(1000 + n);
    }

    private static List<String> received(TestSocket socket) throws Exception {
        List<String> keys = new ArrayList<>();
        for (String message : socket.messages) {
            JsonNode m = JSON.readTree(message);
            if (m.get("type").asText().equals("event")) {
                JsonNode e = m.get("event");
                keys.add(e.get("type").asText() + "|" + e.get("seq").asLong() + "|" + e.get("callId").asText() + "|"
                        + e.get("legId").asText() + "|" + e.get("deviceId").asText());
            }
        }
        return keys;
    }

    /** Which events each agent must see, worked out from the whole stream without the app's code. */
    private static final class Expected {
        final Map<String, List<String>> perAgent = new HashMap<>();
        final Map<String, Integer> pops = new HashMap<>();

        Expected(Queue<CtiEvent> events) {
            Map<String, Set<String>> stationsOfCall = new HashMap<>();
            Set<String> rang = new HashSet<>();
            for (CtiEvent event : events) {
                if (event instanceof Tick) {
                    continue;
                }
                String callId = event.envelope().callId();
                String device = event.envelope().deviceId();
                boolean atStation = device.matches("1\\d{3}");
                if (event instanceof LegCreated && atStation) {
                    stationsOfCall.computeIfAbsent(callId, c -> new LinkedHashSet<>()).add(device);
                }
                Set<String> agents = new LinkedHashSet<>();
                String named = agentNamed(event);
                if (named != null) {
                    agents.add(named);
                }
                if (atStation) {
                    agents.add(agentAt(device));
                }
                stationsOfCall.getOrDefault(callId, Set.of()).forEach(s -> agents.add(agentAt(s)));
                String key = event.getClass().getSimpleName() + "|" + event.envelope().sequence() + "|" + callId + "|"
                        + event.envelope().legId() + "|" + device;
                agents.forEach(a -> perAgent.computeIfAbsent(a, x -> new ArrayList<>()).add(key));
                boolean rings = event instanceof LegAlerting || event instanceof LegCreated c && c.initialState() == LegState.ALERTING;
                if (rings && atStation && rang.add(callId + "@" + device)) {
                    pops.merge(agentAt(device), 1, Integer::sum);
                }
                if (event instanceof CallEnded) {
                    stationsOfCall.remove(callId);
                }
            }
        }

        private static String agentAt(String station) {
            return String.format("agent-%03d", Integer.parseInt(station) - 1000);
        }

        private static String agentNamed(CtiEvent event) {
            if (event instanceof AgentStateChanged e) {
                return e.agentId();
            } else if (event instanceof AgentReserved e) {
                return e.agentId();
            } else if (event instanceof TaskAssigned e) {
                return e.agentId();
            } else if (event instanceof TaskCompleted e) {
                return e.agentId().isEmpty() ? null : e.agentId();
            } else if (event instanceof ReservationRejected e) {
                return e.agentId();
            } else if (event instanceof ReservationTimedOut e) {
                return e.agentId();
            }
            return null;
        }
    }
}
