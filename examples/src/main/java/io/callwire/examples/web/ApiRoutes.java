package io.callwire.examples.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callwire.core.command.AcceptTask;
import io.callwire.core.command.AgentLogin;
import io.callwire.core.command.AgentLogout;
import io.callwire.core.command.AgentNotReady;
import io.callwire.core.command.AgentReady;
import io.callwire.core.command.Answer;
import io.callwire.core.command.BlindTransfer;
import io.callwire.core.command.CancelConsult;
import io.callwire.core.command.CommandException;
import io.callwire.core.command.CommandResult;
import io.callwire.core.command.CommandTimeoutException;
import io.callwire.core.command.CompleteTransfer;
import io.callwire.core.command.Conference;
import io.callwire.core.command.Consult;
import io.callwire.core.command.CtiCommand;
import io.callwire.core.command.HangUp;
import io.callwire.core.command.Hold;
import io.callwire.core.command.LinkDownException;
import io.callwire.core.command.Monitor;
import io.callwire.core.command.MonitorMode;
import io.callwire.core.command.RejectTask;
import io.callwire.core.command.Retrieve;
import io.callwire.core.command.SendDtmf;
import io.callwire.core.command.TaskRefusedException;
import io.callwire.core.command.UnknownCallException;
import io.callwire.core.command.UnknownLegException;
import io.callwire.core.engine.CtiEngine;
import io.callwire.core.engine.EngineSnapshot;
import io.callwire.core.model.AgentState;
import io.callwire.core.model.Call;
import io.callwire.core.model.Leg;
import io.callwire.core.model.LegState;
import io.callwire.examples.crm.CallRecord;
import io.callwire.examples.crm.Category;
import io.callwire.examples.crm.CrmException;
import io.callwire.examples.crm.CrmStore;
import io.callwire.examples.crm.FollowUp;
import io.callwire.examples.crm.Priority;
import io.callwire.examples.crm.WorkOrder;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.cookie.CookieHeaderNames;
import io.netty.handler.codec.http.cookie.DefaultCookie;
import io.netty.handler.codec.http.cookie.ServerCookieEncoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * The HTTP API of the agent app. Every request is checked before anything happens: a live session (except
 * login), the CSRF token on every POST, the role (supervisor routes refuse agents), ownership (an agent acts
 * only on calls with a live leg at its own station and on its own state) and each field of the body. Refusals
 * are JSON: {@code {"error":{"code":..,"message":..}}}.
 */
