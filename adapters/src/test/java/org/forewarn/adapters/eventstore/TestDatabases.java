package org.forewarn.adapters.eventstore;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The two databases the event store must work on. PostgreSQL is the server on 127.0.0.1:5432
 * (database {@code test}, trust auth) that every development and CI machine runs; each use gets
 * a schema of its own, dropped afterwards, so concurrent runs never meet.
 */
public final class TestDatabases {

    public static final String POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    public static final String POSTGRES_USER = "postgres";

    private TestDatabases() {
    }

    public static DataSource h2(Path dir) {
        return new DriverManagerDataSource("jdbc:h2:file:" + dir.resolve("eventstore")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", "sa", "");
    }

    /** A fresh schema on the local PostgreSQL; pass it to {@link #dropPostgresSchema} when done. */
    public static String createPostgresSchema() {
        String schema = "fw_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        execute("CREATE SCHEMA " + schema);
        return schema;
    }

    public static DataSource postgres(String schema) {
        return new DriverManagerDataSource(POSTGRES_URL + "?currentSchema=" + schema, POSTGRES_USER, "");
    }

    public static String postgresUrl(String schema) {
        return POSTGRES_URL + "?currentSchema=" + schema;
    }

    public static void dropPostgresSchema(String schema) {
        execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    private static void execute(String sql) {
        try (Connection c = DriverManager.getConnection(POSTGRES_URL, POSTGRES_USER, "")) {
            c.createStatement().execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("the PostgreSQL server on 127.0.0.1:5432 (database test) is required "
                    + "by the tests: " + e.getMessage(), e);
        }
    }
}
