package io.callwire.examples.app;

import io.callwire.examples.crm.Category;
import io.callwire.examples.crm.CrmStore;
import io.callwire.examples.crm.Priority;
import io.callwire.examples.web.PasswordHasher;
import io.callwire.examples.web.Role;
import io.callwire.examples.web.User;
import io.callwire.examples.web.UserDirectory;
import io.callwire.routing.AgentProfile;
import io.callwire.routing.RoutingQueue;
import io.callwire.routing.SkillExpression;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The contact center {@code callwire serve} shows with no setup: twelve agents on the simulator in four
 * library-routed queues; agents 01 to 03 are left to the humans at the agent desktop, the rest answer by
 * themselves. Demo users: {@code agent-01}, {@code agent-02}, {@code agent-03} and {@code supervisor}, all
 * with the password {@value #DEMO_PASSWORD} (the server binds 127.0.0.1 only; use {@code --users} for real ones).
 */
public final class DemoContactCenter {
    /** The demo users' password. */
    public static final String DEMO_PASSWORD = "callwire";
    /** The demo queues routed by the library; the inbound ones are numbers 5000.. on the simulator. */
    public static final List<String> QUEUES = List.of("sales", "support", "billing", "followup");
    /** The agents a human drives from the desktop. */
    public static final List<String> MANUAL_AGENTS = List.of("agent-01", "agent-02", "agent-03");
    /** The supervisor's station: where listen-in, whisper and barge calls ring. */
    public static final String SUPERVISOR_STATION = "2001";
    /** A customer the demo CRM knows, with a complaint past its deadline. */
    public static final String KNOWN_CALLER = "+493012345678";
    private static final int AGENTS = 12;

    private DemoContactCenter() {
    }

    /**
     * The simulator URI of the demo with this many generated calls a minute. Callers reach the inbound queues
     * only: the follow-up queue holds outbound tasks the CRM submits to the ACD.
     */
    public static String switchUri(int callsPerMinute) {
        return "sim:?agents=" + AGENTS + "&callsPerMinute=" + callsPerMinute + "&queues="
                + String.join(",", QUEUES.stream().filter(q -> !q.equals(AgentApp.FOLLOW_UP_QUEUE)).toList())
                + "&manualAgents=" + String.join(",", MANUAL_AGENTS) + "&routing=library&aht=60&patience=60&wrapUp=5";
    }

    /** The demo's queues: each needs its skill; an offer rings 20 s; 30 s service-level time. */
    public static List<RoutingQueue> queues() {
        List<RoutingQueue> queues = new ArrayList<>();
        for (String queue : QUEUES) {
            queues.add(new RoutingQueue(queue, SkillExpression.parse(queue + " >= 1"), Duration.ofSeconds(20)));
        }
        return queues;
    }

    /**
     * The demo's agents: the manual ones have every skill and alone work the follow-up queue (a follow-up is an
     * offer a person accepts at the desktop, which the simulator's automatic agents cannot do); the automatic
     * ones two inbound queues each.
     */
    public static List<AgentProfile> agents() {
        List<AgentProfile> agents = new ArrayList<>();
        for (int n = 1; n <= AGENTS; n++) {
            String id = String.format("agent-%02d", n);
            String station = Integer.toString(1000 + n);
            Map<String, Integer> skills = n <= MANUAL_AGENTS.size()
                    ? Map.of("sales", 7, "support", 7, "billing", 7, "followup", 7)
                    : switch (n % 3) {
                        case 0 -> Map.of("sales", 5, "support", 5);
                        case 1 -> Map.of("support", 5, "billing", 5);
                        default -> Map.of("billing", 5, "sales", 5);
                    };
            AgentProfile agent = new AgentProfile(id, station, skills);
            agents.add(n <= MANUAL_AGENTS.size() ? agent : agent.withQueues(
                    QUEUES.stream().filter(q -> !q.equals(AgentApp.FOLLOW_UP_QUEUE)).toArray(String[]::new)));
        }
        return agents;
    }

    /** The demo users with password {@value #DEMO_PASSWORD}, hashed with {@code iterations} PBKDF2 rounds. */
    public static UserDirectory users(int iterations) {
        PasswordHasher hasher = new PasswordHasher(iterations);
        List<User> users = new ArrayList<>();
        for (String agent : MANUAL_AGENTS) {
            users.add(new User(agent, Role.AGENT, agent, Integer.toString(1000 + Integer.parseInt(agent.substring(6))),
                    hasher.hash(DEMO_PASSWORD.toCharArray())));
        }
        users.add(new User("supervisor", Role.SUPERVISOR, "", SUPERVISOR_STATION, hasher.hash(DEMO_PASSWORD.toCharArray())));
        return new UserDirectory(users);
    }

    /** Adds the demo customers (and one old complaint, overdue) when the CRM has none of them yet. */
    public static void addCustomers(CrmStore crm, long now) {
        if (crm.customerByPhone(KNOWN_CALLER).isPresent()) {
            return;
        }
        crm.addCustomer(KNOWN_CALLER, "Anna Schmidt", "Gartenstr. 5, 10115 Berlin", "gold", now);
        crm.addCustomer("+493098765432", "Jonas Weber", "Hauptstr. 12, 10827 Berlin", "silver", now);
        crm.addCustomer("+493055512345", "Stadtwerke Kita Sonnenschein", "Parkweg 1, 12043 Berlin", "business", now);
        long fourDaysAgo = now - Duration.ofDays(4).toMillis();
        crm.saveOrderForCall("demo-complaint-1", KNOWN_CALLER, Category.COMPLAINT, Priority.HIGH,
                "Bill for October charged twice", "agent-04", fourDaysAgo);
        crm.saveOrderForCall("demo-repair-1", KNOWN_CALLER, Category.REPAIR, Priority.NORMAL,
                "Meter display broken", "agent-05", now - Duration.ofHours(2).toMillis());
    }
}
