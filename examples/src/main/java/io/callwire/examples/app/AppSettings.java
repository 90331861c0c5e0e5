package io.callwire.examples.app;

import io.callwire.examples.web.UserDirectory;
import io.callwire.examples.web.WebConfig;
import io.callwire.routing.AgentProfile;
import io.callwire.routing.RoutingQueue;

import java.time.Duration;
import java.util.List;

/**
 * Everything the reference agent app is started with.
 *
 * @param switchUri  the switch; the demo contact center on the simulator unless told otherwise
 * @param web        where the web server listens
 * @param jdbcUrl    the CRM database (H2 in memory by default, PostgreSQL by URL)
 * @param dbUser     database user
 * @param dbPassword database password; never logged
 * @param users      who may log in
 * @param queues     queues the library's ACD routes
 * @param agents     agents the ACD may offer calls to
 * @param demoData   whether to add the demo customers to an empty CRM
 * @param sessionIdle how long a session lives without requests
 */
public record AppSettings(String switchUri, WebConfig web, String jdbcUrl, String dbUser, String dbPassword,
                          UserDirectory users, List<RoutingQueue> queues, List<AgentProfile> agents, boolean demoData,
                          Duration sessionIdle) {
    public AppSettings {
        queues = List.copyOf(queues);
        agents = List.copyOf(agents);
    }

    /** Without the database password. */
    @Override
    public String toString() {
        return "AppSettings[web=" + web + ", queues=" + queues.size() + ", agents=" + agents.size() + "]";
    }
}
