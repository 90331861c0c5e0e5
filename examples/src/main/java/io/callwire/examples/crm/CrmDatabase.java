package io.callwire.examples.crm;

import org.flywaydb.core.Flyway;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * Where the CRM keeps its data: any JDBC URL, H2 embedded by default ({@code jdbc:h2:mem:crm} for a demo,
 * {@code jdbc:h2:./crm} for a file) or PostgreSQL ({@code jdbc:postgresql://127.0.0.1:5432/crm}). The schema
 * is brought up to date with Flyway migrations from {@code db/migration} when opened.
 */
public final class CrmDatabase {
    private final String url;
    private final String user;
    private final String password;

    private CrmDatabase(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /** Opens the database and applies pending migrations. */
    public static CrmDatabase open(String url, String user, String password) {
        if (!url.startsWith("jdbc:")) {
            throw new IllegalArgumentException("a JDBC URL starts with jdbc:, e.g. jdbc:h2:mem:crm or jdbc:postgresql://127.0.0.1/crm");
        }
        Flyway.configure().dataSource(url, user, password).locations("classpath:db/migration").load().migrate();
        return new CrmDatabase(url, user, password);
    }

    /** A new connection; the caller closes it. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    /** The JDBC URL without credentials. */
    @Override
    public String toString() {
        int query = url.indexOf('?');
        return "CrmDatabase[" + (query < 0 ? url : url.substring(0, query)) + "]";
    }
}
