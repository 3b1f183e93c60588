package org.forewarn.adapters.eventstore;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;
import org.axonframework.eventhandling.tokenstore.jdbc.PostgresTokenTableFactory;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenTableFactory;
import org.axonframework.eventsourcing.eventstore.jdbc.AbstractEventTableFactory;
import org.axonframework.eventsourcing.eventstore.jdbc.EventTableFactory;

/**
 * The two databases the event store runs on: PostgreSQL in production and tests, H2 (PostgreSQL
 * mode, so PostgreSQL's column types) in the embedded runtime. Payloads and metadata are stored as JSON text, so analysts can
 * query the history with SQL ({@code payload::jsonb} on PostgreSQL).
 */
public enum EventStoreDialect {

    POSTGRESQL("TEXT", PostgresTokenTableFactory.INSTANCE),
    /** H2 answers {@code getObject} on TEXT with a Clob, so it stores the JSON as VARCHAR (up to 1 MB). */
    H2("CHARACTER VARYING", PostgresTokenTableFactory.INSTANCE);

    private final String textType;
    private final TokenTableFactory tokenTables;

    EventStoreDialect(String textType, TokenTableFactory tokenTables) {
        this.textType = textType;
        this.tokenTables = tokenTables;
    }

    public static EventStoreDialect of(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
            if (product.contains("postgres")) {
                return POSTGRESQL;
            }
            if (product.contains("h2")) {
                return H2;
            }
            throw new IllegalStateException("the event store runs on PostgreSQL or H2, not on " + product);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the event store database", e);
        }
    }

    public EventTableFactory eventTables() {
        return new AbstractEventTableFactory() {
            @Override
            protected String idColumnType() {
                return "BIGSERIAL";
            }

            @Override
            protected String payloadType() {
                return textType;
            }
        };
    }

    public TokenTableFactory tokenTables() {
        return tokenTables;
    }
}
