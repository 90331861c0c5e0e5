package io.callwire.examples.app;

import io.callwire.examples.web.Session;
import io.callwire.examples.web.WebConfig;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A session that expires closes its browser's event stream and refuses further requests. */
class SessionExpiryTest {

    @Test
    void anExpiredSessionsWebSocketIsClosed() throws Exception {
        AppSettings base = TestApps.settings(TestApps.SWITCH);
        AppSettings settings = new AppSettings(base.switchUri(), new WebConfig("127.0.0.1", 0), base.jdbcUrl(), "sa", "",
                base.users(), base.queues(), base.agents(), false, Duration.ofSeconds(1));
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try (AgentApp app = AgentApp.start(settings)) {
            Session session = app.sessions().open(base.users().user("supervisor").orElseThrow());
            TestSocket socket = TestSocket.open(group, app.port(), session.id(), session.csrfToken());
            socket.handshake.get(10, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(10)).until(() -> !socket.isOpen());
            HttpResponse<String> me = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + app.port() + "/api/me")).header("Cookie", "cw_session=" + session.id()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(401, me.statusCode());
            assertEquals(0, app.hub().clients());
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
