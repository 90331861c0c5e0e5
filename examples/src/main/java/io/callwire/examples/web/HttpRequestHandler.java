package io.callwire.examples.web;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;

/**
 * Routes each HTTP request: {@code /ws} becomes a WebSocket after the session, origin and CSRF checks;
 * {@code /api/...} runs on the API executor; pages are served by role; {@code /static/...} from the jar.
 * Requests for an unknown Host are refused (DNS rebinding).
 */
final class HttpRequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(HttpRequestHandler.class);
    static final String SESSION_COOKIE = "cw_session";
    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "media-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    private final Site site;

    HttpRequestHandler(Site site) {
        this.site = site;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!request.decoderResult().isSuccess()) {
            send(ctx, request, ApiResponse.error(HttpResponseStatus.BAD_REQUEST, "bad_request", "malformed HTTP request"));
            return;
        }
        String host = request.headers().get(HttpHeaderNames.HOST, "");
        if (!site.hosts().contains(host)) {
            send(ctx, request, ApiResponse.error(HttpResponseStatus.MISDIRECTED_REQUEST, "unknown_host",
                    "this server answers to " + String.join(", ", site.hosts())));
            return;
        }
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        String path = uri.path();
        Optional<Session> session = site.sessions().find(sessionCookie(request));
        if (path.equals("/ws")) {
            upgrade(ctx, request, uri, host, session);
        } else if (path.startsWith("/api/")) {
            api(ctx, request, uri, host, session);
        } else if (request.method().equals(HttpMethod.GET) || request.method().equals(HttpMethod.HEAD)) {
            page(ctx, request, path, session);
        } else {
            send(ctx, request, ApiResponse.error(HttpResponseStatus.METHOD_NOT_ALLOWED, "method_not_allowed",
                    request.method() + " is not allowed on " + path));
        }
    }

    private void upgrade(ChannelHandlerContext ctx, FullHttpRequest request, QueryStringDecoder uri, String host,
                         Optional<Session> session) {
        String origin = request.headers().get(HttpHeaderNames.ORIGIN, "");
        List<String> csrf = uri.parameters().getOrDefault("csrf", List.of());
        if (session.isEmpty()) {
            send(ctx, request, ApiResponse.error(HttpResponseStatus.UNAUTHORIZED, "not_logged_in", "log in before opening the event stream"));
        } else if (!origin.equals("http://" + host)) {
            LOG.warn("WebSocket refused: foreign origin for user {}", session.get().user().name());
            send(ctx, request, ApiResponse.error(HttpResponseStatus.FORBIDDEN, "bad_origin", "the WebSocket must be opened from this site's pages"));
        } else if (csrf.size() != 1 || !SessionStore.csrfMatches(session.get(), csrf.get(0))) {
            send(ctx, request, ApiResponse.error(HttpResponseStatus.FORBIDDEN, "bad_csrf_token", "the csrf parameter does not match the session"));
        } else {
            ctx.pipeline().addLast(new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder()
                    .websocketPath("/ws").checkStartsWith(true).maxFramePayloadLength(8 * 1024).build()));
            ctx.pipeline().addLast(new SocketFrameHandler(site, session.get()));
            ctx.fireChannelRead(request.retain());
        }
    }

    private void api(ChannelHandlerContext ctx, FullHttpRequest request, QueryStringDecoder uri, String host,
                     Optional<Session> session) {
        String origin = request.headers().get(HttpHeaderNames.ORIGIN);
        if (origin != null && !origin.equals("http://" + host)) {
            send(ctx, request, ApiResponse.error(HttpResponseStatus.FORBIDDEN, "bad_origin", "cross-site requests are refused"));
            return;
        }
        ApiRequest call = new ApiRequest(request.method(), uri.path(), uri.parameters(), request.headers().copy(),
                request.content().toString(StandardCharsets.UTF_8), session);
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        try {
            site.api().execute(() -> {
                ApiResponse response = site.routes().handle(call);
                ctx.executor().execute(() -> write(ctx, keepAlive, call.method().equals(HttpMethod.HEAD), response));
            });
        } catch (RejectedExecutionException e) {
            send(ctx, request, ApiResponse.error(HttpResponseStatus.SERVICE_UNAVAILABLE, "shutting_down", "the server is stopping"));
        }
    }

    private void page(ChannelHandlerContext ctx, FullHttpRequest request, String path, Optional<Session> session) {
        Optional<Role> role = session.map(s -> s.user().role());
        switch (path) {
            case "/", "/index.html" -> asset(ctx, request, role.isEmpty() ? "index.html" : null, role);
            case "/agent" -> {
                if (role.isEmpty()) {
                    redirect(ctx, request, "/");
                } else if (role.get() != Role.AGENT) {
                    redirect(ctx, request, "/wallboard");
                } else {
                    asset(ctx, request, "agent.html", role);
                }
            }
            case "/wallboard" -> {
                if (role.isEmpty()) {
                    redirect(ctx, request, "/");
                } else if (role.get() != Role.SUPERVISOR) {
                    asset(ctx, request, "forbidden.html", role, HttpResponseStatus.FORBIDDEN);
                } else {
                    asset(ctx, request, "wallboard.html", role);
                }
            }
            default -> {
                if (path.startsWith("/static/")) {
                    asset(ctx, request, path.substring("/static/".length()), role);
                } else {
                    send(ctx, request, ApiResponse.error(HttpResponseStatus.NOT_FOUND, "not_found", "no page " + path));
                }
            }
        }
    }

    private void asset(ChannelHandlerContext ctx, FullHttpRequest request, String name, Optional<Role> role) {
        if (name == null) {
            redirect(ctx, request, role.orElseThrow() == Role.AGENT ? "/agent" : "/wallboard");
            return;
        }
        asset(ctx, request, name, role, HttpResponseStatus.OK);
    }

    private void asset(ChannelHandlerContext ctx, FullHttpRequest request, String name, Optional<Role> role,
                       HttpResponseStatus status) {
        Optional<StaticContent.Asset> asset = site.content().get(name);
        if (asset.isEmpty()) {
            send(ctx, request, ApiResponse.error(HttpResponseStatus.NOT_FOUND, "not_found", "no file " + name));
            return;
        }
        send(ctx, request, new ApiResponse(status, asset.get().contentType(), asset.get().bytes(), List.of()));
    }

    private static void redirect(ChannelHandlerContext ctx, FullHttpRequest request, String location) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.FOUND);
        response.headers().set(HttpHeaderNames.LOCATION, location);
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
        finish(ctx, HttpUtil.isKeepAlive(request), response);
    }

    private static void send(ChannelHandlerContext ctx, FullHttpRequest request, ApiResponse response) {
        write(ctx, HttpUtil.isKeepAlive(request), request.method().equals(HttpMethod.HEAD), response);
    }

    private static void write(ChannelHandlerContext ctx, boolean keepAlive, boolean head, ApiResponse api) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, api.status(),
                head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(api.body()));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, api.contentType());
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, api.body().length);
        response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        response.headers().set(HttpHeaderNames.CONTENT_SECURITY_POLICY, CSP);
        response.headers().set("X-Content-Type-Options", "nosniff");
        response.headers().set(HttpHeaderNames.X_FRAME_OPTIONS, "DENY");
        response.headers().set("Referrer-Policy", "no-referrer");
        for (String cookie : api.setCookies()) {
            response.headers().add(HttpHeaderNames.SET_COOKIE, cookie);
        }
        finish(ctx, keepAlive, response);
    }

    private static void finish(ChannelHandlerContext ctx, boolean keepAlive, FullHttpResponse response) {
        if (keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(response);
        } else {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private static String sessionCookie(FullHttpRequest request) {
        String header = request.headers().get(HttpHeaderNames.COOKIE);
        if (header == null) {
            return null;
        }
        for (Cookie cookie : ServerCookieDecoder.STRICT.decode(header)) {
            if (cookie.name().equals(SESSION_COOKIE)) {
                return cookie.value();
            }
        }
        return null;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("HTTP connection closed after {}", cause.getClass().getSimpleName());
        ctx.close();
    }
}
