package io.callwire.examples.crm;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The CRM's records: customers, finished calls, work orders and follow-up tasks, over plain JDBC. Every method
 * is safe to call from any thread (each uses its own connection). Failures surface as {@link CrmException}.
 */
public final class CrmStore {
    private static final String ORDER_COLUMNS = "id, call_id, phone, category, priority, status, notes, agent_id, "
            + "created_at, deadline_at, escalated_at, closed_at";
    private static final String CALL_COLUMNS = "call_id, phone, queue_id, agent_id, ivr_choice, started_at, answered_at, ended_at, outcome";
    /** A complaint's follow-up call is due this long after the complaint closes. */
    public static final long FOLLOW_UP_DELAY_MILLIS = 3L * 24 * 3600 * 1000;

    private final CrmDatabase db;
    private final ZoneId zone;

    /** A store over this database; deadlines count working days in {@code zone}. */
    public CrmStore(CrmDatabase db, ZoneId zone) {
        this.db = db;
        this.zone = zone;
    }

    // ------------------------------------------------------------------ customers

    /** The customer with this phone number. */
    public Optional<Customer> customerByPhone(String phone) {
        return query("SELECT id, phone, name, address, tier FROM customer WHERE phone = ?", ps -> ps.setString(1, phone),
                rs -> new Customer(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)))
                .stream().findFirst();
    }

    /** Adds a customer (demo data, imports); returns its id. */
    public long addCustomer(String phone, String name, String address, String tier, long now) {
        return insert("INSERT INTO customer (phone, name, address, tier, created_at) VALUES (?, ?, ?, ?, ?)", ps -> {
            ps.setString(1, phone);
            ps.setString(2, name);
            ps.setString(3, address);
            ps.setString(4, tier);
            ps.setLong(5, now);
        });
    }

    // ------------------------------------------------------------------ calls

    /** Remembers a finished call (once; a second record of the same call is ignored). */
    public void recordCall(CallRecord call) {
        update("INSERT INTO call_record (" + CALL_COLUMNS + ") SELECT ?, ?, ?, ?, ?, ?, ?, ?, ? "
                + "WHERE NOT EXISTS (SELECT 1 FROM call_record WHERE call_id = ?)", ps -> {
            ps.setString(1, call.callId());
            ps.setString(2, call.phone());
            ps.setString(3, call.queueId());
            ps.setString(4, call.agentId());
            ps.setString(5, call.ivrChoice());
            ps.setLong(6, call.startedAt());
            ps.setLong(7, call.answeredAt());
            ps.setLong(8, call.endedAt());
            ps.setString(9, call.outcome());
            ps.setString(10, call.callId());
        });
    }

    /** The newest calls from this number. */
    public List<CallRecord> callsFrom(String phone, int limit) {
        return query("SELECT " + CALL_COLUMNS + " FROM call_record WHERE phone = ? ORDER BY ended_at DESC, call_id FETCH FIRST " + limit + " ROWS ONLY",
                ps -> ps.setString(1, phone), CrmStore::callRecord);
    }

    /** The newest calls an agent answered. */
    public List<CallRecord> callsOf(String agentId, int limit) {
        return query("SELECT " + CALL_COLUMNS + " FROM call_record WHERE agent_id = ? ORDER BY ended_at DESC, call_id FETCH FIRST " + limit + " ROWS ONLY",
                ps -> ps.setString(1, agentId), CrmStore::callRecord);
    }

    /** Everything the agent should see before answering a call from this number. */
    public ScreenPop screenPop(String phone) {
        return new ScreenPop(customerByPhone(phone), callsFrom(phone, 5), openOrders(phone));
    }

    // ------------------------------------------------------------------ work orders

    /**
     * Creates the work order of a call, or updates it when the call already has one (the disposition form of
     * the agent after an order was made when the call ended). The deadline counts from the order's creation.
     */
    public WorkOrder saveOrderForCall(String callId, String phone, Category category, Priority priority, String notes,
                                      String agentId, long now) {
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            try {
                Optional<WorkOrder> existing = orders(c, "call_id = ?", ps -> ps.setString(1, callId)).stream().findFirst();
                long id;
                if (existing.isPresent()) {
                    WorkOrder old = existing.get();
                    id = old.id();
                    long deadline = category.deadline(Instant.ofEpochMilli(old.createdAt()), zone).toEpochMilli();
                    try (PreparedStatement ps = c.prepareStatement(
                            "UPDATE work_order SET category = ?, priority = ?, notes = ?, agent_id = ?, deadline_at = ? WHERE id = ?")) {
                        ps.setString(1, category.name());
                        ps.setString(2, priority.name());
                        ps.setString(3, notes);
                        ps.setString(4, agentId);
                        ps.setLong(5, deadline);
                        ps.setLong(6, id);
                        ps.executeUpdate();
                    }
                } else {
                    id = insertOrder(c, callId, phone, category, priority, notes, agentId, now);
                }
                c.commit();
                return order(c, id).orElseThrow();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new CrmException("cannot save the work order of call " + callId, e);
        }
    }

    /** Creates a work order when a call ended and has none yet; empty when it already had one. */
    public Optional<WorkOrder> createOrderIfNone(String callId, String phone, Category category, String agentId, long now) {
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            try {
                if (!orders(c, "call_id = ?", ps -> ps.setString(1, callId)).isEmpty()) {
                    c.rollback();
                    return Optional.empty();
                }
                long id = insertOrder(c, callId, phone, category, Priority.NORMAL, "created when the call ended", agentId, now);
                c.commit();
                return order(c, id);
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new CrmException("cannot create the work order of call " + callId, e);
        }
    }

    /** The work order with this id. */
    public Optional<WorkOrder> order(long id) {
        try (Connection c = db.connect()) {
            return order(c, id);
        } catch (SQLException e) {
            throw new CrmException("cannot read work order " + id, e);
        }
    }

    /** The work order of a call. */
    public Optional<WorkOrder> orderOfCall(String callId) {
        try (Connection c = db.connect()) {
            return orders(c, "call_id = ?", ps -> ps.setString(1, callId)).stream().findFirst();
        } catch (SQLException e) {
            throw new CrmException("cannot read the work order of call " + callId, e);
        }
    }

    /** Open and escalated orders of a customer's number, oldest deadline first. */
    public List<WorkOrder> openOrders(String phone) {
        try (Connection c = db.connect()) {
            return orders(c, "phone = ? AND status <> 'CLOSED' ORDER BY deadline_at, id", ps -> ps.setString(1, phone));
        } catch (SQLException e) {
            throw new CrmException("cannot read open work orders", e);
        }
    }

    /** The newest orders of any status. */
    public List<WorkOrder> recentOrders(int limit) {
        try (Connection c = db.connect()) {
            return orders(c, "1 = 1 ORDER BY id DESC FETCH FIRST " + limit + " ROWS ONLY", ps -> { });
        } catch (SQLException e) {
            throw new CrmException("cannot read work orders", e);
        }
    }

    /**
     * Marks every open order whose deadline is before {@code now} as ESCALATED and returns them.
     */
    public List<WorkOrder> escalateOverdue(long now) {
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            try {
                List<WorkOrder> overdue = orders(c, "status = 'OPEN' AND deadline_at < ? ORDER BY id", ps -> ps.setLong(1, now));
                List<WorkOrder> escalated = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE work_order SET status = 'ESCALATED', escalated_at = ? WHERE id = ? AND status = 'OPEN'")) {
                    for (WorkOrder order : overdue) {
                        ps.setLong(1, now);
                        ps.setLong(2, order.id());
                        if (ps.executeUpdate() == 1) {
                            escalated.add(order(c, order.id()).orElseThrow());
                        }
                    }
                }
                c.commit();
                return escalated;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new CrmException("cannot escalate overdue work orders", e);
        }
    }

    /**
     * Closes an order; a complaint gets a follow-up call task due {@link #FOLLOW_UP_DELAY_MILLIS} later.
     *
     * @throws CrmException when the order does not exist or is already closed
     */
    public WorkOrder close(long id, long now) {
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            try {
                WorkOrder order = order(c, id).orElseThrow(() -> new CrmException("no work order " + id, null));
                if (order.status().equals("CLOSED")) {
                    throw new CrmException("work order " + id + " is already closed", null);
                }
                try (PreparedStatement ps = c.prepareStatement("UPDATE work_order SET status = 'CLOSED', closed_at = ? WHERE id = ?")) {
                    ps.setLong(1, now);
                    ps.setLong(2, id);
                    ps.executeUpdate();
                }
                if (order.category() == Category.COMPLAINT) {
                    try (PreparedStatement ps = c.prepareStatement(
                            "INSERT INTO follow_up (work_order_id, phone, due_at, status, task_id, detail) VALUES (?, ?, ?, 'PENDING', '', '')")) {
                        ps.setLong(1, id);
                        ps.setString(2, order.phone());
                        ps.setLong(3, now + FOLLOW_UP_DELAY_MILLIS);
                        ps.executeUpdate();
                    }
                }
                c.commit();
                return order(c, id).orElseThrow();
            } catch (SQLException | CrmException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new CrmException("cannot close work order " + id, e);
        }
    }

    // ------------------------------------------------------------------ follow-ups

    /** Follow-up tasks still waiting whose time has come. */
    public List<FollowUp> dueFollowUps(long now) {
        return query("SELECT id, work_order_id, phone, due_at, status, task_id, detail FROM follow_up "
                        + "WHERE status = 'PENDING' AND due_at <= ? ORDER BY due_at, id",
                ps -> ps.setLong(1, now), CrmStore::followUp);
    }

    /** Every follow-up task, newest first. */
    public List<FollowUp> followUps(int limit) {
        return query("SELECT id, work_order_id, phone, due_at, status, task_id, detail FROM follow_up ORDER BY id DESC FETCH FIRST "
                + limit + " ROWS ONLY", ps -> { }, CrmStore::followUp);
    }

    /** The follow-up queued as this routing task. */
    public Optional<FollowUp> followUpOfTask(String taskId) {
        return query("SELECT id, work_order_id, phone, due_at, status, task_id, detail FROM follow_up WHERE task_id = ?",
                ps -> ps.setString(1, taskId), CrmStore::followUp).stream().findFirst();
    }

    /** Marks a follow-up handed to the ACD as queued, unless the ACD's events already moved it on. */
    public void followUpQueued(long id, String taskId, String detail) {
        update("UPDATE follow_up SET status = 'QUEUED', task_id = ?, detail = ? WHERE id = ? AND status = 'DIALLING'", ps -> {
            ps.setString(1, taskId);
            ps.setString(2, detail);
            ps.setLong(3, id);
        });
    }

    /** Records what became of a follow-up task. */
    public void followUpDone(long id, String status, String taskId, String detail) {
        update("UPDATE follow_up SET status = ?, task_id = ?, detail = ? WHERE id = ?", ps -> {
            ps.setString(1, status);
            ps.setString(2, taskId);
            ps.setString(3, detail.length() > 300 ? detail.substring(0, 300) : detail);
            ps.setLong(4, id);
        });
    }

    // ------------------------------------------------------------------ plumbing

    private long insertOrder(Connection c, String callId, String phone, Category category, Priority priority, String notes,
                             String agentId, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO work_order (call_id, phone, category, priority, status, notes, "
                + "agent_id, created_at, deadline_at) VALUES (?, ?, ?, ?, 'OPEN', ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, callId);
            ps.setString(2, phone);
            ps.setString(3, category.name());
            ps.setString(4, priority.name());
            ps.setString(5, notes);
            ps.setString(6, agentId);
            ps.setLong(7, now);
            ps.setLong(8, category.deadline(Instant.ofEpochMilli(now), zone).toEpochMilli());
            ps.executeUpdate();
            return generatedKey(ps);
        }
    }

    private Optional<WorkOrder> order(Connection c, long id) throws SQLException {
        return orders(c, "id = ?", ps -> ps.setLong(1, id)).stream().findFirst();
    }

    private static List<WorkOrder> orders(Connection c, String where, Binder binder) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + ORDER_COLUMNS + " FROM work_order WHERE " + where)) {
            binder.bind(ps);
            List<WorkOrder> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new WorkOrder(rs.getLong(1), nullToEmpty(rs.getString(2)), rs.getString(3),
                            Category.valueOf(rs.getString(4)), Priority.valueOf(rs.getString(5)), rs.getString(6),
                            rs.getString(7), rs.getString(8), rs.getLong(9), rs.getLong(10), rs.getLong(11), rs.getLong(12)));
                }
            }
            return rows;
        }
    }

    private static CallRecord callRecord(ResultSet rs) throws SQLException {
        return new CallRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getString(9));
    }

    private static FollowUp followUp(ResultSet rs) throws SQLException {
        return new FollowUp(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getLong(4), rs.getString(5),
                rs.getString(6), rs.getString(7));
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static long generatedKey(PreparedStatement ps) throws SQLException {
        try (ResultSet keys = ps.getGeneratedKeys()) {
            if (!keys.next()) {
                throw new SQLException("the database returned no generated key");
            }
            return keys.getLong(1);
        }
    }

    private <T> List<T> query(String sql, Binder binder, RowReader<T> reader) {
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            List<T> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(reader.read(rs));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new CrmException("query failed: " + sql.substring(0, Math.min(60, sql.length())), e);
        }
    }

    private void update(String sql, Binder binder) {
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new CrmException("update failed: " + sql.substring(0, Math.min(60, sql.length())), e);
        }
    }

    private long insert(String sql, Binder binder) {
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            binder.bind(ps);
            ps.executeUpdate();
            return generatedKey(ps);
        } catch (SQLException e) {
            throw new CrmException("insert failed: " + sql.substring(0, Math.min(60, sql.length())), e);
        }
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    @FunctionalInterface
    private interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }
}