public final class ApiRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(ApiRoutes.class);
    /** Where the switch's recording files can be read, or null (placeholders). */
    private final Path recordingsDirectory;
    private static final Pattern USER = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern PASSWORD = Pattern.compile("[\\x20-\\x7E]{1,200}");
    private static final Pattern REASON = Pattern.compile("[a-z][a-z -]{0,31}");
    private static final Pattern DIGITS = Pattern.compile("[0-9*#]{1,32}");
    private static final Pattern NUMBER = Pattern.compile("[0-9]{1,18}");
    private static final List<String> STATES = List.of("ready", "not-ready");
    private static final String CSRF_HEADER = "X-CSRF-Token";

    private final ObjectMapper json;
    private final UserDirectory users;
    private final SessionStore sessions;
    private final CtiEngine engine;
    private final DeskHub hub;
    private final CrmStore crm;
    private final Duration timeout;

    public ApiRoutes(ObjectMapper json, UserDirectory users, SessionStore sessions, CtiEngine engine, DeskHub hub,
                     CrmStore crm, Duration timeout, Path recordingsDirectory) {
        this.recordingsDirectory = recordingsDirectory;
        this.json = json;
        this.users = users;
        this.sessions = sessions;
        this.engine = engine;
        this.hub = hub;
        this.crm = crm;
        this.timeout = timeout;
    }

    /** Answers one request; never throws. */
    public ApiResponse handle(ApiRequest request) {
        try {
            return route(request);
        } catch (ApiException e) {
            return ApiResponse.error(e.status(), e.code(), e.getMessage());
        } catch (UnknownCallException | UnknownLegException e) {
            return ApiResponse.error(HttpResponseStatus.NOT_FOUND, "unknown_call", e.getMessage());
        } catch (LinkDownException | CommandTimeoutException e) {
            return ApiResponse.error(HttpResponseStatus.SERVICE_UNAVAILABLE, "switch_unavailable", e.getMessage());
        } catch (CommandException e) {
            return ApiResponse.error(HttpResponseStatus.CONFLICT, "switch_refused", e.getMessage());
        } catch (CrmException e) {
            // the database's own message may quote customer data: log its SQL state only
            LOG.warn("CRM request {} failed: {} (SQL state {})", request.path(), e.getMessage(),
                    e.getCause() instanceof java.sql.SQLException sql ? sql.getSQLState() : "none");
            return ApiResponse.error(HttpResponseStatus.CONFLICT, "crm_refused", e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("API request {} {} failed", request.method(), request.path(), e);
            return ApiResponse.error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal_error", "the server failed; see its log");
        }
    }

    private ApiResponse route(ApiRequest r) {
        String path = r.path();
        boolean post = r.method().equals(HttpMethod.POST);
        boolean get = r.method().equals(HttpMethod.GET);
        if (path.equals("/api/login")) {
            requireMethod(post, r);
            return login(r);
        }
        Session session = r.requireSession();
        if (post) {
            String token = r.headers().get(CSRF_HEADER);
            if (!SessionStore.csrfMatches(session, token)) {
                throw new ApiException(HttpResponseStatus.FORBIDDEN, "bad_csrf_token",
                        "the " + CSRF_HEADER + " header is missing or does not match the session");
            }
        } else if (!get) {
            throw new ApiException(HttpResponseStatus.METHOD_NOT_ALLOWED, "method_not_allowed", "use GET or POST");
        }
        if (path.equals("/api/me")) {
            requireMethod(get, r);
            return ApiResponse.json(me(session).toString());
        }
        if (path.equals("/api/logout")) {
            requireMethod(post, r);
            return logout(session);
        }
        if (path.startsWith("/api/agent/")) {
            if (session.user().role() != Role.AGENT) {
                throw ApiException.forbidden("agent functions are for agents");
            }
            return ApiResponse.json(agent(r, session.user(), path.substring("/api/agent/".length()), post).toString());
        }
        if (path.startsWith("/api/supervisor/")) {
            if (session.user().role() != Role.SUPERVISOR) {
                throw ApiException.forbidden("supervisor functions are for supervisors");
            }
            return supervisor(r, session.user(), path.substring("/api/supervisor/".length()), post);
        }
        throw ApiException.notFound("no API " + path);
    }

    private static void requireMethod(boolean ok, ApiRequest r) {
        if (!ok) {
            throw new ApiException(HttpResponseStatus.METHOD_NOT_ALLOWED, "method_not_allowed",
                    r.method() + " is not allowed on " + r.path());
        }
    }

    // ------------------------------------------------------------------ login

    private ApiResponse login(ApiRequest r) {
        JsonInput in = JsonInput.parse(json, r.body(), Set.of("user", "password"));
        String name = in.text("user", USER);
        String password = in.text("password", PASSWORD);
        Optional<User> user = users.authenticate(name, password.toCharArray());
        if (user.isEmpty()) {
            LOG.info("failed login");
            throw new ApiException(HttpResponseStatus.UNAUTHORIZED, "bad_credentials", "unknown user or wrong password");
        }
        Session session = sessions.open(user.get());
        LOG.info("user {} logged in as {}", user.get().name(), user.get().role());
        if (user.get().role() == Role.AGENT) {
            logInToSwitch(user.get());
        }
        DefaultCookie cookie = new DefaultCookie(HttpRequestHandler.SESSION_COOKIE, session.id());
        cookie.setHttpOnly(true);
        cookie.setPath("/");
        cookie.setMaxAge(sessions.cookieMaxAgeSeconds());
        cookie.setSameSite(CookieHeaderNames.SameSite.Strict);
        return ApiResponse.json(me(session).toString()).withCookies(List.of(ServerCookieEncoder.STRICT.encode(cookie)));
    }

    /** An agent who logs in to the desktop is logged in at its station on the switch when it is not yet. */
    private void logInToSwitch(User user) {
        AgentState state = hub.agent(user.agentId()).map(AgentView::state).orElse(AgentState.LOGGED_OUT);
        if (state == AgentState.LOGGED_OUT) {
            run(new AgentLogin("", user.agentId(), user.station(), List.of()));
        }
    }

    private ApiResponse logout(Session session) {
        sessions.close(session);
        DefaultCookie cookie = new DefaultCookie(HttpRequestHandler.SESSION_COOKIE, "");
        cookie.setHttpOnly(true);
        cookie.setPath("/");
        cookie.setMaxAge(0);
        cookie.setSameSite(CookieHeaderNames.SameSite.Strict);
        return ApiResponse.json("{\"ok\":true}").withCookies(List.of(ServerCookieEncoder.STRICT.encode(cookie)));
    }

    private ObjectNode me(Session session) {
        User u = session.user();
        return json.createObjectNode().put("user", u.name()).put("role", u.role().name()).put("agentId", u.agentId())
                .put("station", u.station()).put("csrf", session.csrfToken());
    }

    // ------------------------------------------------------------------ agents

    private ObjectNode agent(ApiRequest r, User user, String action, boolean post) {
        if (!post) {
            return switch (action) {
                case "desk" -> desk(user);
                case "history" -> history(user);
                default -> throw ApiException.notFound("no agent API " + action);
            };
        }
        return switch (action) {
            case "state" -> {
                JsonInput in = JsonInput.parse(json, r.body(), Set.of("state", "reason"));
                String state = in.choice("state", STATES);
                String reason = in.optionalText("reason", REASON, "");
                if (state.equals("not-ready") && reason.isEmpty()) {
                    throw ApiException.badRequest("field 'reason' is required for not-ready");
                }
                yield result(run(state.equals("ready") ? new AgentReady(user.agentId()) : new AgentNotReady(user.agentId(), reason)));
            }
            case "answer" -> {
                String callId = callId(r, Set.of("callId"));
                Leg leg = myLeg(user, callId);
                if (leg.state() != LegState.ALERTING) {
                    throw ApiException.conflict("your leg of call " + callId + " is " + leg.state() + ", not ringing");
                }
                yield result(run(new Answer(callId, leg.id())));
            }
            case "hold", "retrieve" -> {
                String callId = callId(r, Set.of("callId"));
                myLeg(user, callId);
                yield result(run(action.equals("hold") ? new Hold(callId, "") : new Retrieve(callId, "")));
            }
            case "hangup" -> {
                String callId = callId(r, Set.of("callId"));
                yield result(run(new HangUp(callId, myLeg(user, callId).id())));
            }
            case "transfer", "consult" -> {
                JsonInput in = JsonInput.parse(json, r.body(), Set.of("callId", "destination"));
                String callId = in.text("callId", JsonInput.ID);
                String target = in.text("destination", JsonInput.ID);
                // an agent id stands for that agent's station; anything else is a station, queue or number
                String destination = hub.agent(target).map(AgentView::station).filter(s -> !s.isEmpty()).orElse(target);
                if (destination.equals(user.station())) {
                    throw ApiException.badRequest("you cannot " + action + " a call to your own station");
                }
                String leg = myLeg(user, callId).id();
                yield result(run(action.equals("transfer") ? new BlindTransfer(callId, leg, destination)
                        : new Consult(callId, leg, destination)));
            }
            case "complete-transfer", "conference", "cancel-consult" -> {
                JsonInput in = JsonInput.parse(json, r.body(), Set.of("callId", "consultCallId"));
                String callId = in.text("callId", JsonInput.ID);
                String consultId = in.text("consultCallId", JsonInput.ID);
                myLeg(user, callId);
                myLeg(user, consultId);
                yield result(run(switch (action) {
                    case "complete-transfer" -> new CompleteTransfer(callId, consultId);
                    case "conference" -> new Conference(callId, consultId);
                    default -> new CancelConsult(callId, consultId);
                }));
            }
            case "dtmf" -> {
                JsonInput in = JsonInput.parse(json, r.body(), Set.of("callId", "digits"));
                String callId = in.text("callId", JsonInput.ID);
                String digits = in.text("digits", DIGITS);
                yield result(run(new SendDtmf(callId, myLeg(user, callId).id(), digits)));
            }
            case "disposition" -> disposition(r, user);
            case "accept-offer" -> {
                JsonInput in = JsonInput.parse(json, r.body(), Set.of("reservationId"));
                String reservation = myOffer(user, in.text("reservationId", JsonInput.ID));
                LOG.info("agent {} accepts reservation {}", user.agentId(), reservation);
                CommandResult accepted = runTask(new AcceptTask(reservation));
                hub.offerAccepted(user.agentId(), reservation);
                yield result(accepted);
            }
            case "reject-offer" -> {
                JsonInput in = JsonInput.parse(json, r.body(), Set.of("reservationId", "reason"));
                String reservation = in.text("reservationId", JsonInput.ID);
                String reason = in.optionalText("reason", REASON, "rejected by agent");
                myOffer(user, reservation);
                LOG.info("agent {} rejects reservation {}", user.agentId(), reservation);
                yield result(runTask(new RejectTask(reservation, reason)));
            }
            default -> throw ApiException.notFound("no agent API " + action);
        };
    }

    private String callId(ApiRequest r, Set<String> fields) {
        return JsonInput.parse(json, r.body(), fields).text("callId", JsonInput.ID);
    }

    /** The user's live leg in the call; 404 for an unknown call, 403 for a call not at the user's station. */
    private Leg myLeg(User user, String callId) {
        Call call = snapshot().call(callId).orElseThrow(() -> ApiException.notFound("no active call " + callId));
        return call.legs().stream()
                .filter(l -> l.deviceId().equals(user.station()) && l.state() != LegState.CLEARED && l.state() != LegState.FAILED)
                .reduce((a, b) -> b)
                .orElseThrow(() -> ApiException.forbidden("call " + callId + " is not at your station"));
    }

    /**
     * The reservation id if it is the user's open offer; 403 when it is another agent's, 409
     * {@code stale_reservation} when no offer with that id is open (answered, withdrawn, timed out or unknown).
     */
    private String myOffer(User user, String reservationId) {
        boolean mine = hub.offer(user.agentId())
                .filter(o -> o.path("reservationId").asText().equals(reservationId)).isPresent();
        if (mine) {
            return reservationId;
        }
        if (hub.offeredTo(reservationId).isPresent()) {
            throw ApiException.forbidden("reservation " + reservationId + " is not offered to you");
        }
        throw staleReservation("reservation " + reservationId
                + " is not an open offer of yours: it was answered, rejected, withdrawn or timed out");
    }

    /** Runs a task command; the router's refusal (a reservation no longer current) is a 409 {@code stale_reservation}. */
    private CommandResult runTask(CtiCommand command) {
        try {
            return run(command);
        } catch (TaskRefusedException e) {
            throw staleReservation(e.getMessage());
        }
    }

    private static ApiException staleReservation(String message) {
        return new ApiException(HttpResponseStatus.CONFLICT, "stale_reservation", message);
    }

    private ObjectNode disposition(ApiRequest r, User user) {
        JsonInput in = JsonInput.parse(json, r.body(), Set.of("callId", "category", "priority", "notes", "ready"));
        String callId = in.text("callId", JsonInput.ID);
        Category category = Category.ofLabel(in.choice("category", Category.labels()));
        Priority priority = Priority.valueOf(in.choice("priority", Priority.labels()).toUpperCase(java.util.Locale.ROOT));
        String notes = in.freeText("notes", 2000);
        boolean ready = in.flag("ready");
        String phone = hub.pendingDispositions(user.agentId()).get(callId);
        if (phone == null) {
            Optional<Call> live = snapshot().call(callId);
            boolean mine = live.isPresent() && live.get().legs().stream().anyMatch(l -> l.deviceId().equals(user.station()));
            if (!mine) {
                throw ApiException.forbidden("call " + callId + " is not one of your calls awaiting a disposition");
            }
            phone = live.get().ani();
        }
        WorkOrder order = crm.saveOrderForCall(callId, phone, category, priority, notes, user.agentId(), hub.now());
        hub.dispositionDone(user.agentId(), callId);
        LOG.info("agent {} filed work order {} for call {}", user.agentId(), order.id(), callId);
        if (ready) {
            run(new AgentReady(user.agentId()));
        }
        ObjectNode out = json.createObjectNode();
        out.set("workOrder", WorkOrderJson.of(json, order));
        return out;
    }

    private ObjectNode desk(User user) {
        EngineSnapshot snapshot = snapshot();
        ObjectNode out = json.createObjectNode().put("sequence", snapshot.sequence()).put("now", snapshot.time())
                .put("station", user.station()).put("agentId", user.agentId());
        snapshot.agent(user.agentId()).ifPresentOrElse(a -> out.putObject("agent").put("state", a.state().name())
                .put("reason", a.reason()).put("since", a.since()), () -> out.putObject("agent").put("state", "LOGGED_OUT"));
        ArrayNode calls = out.putArray("calls");
        for (Call call : snapshot.calls()) {
            Optional<Leg> mine = call.legs().stream().filter(l -> l.deviceId().equals(user.station())
                    && l.state() != LegState.CLEARED && l.state() != LegState.FAILED).reduce((a, b) -> b);
            if (mine.isEmpty()) {
                continue;
            }
            ObjectNode c = calls.addObject().put("id", call.id()).put("ani", call.ani()).put("dnis", call.dnis())
                    .put("queue", call.queueId()).put("direction", call.direction().name())
                    .put("parentCallId", call.parentCallId()).put("startedAt", call.startedAt())
                    .put("myLeg", mine.get().id()).put("myState", mine.get().state().name());
            ObjectNode data = c.putObject("data");
            call.data().forEach(data::put);
            ArrayNode legs = c.putArray("legs");
            for (Leg leg : call.legs()) {
                legs.addObject().put("id", leg.id()).put("device", leg.deviceId()).put("role", leg.role().name())
                        .put("state", leg.state().name());
            }
            hub.pop(call.id()).ifPresent(p -> c.set("pop", p));
        }
        hub.offer(user.agentId()).ifPresentOrElse(o -> out.set("offer", o), () -> out.putNull("offer"));
        ArrayNode pending = out.putArray("pendingDispositions");
        hub.pendingDispositions(user.agentId()).forEach((callId, ani) -> pending.addObject().put("callId", callId).put("ani", ani));
        ArrayNode categories = out.putArray("categories");
        Category.labels().forEach(categories::add);
        ArrayNode priorities = out.putArray("priorities");
        Priority.labels().forEach(priorities::add);
        return out;
    }

    private ObjectNode history(User user) {
        ObjectNode out = json.createObjectNode();
        ArrayNode calls = out.putArray("calls");
        for (CallRecord c : crm.callsOf(user.agentId(), 20)) {
            ObjectNode row = calls.addObject().put("callId", c.callId()).put("phone", c.phone()).put("queue", c.queueId())
                    .put("startedAt", c.startedAt()).put("answeredAt", c.answeredAt()).put("endedAt", c.endedAt())
                    .put("outcome", c.outcome());
            crm.orderOfCall(c.callId()).ifPresent(o -> row.set("workOrder", WorkOrderJson.of(json, o)));
        }
        return out;
    }

    // ------------------------------------------------------------------ supervisors

    private ApiResponse supervisor(ApiRequest r, User user, String action, boolean post) {
        if (!post) {
            if (action.startsWith("recordings/") && action.endsWith("/audio")) {
                return recordingAudio(action.substring("recordings/".length(), action.length() - "/audio".length()));
            }
            return ApiResponse.json(switch (action) {
                case "wallboard" -> hub.board().isEmpty() ? "{\"type\":\"wallboard\",\"queues\":[],\"agents\":[],\"calls\":[],\"history\":[],\"alerts\":[]}" : hub.board();
                case "recordings" -> recordings().toString();
                case "workorders" -> workOrders().toString();
                default -> throw ApiException.notFound("no supervisor API " + action);
            });
        }
        return ApiResponse.json(switch (action) {
            case "agent-state" -> {
                JsonInput in = JsonInput.parse(json, r.body(), Set.of("agentId", "state", "reason"));
                String agentId = in.text("agentId", JsonInput.ID);
                String state = in.choice("state", List.of("ready", "not-ready", "logout"));
                String reason = in.optionalText("reason", REASON, "supervisor");
                if (hub.agent(agentId).isEmpty()) {
                    throw ApiException.notFound("no agent " + agentId);
                }
                LOG.info("supervisor {} sets agent {} {}", user.name(), agentId, state);
                yield result(run(switch (state) {
                    case "ready" -> new AgentReady(agentId);
                    case "not-ready" -> new AgentNotReady(agentId, reason);
                    default -> new AgentLogout(agentId);
                })).toString();
            }
            case "monitor" -> {
                JsonInput in = JsonInput.parse(json, r.body(), Set.of("callId", "mode"));
                String callId = in.text("callId", JsonInput.ID);
                MonitorMode mode = MonitorMode.valueOf(in.choice("mode", List.of("listen", "whisper", "barge"))
                        .toUpperCase(java.util.Locale.ROOT));
                if (snapshot().call(callId).isEmpty()) {
                    throw ApiException.notFound("no active call " + callId);
                }
                LOG.info("supervisor {} monitors call {} ({})", user.name(), callId, mode);
                yield result(run(new Monitor(callId, user.station(), mode))).toString();
            }
            case "close-workorder" -> {
                JsonInput in = JsonInput.parse(json, r.body(), Set.of("id"));
                long id = Long.parseLong(in.text("id", NUMBER));
                ObjectNode out = json.createObjectNode();
                out.set("workOrder", WorkOrderJson.of(json, crm.close(id, hub.now())));
                yield out.toString();
            }
            default -> throw ApiException.notFound("no supervisor API " + action);
        });
    }

    private ObjectNode recordings() {
        ObjectNode out = json.createObjectNode();
        ArrayNode list = out.putArray("recordings");
        for (RecordingView rec : hub.recordings().stream().limit(50).toList()) {
            list.addObject().put("id", rec.recordingId()).put("callId", rec.callId()).put("agentId", rec.agentId())
                    .put("location", rec.location()).put("startedAt", rec.startedAt()).put("stoppedAt", rec.stoppedAt());
        }
        return out;
    }

    private ApiResponse recordingAudio(String id) {
        if (!JsonInput.ID.matcher(id).matches()) {
            throw ApiException.badRequest("malformed recording id");
        }
        RecordingView rec = hub.recordings().stream().filter(x -> x.recordingId().equals(id)).findFirst()
                .orElseThrow(() -> ApiException.notFound("no recording " + id));
        Optional<Path> file = RecordingAudio.file(recordingsDirectory, rec.location());
        if (file.isPresent()) {
            try {
                return new ApiResponse(HttpResponseStatus.OK, RecordingAudio.contentType(file.get()),
                        Files.readAllBytes(file.get()), List.of());
            } catch (IOException e) {
                LOG.warn("recording {} could not be read: {}", id, e.getClass().getSimpleName());
                throw ApiException.notFound("recording " + id + " cannot be read");
            }
        }
        long millis = rec.stoppedAt() == 0 ? 2_000 : Math.min(60_000, Math.max(500, rec.stoppedAt() - rec.startedAt()));
        return new ApiResponse(HttpResponseStatus.OK, "audio/wav", RecordingAudio.placeholder(millis), List.of());
    }

    private ObjectNode workOrders() {
        ObjectNode out = json.createObjectNode();
        ArrayNode orders = out.putArray("workOrders");
        crm.recentOrders(50).forEach(o -> orders.add(WorkOrderJson.of(json, o)));
        ArrayNode tasks = out.putArray("followUps");
        for (FollowUp f : crm.followUps(20)) {
            tasks.addObject().put("id", f.id()).put("workOrderId", f.workOrderId()).put("dueAt", f.dueAt())
                    .put("status", f.status()).put("taskId", f.taskId()).put("detail", f.detail());
        }
        return out;
    }

    // ------------------------------------------------------------------ engine

    private EngineSnapshot snapshot() {
        return engine.awaitSnapshot(timeout);
    }

    private CommandResult run(CtiCommand command) {
        try {
            return engine.execute(command).toCompletableFuture().get(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new CommandTimeoutException(command.getClass().getSimpleName(), timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(HttpResponseStatus.SERVICE_UNAVAILABLE, "shutting_down", "the server is stopping");
        }
    }

    private ObjectNode result(CommandResult result) {
        return json.createObjectNode().put("ok", true).put("callId", result.callId()).put("legId", result.legId())
                .put("detail", result.detail());
    }
}
