package io.callwire.examples.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.callwire.core.command.CtiControl;
import io.callwire.core.command.SubmitTask;
import io.callwire.core.engine.CtiEngine;
import io.callwire.core.engine.ListenerOptions;
import io.callwire.core.engine.OverflowPolicy;
import io.callwire.core.model.Channel;
import io.callwire.examples.crm.CrmDatabase;
import io.callwire.examples.crm.CrmHook;
import io.callwire.examples.crm.CrmStore;
import io.callwire.examples.crm.FollowUp;
import io.callwire.examples.web.ApiRoutes;
import io.callwire.examples.web.DeskHub;
import io.callwire.examples.web.SessionStore;
import io.callwire.examples.web.WebServer;
import io.callwire.routing.Router;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The reference agent application, assembled from the library's public parts: a {@link CtiEngine} on one
 * switch with the {@link Router} ACD inside, the {@link DeskHub} and the CRM's {@link CrmHook} as listeners,
 * and the {@link WebServer} serving the agent desktop and the supervisor wallboard.
 */
public final class AgentApp implements AutoCloseable {
    /** Where follow-up calls wait for an agent. */
    public static final String FOLLOW_UP_QUEUE = "followup";
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(5);

    private final CtiEngine engine;
    private final Router router;
    private final DeskHub hub;
    private final CrmStore crm;
    private final CrmHook crmHook;
    private final SessionStore sessions;
    private final WebServer web;

    private AgentApp(CtiEngine engine, Router router, DeskHub hub, CrmStore crm, CrmHook crmHook, SessionStore sessions,
                     WebServer web) {
        this.engine = engine;
        this.router = router;
        this.hub = hub;
        this.crm = crm;
        this.crmHook = crmHook;
        this.sessions = sessions;
        this.web = web;
    }

    /** Opens the CRM database, starts the engine on the switch and the web server. */
    public static AgentApp start(AppSettings settings) throws InterruptedException {
        ObjectMapper json = new ObjectMapper();
        CrmStore crm = new CrmStore(CrmDatabase.open(settings.jdbcUrl(), settings.dbUser(), settings.dbPassword()),
                ZoneId.systemDefault());
        if (settings.demoData()) {
            DemoContactCenter.addCustomers(crm, System.currentTimeMillis());
        }
        // an agent is made NOT_READY only after three offers in a row ring out, not after one slow answer
        Router router = new Router(settings.queues(), settings.agents()).notReadyAfterMissedOffers(3);
        AtomicReference<CtiEngine> started = new AtomicReference<>();
        CtiControl control = command -> {
            CtiEngine running = started.get();
            return running == null ? CompletableFuture.failedFuture(new IllegalStateException("engine starting"))
                    : running.execute(command);
        };
        DeskHub hub = new DeskHub(json, control, crm::screenPop, crm::followUpOfTask, crm::order,
                router::statistics, true);
        CrmHook crmHook = new CrmHook(crm, task -> followUp(started.get(), task), hub::escalated);
        CtiEngine engine = CtiEngine.builder().switchUri(settings.switchUri()).extension(router)
                .commandTimeout(COMMAND_TIMEOUT)
                .listener("desk", hub, ListenerOptions.of(1 << 20, OverflowPolicy.DISCONNECT))
                .listener("crm", crmHook, ListenerOptions.of(1 << 16, OverflowPolicy.DROP_OLDEST))
                .start();
        started.set(engine);
        SessionStore sessions = new SessionStore(settings.sessionIdle(), Duration.ofHours(10), Clock.systemUTC());
        ApiRoutes routes = new ApiRoutes(json, settings.users(), sessions, engine, hub, crm, COMMAND_TIMEOUT,
                settings.web().recordings());
        try {
            WebServer web = WebServer.start(settings.web(), routes, sessions, hub);
            return new AgentApp(engine, router, hub, crm, crmHook, sessions, web);
        } catch (InterruptedException | RuntimeException e) {
            engine.close();
            throw e;
        }
    }

    /**
     * Hands a due follow-up call to the ACD as an outbound voice task in the follow-up queue: the router offers it
     * to an agent ({@code AgentReserved} with no call yet), and when the agent accepts it dials the customer from
     * the agent's station. This is the library's {@link SubmitTask}, so it works on every switch. The stage
     * completes with the task id.
     */
    private static CompletionStage<String> followUp(CtiEngine engine, FollowUp task) {
        if (engine == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("engine starting"));
        }
        String taskId = task.routingTaskId();
        SubmitTask submit = new SubmitTask(taskId, FOLLOW_UP_QUEUE, Channel.VOICE, 0, task.phone(), 0, "",
                Map.of("callwire.task", "follow-up", "workOrder", Long.toString(task.workOrderId())));
        return engine.execute(submit).thenApply(result -> taskId);
    }

    public CtiEngine engine() {
        return engine;
    }

    public Router router() {
        return router;
    }

    public DeskHub hub() {
        return hub;
    }

    public CrmStore crm() {
        return crm;
    }

    public CrmHook crmHook() {
        return crmHook;
    }

    public SessionStore sessions() {
        return sessions;
    }

    /** The web server's port. */
    public int port() {
        return web.port();
    }

    @Override
    public void close() {
        web.close();
        engine.close();
    }
}
