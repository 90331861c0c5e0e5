package io.callwire.adapter.simulator;

import io.callwire.core.spi.InvalidSwitchUriException;
import io.callwire.core.spi.SwitchUri;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Settings of a simulated contact center, read from a {@code sim:} URI such as
 * {@code sim:?agents=20&callsPerMinute=30&seed=1}. Times are seconds unless named otherwise.
 *
 * @param id             switch id (default {@code sim}); call ids are {@code <id>-1}, {@code <id>-2}, ..
 * @param agents         number of agents, {@code agent-01} at station 1001 onwards (at most 3999)
 * @param callsPerMinute mean rate of generated inbound calls (Poisson arrivals); 0 for none
 * @param seed           random seed: the same URI gives the same events
 * @param speed          1 = real time, 2 = twice as fast, 0 = as fast as possible
 * @param epoch          virtual start time (epoch ms); -1 = the wall clock at start, rounded down to the second
 * @param queues         queue names; a queue's number is 5000 + its index
 * @param aht            mean talk time (exponential)
 * @param ring           mean time until an auto agent or an external number answers (exponential)
 * @param patience       mean time a generated caller waits in queue before abandoning (exponential)
 * @param holdRate       share of calls an auto agent puts on hold once
 * @param transferRate   share of calls an auto agent blind-transfers to another queue
 * @param consultRate    share of calls an auto agent transfers after consulting another agent
 * @param wrapUp         after-call work of auto agents before they are READY again
 * @param breakTime      how long an auto agent made NOT_READY by a command stays away before it is READY again;
 *                       0 = until told
 * @param tickMillis     virtual milliseconds between Tick events
 * @param maxCalls       stop generating calls after this many; 0 = no limit
 * @param manualAgents   agents that act only on commands (start LOGGED_OUT, answer and hang up when told)
 * @param switchRouting  true: the simulator hands queued calls to the longest-idle READY agent itself;
 *                       false ({@code routing=library}): calls wait until a Redirect moves them
 */
