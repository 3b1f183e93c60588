package org.forewarn.adapters.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.forewarn.domain.AgeGroup;
import org.forewarn.domain.Clue;
import org.forewarn.domain.ClueChannel;
import org.forewarn.domain.ClueId;
import org.forewarn.domain.FraudCategory;
import org.forewarn.domain.PhoneNumber;
import org.forewarn.domain.RiskLevel;
import org.forewarn.domain.person.api.CaseOpened;
import org.forewarn.domain.person.api.WarningSmsSent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The contract of the event store, run against H2 (the embedded runtime) and the real
 * PostgreSQL (production), through the same factory the application uses.
 */
class EventStoreContractTest {

    abstract static class Contract {

        DataSource dataSource;
        JdbcEventStorageEngine engine;
        JdbcTokenStore tokens;
        SpringTransactionManager transactions;
        final JacksonSerializer serializer = JacksonSerializer.builder()
                .objectMapper(JdbcEventStore.objectMapper()).defaultTyping().build();

        abstract DataSource open();

        @BeforeEach
        void createStore() {
            dataSource = open();
            transactions = new SpringTransactionManager(new DataSourceTransactionManager(dataSource));
            ConnectionProvider connections = new UnitOfWorkAwareConnectionProviderWrapper(
                    new SpringDataSourceConnectionProvider(dataSource));
            PersonalDataKeys keys = new PersonalDataKeys(dataSource, connections);
            engine = JdbcEventStore.engine(connections, transactions, serializer, JdbcEventStore.eventSerializer(keys),
                    null);
            tokens = JdbcEventStore.tokenStore(connections, serializer);
            JdbcEventStore.createSchema(engine, tokens, keys, EventStoreDialect.of(dataSource), transactions);
        }

        @Test
        void eventsOfAnAggregateReadBackInOrderWithTheirPayload() {
            append(event("p-1", 0, opened("p-1", "case-1")), event("p-1", 1, sent("p-1", "case-1")));

            List<Object> payloads = engine.readEvents("p-1").asStream().map(EventMessage::getPayload)
                                          .map(Object.class::cast).toList();
            assertThat(payloads).containsExactly(opened("p-1", "case-1"), sent("p-1", "case-1"));
        }

        @Test
        void payloadIsJsonTextThatSqlCanRead() throws Exception {
            append(event("p-2", 0, opened("p-2", "case-2")));

            String payload = new JdbcTemplate(dataSource).queryForObject(
                    "SELECT payload FROM DomainEventEntry WHERE aggregateIdentifier = 'p-2'", String.class);
            JsonNode json = JdbcEventStore.objectMapper().readTree(payload);
            assertThat(json.path("caseId").asText()).isEqualTo("case-2");
            assertThat(json.path("clue").path("category").asText()).isEqualTo("IMPERSONATING_AUTHORITIES");
        }

        @Test
        void twoCreatorsOfOneAggregateMakeOneOfThemFail() {
            append(event("p-3", 0, opened("p-3", "case-3")));

            assertThatThrownBy(() -> append(event("p-3", 0, opened("p-3", "case-other"))))
                    .isInstanceOf(AggregateStreamCreationException.class);
            assertThat(engine.readEvents("p-3").asStream().count()).isEqualTo(1);
        }

        @Test
        void twoWritersOfOneSequenceNumberMakeOneOfThemFailWithAConcurrencyError() {
            append(event("p-6", 0, opened("p-6", "case-6")), event("p-6", 1, sent("p-6", "case-6")));

            assertThatThrownBy(() -> append(event("p-6", 1, sent("p-6", "case-6"))))
                    .isInstanceOf(ConcurrencyException.class);
            assertThat(engine.readEvents("p-6").asStream().count()).isEqualTo(2);
        }

        @Test
        void trackingReadsEveryEventOnceInGlobalOrder() {
            append(event("p-4", 0, opened("p-4", "case-4")));
            append(event("p-5", 0, opened("p-5", "case-5")));
            append(event("p-4", 1, sent("p-4", "case-4")));

            try (Stream<? extends TrackedEventMessage<?>> stream = engine.readEvents(null, false)) {
                List<String> order = stream.map(DomainEventMessage.class::cast)
                        .map(m -> m.getAggregateIdentifier() + "/" + m.getSequenceNumber()).toList();
                assertThat(order).containsExactly("p-4/0", "p-5/0", "p-4/1");
            }
        }

