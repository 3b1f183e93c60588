package org.forewarn.adapters.eventstore;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.RevisionResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.NoOpEventUpcaster;

/**
 * How Forewarn stores events: Axon's JDBC storage engine with JSON text payloads, unique-key
 * violations recognised on both databases, personal data in events encrypted with its subject's key
 * ({@link PersonalDataModule}), tables created when missing. The application and the event-store
 * tests build the store through here, so they test what runs.
 */
public final class JdbcEventStore {

    private JdbcEventStore() {
    }

    /**
     * The JSON mapping of stored events and tokens: ISO-8601 times, and unknown properties
     * ignored so that an event written by a newer version can still be read.
     */
    public static ObjectMapper objectMapper() {
        return JsonMapper.builder()
                         .addModule(new JavaTimeModule())
                         .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                         .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                         .build();
    }

    /**
     * The serializer of stored events: {@link #objectMapper()} plus the sealing of personal data
     * with the keys in {@code keys}. Only events go through it; snapshots and tokens keep the
     * plain serializer.
     */
    public static JacksonSerializer eventSerializer(PersonalDataKeys keys, RevisionResolver revisions) {
        return JacksonSerializer.builder()
                                .revisionResolver(revisions)
                                .objectMapper(objectMapper().registerModule(new PersonalDataModule(keys)))
                                .build();
    }

    public static JacksonSerializer eventSerializer(PersonalDataKeys keys) {
        return eventSerializer(keys, new AnnotationRevisionResolver());
    }

    public static JdbcEventStorageEngine engine(ConnectionProvider connections, TransactionManager transactions,
                                                Serializer serializer, Serializer eventSerializer,
                                                EventUpcaster upcasters) {
        return JdbcEventStorageEngine.builder()
                                     .snapshotSerializer(serializer)
                                     .eventSerializer(eventSerializer)
                                     .upcasterChain(upcasters == null ? NoOpEventUpcaster.INSTANCE : upcasters)
                                     .persistenceExceptionResolver(new UniqueViolationResolver())
                                     .connectionProvider(connections)
                                     .transactionManager(transactions)
                                     .schema(new EventSchema())
                                     .dataType(String.class)
                                     .readEventDataWithGaps(JdbcEventStore::readEventDataWithGaps)
                                     .build();
    }

    /**
     * The query for the events after a tracking token that has gaps (positions taken by
     * transactions not committed yet, or rolled back): Axon's, {@code (globalIndex > ? AND
     * globalIndex <= ?) OR globalIndex IN (…)}, as a range from the lowest gap to the end of the
     * batch and, within it, {@code globalIndex > ? OR globalIndex IN (…)}. The rows are the same
     * (every gap lies in that range); without the range H2 found no index condition in the
     * {@code OR} and read the whole event table in index order for every fetch while a gap was
     * open — the event store's producer and every processor reading on its own, ever slower as the
     * table grew. PostgreSQL uses the range as well.
     */
    static PreparedStatement readEventDataWithGaps(Connection connection, EventSchema schema, long globalIndex,
                                                   int batchSize, List<Long> gaps) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(readEventDataWithGapsSql(schema, gaps.size()));
        long lowest = globalIndex + 1;
        for (long gap : gaps) {
            lowest = Math.min(lowest, gap);
        }
        statement.setLong(1, lowest);
        statement.setLong(2, globalIndex + batchSize);
        statement.setLong(3, globalIndex);
        for (int i = 0; i < gaps.size(); i++) {
            statement.setLong(i + 4, gaps.get(i));
        }
        return statement;
    }

    static String readEventDataWithGapsSql(EventSchema schema, int gaps) {
        String index = schema.globalIndexColumn();
        return "SELECT " + schema.trackedEventFields() + " FROM " + schema.domainEventTable()
                + " WHERE " + index + " >= ? AND " + index + " <= ?"
                + " AND (" + index + " > ? OR " + index + " IN ("
                + String.join(",", Collections.nCopies(gaps, "?")) + "))"
                + " ORDER BY " + index + " ASC";
    }

    public static JdbcTokenStore tokenStore(ConnectionProvider connections, Serializer serializer) {
        return JdbcTokenStore.builder()
                             .connectionProvider(connections)
                             .serializer(serializer)
                             .schema(TokenSchema.builder().build())
                             .build();
    }

    /** Creates the event, snapshot, token and personal-data key tables where they do not exist yet. */
    public static void createSchema(JdbcEventStorageEngine engine, JdbcTokenStore tokens, PersonalDataKeys keys,
                                    EventStoreDialect dialect, TransactionManager transactions) {
        engine.createSchema(dialect.eventTables());
        keys.createTable();
        transactions.executeInTransaction(() -> tokens.createSchema(dialect.tokenTables()));
    }
}