public record SimulatorConfig(String id, int agents, double callsPerMinute, long seed, double speed, long epoch,
                              List<String> queues, double aht, double ring, double patience, double holdRate,
                              double transferRate, double consultRate, double wrapUp, double breakTime, long tickMillis, int maxCalls,
                              Set<String> manualAgents, boolean switchRouting) {

    /** Number of the first queue; the others follow. Stations are 1001 up to 4999, below it. */
    static final int FIRST_QUEUE_NUMBER = 5000;
    private static final int MAX_AGENTS = FIRST_QUEUE_NUMBER - 1001;
    private static final int MAX_QUEUES = 100;
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");
    private static final Set<String> KNOWN = new TreeSet<>(Arrays.asList("id", "agents", "callsPerMinute", "seed",
            "speed", "epoch", "queues", "aht", "ring", "patience", "holdRate", "transferRate", "consultRate",
            "wrapUp", "breakTime", "tickMillis", "maxCalls", "manualAgents", "routing"));

    public SimulatorConfig {
        queues = List.copyOf(queues);
        manualAgents = Set.copyOf(manualAgents);
    }

    /**
     * Reads and checks the parameters of a {@code sim:} URI.
     *
     * @throws InvalidSwitchUriException for an unknown parameter, a malformed value or a value out of range,
     *                                   naming the parameter
     */
    public static SimulatorConfig from(SwitchUri uri) {
        for (String name : uri.params().keySet()) {
            if (!KNOWN.contains(name)) {
                throw new InvalidSwitchUriException("unknown simulator parameter '" + name + "'; known: "
                        + String.join(", ", KNOWN));
            }
        }
        String id = uri.param("id", "sim");
        if (!NAME.matcher(id).matches()) {
            throw new InvalidSwitchUriException("id=" + id + " must be a letter followed by letters, digits, _ . or -");
        }
        String routing = uri.param("routing", "switch");
        if (!routing.equals("switch") && !routing.equals("library")) {
            throw new InvalidSwitchUriException("routing must be switch or library, got '" + routing + "'");
        }
        int agents = (int) range(uri, "agents", uri.longParam("agents", 20), 0, MAX_AGENTS);
        double transferRate = range(uri, "transferRate", uri.doubleParam("transferRate", 0.05), 0, 1);
        double consultRate = range(uri, "consultRate", uri.doubleParam("consultRate", 0.03), 0, 1);
        if (transferRate + consultRate > 1) {
            throw new InvalidSwitchUriException("transferRate + consultRate = " + (transferRate + consultRate)
                    + " is more than 1");
        }
        long epoch = uri.longParam("epoch", -1);
        if (uri.params().containsKey("epoch") && epoch < 0) {
            throw new InvalidSwitchUriException("parameter epoch=" + epoch + " must be epoch milliseconds >= 0");
        }
        return new SimulatorConfig(id, agents,
                range(uri, "callsPerMinute", uri.doubleParam("callsPerMinute", 30), 0, 1_000_000),
                uri.longParam("seed", 1),
                range(uri, "speed", uri.doubleParam("speed", 1), 0, 1_000_000),
                epoch,
                queues(uri.param("queues", "sales,support")),
                range(uri, "aht", uri.doubleParam("aht", 180), 0, 86_400),
                range(uri, "ring", uri.doubleParam("ring", 4), 0, 3_600),
                range(uri, "patience", uri.doubleParam("patience", 90), 0, 86_400),
                range(uri, "holdRate", uri.doubleParam("holdRate", 0.1), 0, 1),
                transferRate,
                consultRate,
                range(uri, "wrapUp", uri.doubleParam("wrapUp", 10), 0, 86_400),
                range(uri, "breakTime", uri.doubleParam("breakTime", 60), 0, 86_400),
                (long) range(uri, "tickMillis", uri.longParam("tickMillis", 1000), 1, 3_600_000),
                (int) range(uri, "maxCalls", uri.longParam("maxCalls", 0), 0, Integer.MAX_VALUE),
                manualAgents(uri.param("manualAgents", ""), agents),
                routing.equals("switch"));
    }

    private static List<String> queues(String list) {
        List<String> queues = List.copyOf(new LinkedHashSet<>(split(list)));
        if (queues.isEmpty() || queues.size() > MAX_QUEUES) {
            throw new InvalidSwitchUriException("queues must name 1 to " + MAX_QUEUES + " queues, got '" + list + "'");
        }
        for (String queue : queues) {
            if (!NAME.matcher(queue).matches()) {
                throw new InvalidSwitchUriException("queue name '" + queue
                        + "' must be a letter followed by letters, digits, _ . or -");
            }
        }
        return queues;
    }

    private static Set<String> manualAgents(String list, int agents) {
        Set<String> manual = new LinkedHashSet<>(split(list));
        for (String agent : manual) {
            boolean known = false;
            for (int n = 1; n <= agents && !known; n++) {
                known = agentId(n).equals(agent);
            }
            if (!known) {
                throw new InvalidSwitchUriException("manualAgents names " + agent + ", but the agents are "
                        + (agents == 0 ? "none" : agentId(1) + " to " + agentId(agents)));
            }
        }
        return manual;
    }

    private static double range(SwitchUri uri, String name, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new InvalidSwitchUriException("parameter " + name + "=" + uri.params().get(name)
                    + " is out of range [" + format(min) + ", " + format(max) + "]");
        }
        return value;
    }

    private static String format(double bound) {
        return bound == Math.rint(bound) ? Long.toString((long) bound) : Double.toString(bound);
    }

    private static List<String> split(String list) {
        return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** Agent id of the n-th agent, counting from 1. */
    static String agentId(int n) {
        return String.format("agent-%02d", n);
    }

    /** Station of the n-th agent, counting from 1. */
    static String station(int n) {
        return Integer.toString(1000 + n);
    }
}