        @Test
        void trackingFromATokenWithGapsReadsTheGapsAndWhatFollowsTheTokenOnly() {
            for (int seq = 0; seq < 6; seq++) {
                append(event("p-6", seq, sent("p-6", "case-6")));
            }
            List<Long> positions;
            try (Stream<? extends TrackedEventMessage<?>> stream = engine.readEvents(null, false)) {
                positions = stream.map(m -> m.trackingToken().position().orElseThrow()).toList();
            }
            // as a processor's token that moved past the 4th event while the 2nd and 3rd were not committed yet
            TrackingToken withGaps = GapAwareTrackingToken.newInstance(positions.get(3),
                    List.of(positions.get(1), positions.get(2)));
            try (Stream<? extends TrackedEventMessage<?>> stream = engine.readEvents(withGaps, false)) {
                List<Long> read = stream.map(DomainEventMessage.class::cast).map(DomainEventMessage::getSequenceNumber)
                        .toList();
                assertThat(read).containsExactly(1L, 2L, 4L, 5L);
            }
        }

        @Test
        void processorTokensAreStoredAndClaimed() {
            transactions.executeInTransaction(() -> tokens.initializeTokenSegments("zeebe-bridge", 1));
            TrackingToken token = new GlobalSequenceTrackingToken(41);
            transactions.executeInTransaction(() -> tokens.storeToken(token, "zeebe-bridge", 0));

            TrackingToken read = transactions.fetchInTransaction(() -> tokens.fetchToken("zeebe-bridge", 0));
            assertThat(read).isEqualTo(token);
        }

        private void append(EventMessage<?>... events) {
            transactions.executeInTransaction(() -> engine.appendEvents(events));
        }
    }

    @Nested
    class OnH2 extends Contract {
        @TempDir
        Path dir;

        @Override
        DataSource open() {
            return TestDatabases.h2(dir);
        }

        /** Axon's own query found no index condition in its OR and read the whole table for each fetch. */
        @Test
        void theQueryForATokenWithGapsReadsARangeOfTheIndexNotTheWholeTable() throws Exception {
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement explain = connection.prepareStatement(
                         "EXPLAIN " + JdbcEventStore.readEventDataWithGapsSql(new EventSchema(), 2))) {
                explain.setLong(1, 90);
                explain.setLong(2, 200);
                explain.setLong(3, 100);
                explain.setLong(4, 90);
                explain.setLong(5, 95);
                ResultSet plan = explain.executeQuery();
                plan.next();
                assertThat(plan.getString(1)).as("the plan").containsPattern("PRIMARY_KEY_\\w+: globalindex >=");
            }
        }
    }

    @Nested
    class OnPostgreSql extends Contract {
        String schema;

        @Override
        DataSource open() {
            schema = TestDatabases.createPostgresSchema();
            return TestDatabases.postgres(schema);
        }

        @AfterEach
        void dropSchema() {
            TestDatabases.dropPostgresSchema(schema);
        }
    }

    static GenericDomainEventMessage<?> event(String aggregate, long seq, Object payload) {
        return new GenericDomainEventMessage<>("AtRiskPerson", aggregate, seq, payload);
    }

    static CaseOpened opened(String person, String caseId) {
        Clue clue = new Clue(new ClueId("clue-" + caseId), PhoneNumber.parse("victimNumber", "13800138000"), null,
                FraudCategory.IMPERSONATING_AUTHORITIES, RiskLevel.HIGH, Instant.parse("2026-11-22T08:00:00Z"),
                ClueChannel.CALL, "test", AgeGroup.ADULT);
        return new CaseOpened(person, caseId, clue, "intake");
    }

    static WarningSmsSent sent(String person, String caseId) {
        return new WarningSmsSent(person, caseId, caseId + ":send_warning_sms", "outbox-1", "outbox", "worker");
    }
}
