package io.callwire.examples.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;

/**
 * One browser's event stream after the handshake: registers it with the hub by role, answers {@code ping}
 * messages and refuses anything else with an error message (commands go through the HTTP API, where each
 * carries its CSRF token).
 */
final class SocketFrameHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Site site;
    private final Session session;
    private SocketClient client;

    SocketFrameHandler(Site site, Session session) {
        this.site = site;
        this.session = session;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
            client = new SocketClient(ctx.channel(), session);
            site.sockets().add(client);
            User user = session.user();
            client.send(JsonNodeFactory.instance.objectNode().put("type", "hello").put("user", user.name())
                    .put("role", user.role().name()).put("agentId", user.agentId()).toString());
            if (user.role() == Role.SUPERVISOR) {
                site.hub().addSupervisorClient(client);
            } else {
                site.hub().addAgentClient(user.agentId(), client);
            }
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (!(frame instanceof TextWebSocketFrame text)) {
            error("only text messages are accepted");
            return;
        }
        JsonNode message;
        try {
            message = JSON.readTree(text.text());
        } catch (Exception e) {
            error("a message must be a JSON object");
            return;
        }
        if (message != null && message.isObject() && message.size() == 1 && "ping".equals(message.path("type").asText(null))) {
            client.send("{\"type\":\"pong\"}");
        } else {
            error("the only message accepted is {\"type\":\"ping\"}; send commands to the HTTP API");
        }
    }

    private void error(String message) {
        ObjectNode error = JsonNodeFactory.instance.objectNode().put("type", "error");
        error.putObject("error").put("code", "invalid_message").put("message", message);
        if (client != null) {
            client.send(error.toString());
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (client != null) {
            site.hub().remove(client);
            site.sockets().remove(client);
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
