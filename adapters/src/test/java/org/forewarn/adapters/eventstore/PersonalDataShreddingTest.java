package org.forewarn.adapters.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.forewarn.adapters.eventstore.StoredClues.SUSPECT;
import static org.forewarn.adapters.eventstore.StoredClues.VICTIM;
import static org.forewarn.adapters.eventstore.StoredClues.merged;
import static org.forewarn.adapters.eventstore.StoredClues.opened;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializationException;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.forewarn.adapters.eventstore.PersonalDataKeys.SubjectKey;
import org.forewarn.domain.Clue;
import org.forewarn.domain.FraudCategory;
import org.forewarn.domain.PersonalData;
import org.forewarn.domain.PersonalText;
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
 * Crypto-shredding in the event store, on H2 and the real PostgreSQL, with the serializer and
 * key store the application builds: personal values are stored sealed with their subject's key,
 * and destroying the key erases them from every event while the rest of the history stays.
 */
class PersonalDataShreddingTest {

    /** A test event that nests personal values the way future events may: in lists and optional. */
    record NotesTaken(String personId, List<PersonalText> notes, PhoneNumber relative, int count)
            implements PersonalData {

        @Override
        public String dataSubjectId() {
            return personId;
        }
    }

    /** Holds a number without naming whose it is. */
    record Unattributed(String caseId, PhoneNumber number) {
    }

    abstract static class Contract {

        DataSource dataSource;
        ConnectionProvider connections;
        SpringTransactionManager transactions;
        PersonalDataKeys keys;
        JacksonSerializer serializer;
        JacksonSerializer eventSerializer;
        JdbcEventStorageEngine engine;
        JdbcTemplate sql;

        abstract DataSource open();

        @BeforeEach
        void createStore() {
            dataSource = open();
            sql = new JdbcTemplate(dataSource);
            transactions = new SpringTransactionManager(new DataSourceTransactionManager(dataSource));
            connections = new UnitOfWorkAwareConnectionProviderWrapper(
                    new SpringDataSourceConnectionProvider(dataSource));
            keys = new PersonalDataKeys(dataSource, connections);
            serializer = JacksonSerializer.builder().objectMapper(JdbcEventStore.objectMapper()).build();
            eventSerializer = JdbcEventStore.eventSerializer(keys);
            engine = JdbcEventStore.engine(connections, transactions, serializer, eventSerializer, null);
            JdbcTokenStore tokens = JdbcEventStore.tokenStore(connections, serializer);
            JdbcEventStore.createSchema(engine, tokens, keys, EventStoreDialect.of(dataSource), transactions);
        }

        @Test
        void numbersAreStoredSealedNowhereInClearAndReadBackEqual() {
            append(event("p-1", 0, opened("p-1", "case-1")));

            String row = rawRow("p-1");
            for (PhoneNumber number : List.of(VICTIM, SUSPECT)) {
                String digits = number.e164().substring(1);
                assertThat(row).doesNotContain(digits, digits.substring(2), number.masked(),
                        number.masked().substring(3), number.e164().substring(number.e164().length() - 8));
            }
            JsonNode clue = payload("p-1", 0).path("clue");
            assertThat(clue.path("victimNumber").asText()).startsWith("enc:v1:p-1:1:");
            assertThat(clue.path("suspectNumber").asText()).startsWith("enc:v1:p-1:1:");
            assertThat(clue.path("victimNumber").asText()).isNotEqualTo(clue.path("suspectNumber").asText());
            assertThat(clue.path("category").asText()).isEqualTo("IMPERSONATING_AUTHORITIES");
            assertThat(payloads("p-1")).containsExactly(opened("p-1", "case-1"));
        }

        @Test
        void sealingTheSameNumberTwiceGivesTwoDifferentTexts() {
            append(event("p-1", 0, opened("p-1", "case-1")), event("p-1", 1, merged("p-1", "case-1", "clue-2")));

            assertThat(payload("p-1", 0).path("clue").path("victimNumber").asText())
                    .isNotEqualTo(payload("p-1", 1).path("clue").path("victimNumber").asText());
        }

        @Test
        void absentSuspectNumberStaysNull() {
            Clue clue = opened("p-1", "case-1").clue();
            CaseOpened withoutSuspect = new CaseOpened("p-1", "case-1", new Clue(clue.clueId(), VICTIM, null,
                    clue.category(), clue.riskLevel(), clue.detectedAt(), clue.channel(), clue.source(),
                    clue.ageGroup()), "intake");
            append(event("p-1", 0, withoutSuspect));

            assertThat(payload("p-1", 0).path("clue").path("suspectNumber").isNull()).isTrue();
            assertThat(payloads("p-1")).containsExactly(withoutSuspect);
        }

        @Test
        void personalTextInListsIsSealedAndReadsBack() {
            NotesTaken notes = new NotesTaken("p-1", List.of(new PersonalText("called her son Wang Wei"),
                    PersonalText.NONE), VICTIM, 2);
            append(event("p-1", 0, notes));

            assertThat(rawRow("p-1")).doesNotContain("Wang Wei", VICTIM.e164().substring(1));
            assertThat(payload("p-1", 0).path("notes").get(0).asText()).startsWith("enc:v1:p-1:1:");
            assertThat(payloads("p-1")).containsExactly(notes);

            destroy("p-1");
            assertThat(payloads("p-1")).containsExactly(new NotesTaken("p-1",
                    List.of(PersonalText.ERASED, PersonalText.ERASED), PhoneNumber.ERASED, 2));
        }

        @Test
        void afterDestructionEveryEventStaysWithItsPersonalFieldsErased() {
            append(event("p-1", 0, opened("p-1", "case-1")), event("p-1", 1, sent("p-1", "case-1")));

            destroy("p-1");

            List<Object> history = payloads("p-1");
            assertThat(history).hasSize(2);
            CaseOpened opened = (CaseOpened) history.get(0);
            Clue original = opened("p-1", "case-1").clue();
            assertThat(opened.clue().victimNumber()).isEqualTo(PhoneNumber.ERASED);
            assertThat(opened.clue().suspectNumber()).isEqualTo(PhoneNumber.ERASED);
            assertThat(opened.clue().victimNumber().toString()).isEqualTo("[erased]");
            assertThat(opened.clue()).usingRecursiveComparison().ignoringFields("victimNumber", "suspectNumber")
                                     .isEqualTo(original);
            assertThat(opened.clue().category()).isEqualTo(FraudCategory.IMPERSONATING_AUTHORITIES);
            assertThat(opened.clue().riskLevel()).isEqualTo(RiskLevel.HIGH);
            assertThat(opened.clue().detectedAt()).isEqualTo(StoredClues.DETECTED);
            assertThat(opened.caseId()).isEqualTo("case-1");
            assertThat(history.get(1)).isEqualTo(sent("p-1", "case-1"));
            try (Stream<? extends TrackedEventMessage<?>> tracked = engine.readEvents(null, false)) {
                assertThat(tracked.map(EventMessage::getPayload).map(CaseOpened.class::isInstance).toList())
                        .containsExactly(true, false);
            }

            Map<String, Object> key = sql.queryForMap(
                    "SELECT key_bytes, created_at, destroyed_at FROM personal_data_key WHERE subject_id = 'p-1'");
            assertThat(key.get("key_bytes")).isNull();
            assertThat(key.get("created_at")).isNotNull();
            assertThat(key.get("destroyed_at")).isNotNull();
        }

        @Test
        void destructionRolledBackWithItsTransactionLeavesTheKey() {
            append(event("p-1", 0, opened("p-1", "case-1")));

            assertThatThrownBy(() -> transactions.executeInTransaction(() -> {
                keys.destroy("p-1");
                throw new IllegalStateException("the erasure event could not be stored");
            })).hasMessageContaining("could not be stored");

            assertThat(payloads("p-1")).containsExactly(opened("p-1", "case-1"));
        }

        @Test
        void personalDataWrittenAfterDestructionGetsANewGenerationAndReads() {
            append(event("p-1", 0, opened("p-1", "case-1")));
            destroy("p-1");

            append(event("p-1", 1, merged("p-1", "case-1", "clue-2")));

            assertThat(payload("p-1", 1).path("clue").path("victimNumber").asText()).startsWith("enc:v1:p-1:2:");
            List<Object> history = payloads("p-1");
            assertThat(((CaseOpened) history.get(0)).clue().victimNumber()).isEqualTo(PhoneNumber.ERASED);
            assertThat(history.get(1)).isEqualTo(merged("p-1", "case-1", "clue-2"));
            assertThat(sql.queryForList("SELECT generation FROM personal_data_key WHERE subject_id = 'p-1' "
                    + "AND key_bytes IS NOT NULL", Integer.class)).containsExactly(2);
        }

        @Test
        void personalDataWrittenAfterDestructionInTheSameTransactionOutlivesIt() {
            append(event("p-1", 0, opened("p-1", "case-1")));

            transactions.executeInTransaction(() -> {
                keys.destroy("p-1");
                engine.appendEvents(event("p-1", 1, merged("p-1", "case-1", "clue-2")));
            });

            List<Object> history = payloads("p-1");
            assertThat(((CaseOpened) history.get(0)).clue().victimNumber()).isEqualTo(PhoneNumber.ERASED);
            assertThat(history.get(1)).isEqualTo(merged("p-1", "case-1", "clue-2"));
        }

        @Test
        void subjectsHaveIndependentKeys() {
            append(event("p-a", 0, opened("p-a", "case-a")));
            append(event("p-b", 0, opened("p-b", "case-b")));

            destroy("p-a");

            assertThat(((CaseOpened) payloads("p-a").get(0)).clue().victimNumber()).isEqualTo(PhoneNumber.ERASED);
            assertThat(payloads("p-b")).containsExactly(opened("p-b", "case-b"));
            assertThat(keys.activeKey("p-b").key().getEncoded()).isNotEqualTo(keys.activeKey("p-a").key().getEncoded());
        }

        /**
         * A value sealed for one subject and copied into another's event would open with the first
         * subject's key; the event refuses to read instead, so that a tampered store is noticed.
         */
        @Test
        void valueMovedIntoAnotherSubjectsEventRefusesToRead() {
            append(event("p-a", 0, opened("p-a", "case-a")));
            append(event("p-b", 0, opened("p-b", "case-b")));
            String ofA = payload("p-a", 0).path("clue").path("victimNumber").asText();
            String ofB = payload("p-b", 0).path("clue").path("victimNumber").asText();

            replaceInPayload("p-b", ofB, ofA);

            assertThatThrownBy(() -> payloads("p-b")).isInstanceOf(SerializationException.class)
                    .rootCause().hasMessageContaining("sealed for p-a").hasMessageContaining("moved");
        }

        @Test
        void valueRelabelledForAnotherSubjectDoesNotOpen() {
            append(event("p-a", 0, opened("p-a", "case-a")));
            append(event("p-b", 0, opened("p-b", "case-b")));
            String ofA = payload("p-a", 0).path("clue").path("victimNumber").asText();
            String ofB = payload("p-b", 0).path("clue").path("victimNumber").asText();

            replaceInPayload("p-b", ofB, ofA.replace("enc:v1:p-a:", "enc:v1:p-b:"));

            assertThatThrownBy(() -> payloads("p-b")).isInstanceOf(SerializationException.class)
                    .rootCause().hasMessageContaining("altered");
        }

        @Test
        void numberOutsideAPersonalDataEventRefusesToBeStored() {
            assertThatThrownBy(() -> append(event("p-1", 0, new Unattributed("case-1", VICTIM))))
                    .rootCause().hasMessageContaining("a PhoneNumber may only be stored inside an event that is "
                            + "PersonalData; personal data is never stored in clear");
            assertThatThrownBy(() -> eventSerializer.serialize(opened("p-1", "case-1").clue(), String.class))
                    .isInstanceOf(SerializationException.class);
            assertThatThrownBy(() -> append(event("p-1", 0, sent("p-1", "case-1"))
                    .withMetaData(MetaData.with("caller", VICTIM))))
                    .isInstanceOf(SerializationException.class);
            assertThatThrownBy(() -> eventSerializer.serialize(Map.of(VICTIM, "x"), String.class))
                    .isInstanceOf(SerializationException.class);

            assertThat(sql.queryForObject("SELECT COUNT(*) FROM DomainEventEntry", Integer.class)).isZero();
        }

        @Test
        void eventThatNamesNoSubjectRefusesToStoreItsNumber() {
            assertThatThrownBy(() -> eventSerializer.serialize(new NotesTaken(null, List.of(), VICTIM, 0),
                    String.class)).isInstanceOf(SerializationException.class)
                    .rootCause().hasMessageContaining("names no data subject");
        }

        @Test
        void eventsStoredInClearBeforeEncryptionStillRead() {
            JdbcEventStorageEngine before = JdbcEventStore.engine(connections, transactions, serializer,
                    serializer, null);
            transactions.executeInTransaction(() -> before.appendEvents(event("p-1", 0, opened("p-1", "case-1"))));
            assertThat(payload("p-1", 0).path("clue").path("victimNumber").path("e164").asText())
                    .isEqualTo(VICTIM.e164());

            assertThat(payloads("p-1")).containsExactly(opened("p-1", "case-1"));
        }

        @Test
        void racingCreatorsOfAKeyAgreeOnOneGeneration() throws Exception {
            assertThat(race("p-race")).extracting(SubjectKey::generation).containsOnly(1);
            assertThat(sql.queryForObject("SELECT COUNT(*) FROM personal_data_key WHERE subject_id = 'p-race'",
                    Integer.class)).isEqualTo(1);

            destroy("p-race");
            List<SubjectKey> second = race("p-race");
            assertThat(second).extracting(SubjectKey::generation).containsOnly(2);
            assertThat(second).extracting(k -> HexFormat.of().formatHex(k.key().getEncoded())).hasSize(8)
                              .containsOnly(HexFormat.of().formatHex(second.get(0).key().getEncoded()));
            assertThat(sql.queryForObject("SELECT COUNT(*) FROM personal_data_key WHERE subject_id = 'p-race'",
                    Integer.class)).isEqualTo(2);
        }

        /** Another node learns of a destruction when its cached key expires; this one at once. */
        @Test
        void anotherNodeStopsOpeningValuesWhenItsCachedKeyExpires() {
            PersonalDataKeys otherNodeKeys = new PersonalDataKeys(dataSource, connections, Duration.ofMillis(500),
                    100);
            JdbcEventStorageEngine otherNode = JdbcEventStore.engine(connections, transactions, serializer,
                    JdbcEventStore.eventSerializer(otherNodeKeys), null);
            append(event("p-1", 0, opened("p-1", "case-1")));
            assertThat(victimNumberAsReadBy(otherNode)).isEqualTo(VICTIM);

            destroy("p-1");

            assertThat(victimNumberAsReadBy(engine)).isEqualTo(PhoneNumber.ERASED);
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(victimNumberAsReadBy(otherNode)).isEqualTo(PhoneNumber.ERASED));
        }

        private static PhoneNumber victimNumberAsReadBy(JdbcEventStorageEngine node) {
            return node.readEvents("p-1").asStream().map(EventMessage::getPayload).map(CaseOpened.class::cast)
                       .findFirst().orElseThrow().clue().victimNumber();
        }

        private List<SubjectKey> race(String subject) throws Exception {
            int threads = 8;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<SubjectKey>> answers = new ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    Callable<SubjectKey> creator = () -> {
                        start.await();
                        return keys.activeKey(subject);
                    };
                    answers.add(pool.submit(creator));
                }
                start.countDown();
                List<SubjectKey> keys = new ArrayList<>();
                for (Future<SubjectKey> answer : answers) {
                    keys.add(answer.get());
                }
                return keys;
            } finally {
                pool.shutdownNow();
            }
        }

        private void destroy(String subject) {
            transactions.executeInTransaction(() -> keys.destroy(subject));
        }

        private void append(EventMessage<?>... events) {
            transactions.executeInTransaction(() -> engine.appendEvents(events));
        }

        private List<Object> payloads(String aggregate) {
            return engine.readEvents(aggregate).asStream().map(EventMessage::getPayload).map(Object.class::cast)
                         .toList();
        }

        private JsonNode payload(String aggregate, long seq) {
            String payload = sql.queryForObject("SELECT payload FROM DomainEventEntry "
                    + "WHERE aggregateIdentifier = ? AND sequenceNumber = ?", String.class, aggregate, seq);
            try {
                return JdbcEventStore.objectMapper().readTree(payload);
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        }

        private void replaceInPayload(String aggregate, String from, String to) {
            String payload = sql.queryForObject("SELECT payload FROM DomainEventEntry WHERE aggregateIdentifier = ?",
                    String.class, aggregate);
            assertThat(payload).contains(from);
            sql.update("UPDATE DomainEventEntry SET payload = ? WHERE aggregateIdentifier = ?",
                    payload.replace(from, to), aggregate);
        }

        /** Every column of the aggregate's rows, as text. */
        private String rawRow(String aggregate) {
            return String.join("|", sql.query("SELECT * FROM DomainEventEntry WHERE aggregateIdentifier = ?",
                    (ResultSet rows, int n) -> {
                        ResultSetMetaData columns = rows.getMetaData();
                        StringBuilder text = new StringBuilder();
                        for (int i = 1; i <= columns.getColumnCount(); i++) {
                            Object value = rows.getObject(i);
                            text.append(value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
                                    : String.valueOf(value)).append('|');
                        }
                        return text.toString();
                    }, aggregate));
        }
    }

    @Nested
    class OnH2 extends Contract {
        @TempDir
        Path dir;
        /**
         * H2 closes a file database with its last connection and applies the URL's MODE to each
         * connection that opens it; several threads opening it at once can parse in the wrong mode.
         * The application's pool never lets it close, so neither does this test.
         */
        Connection keepOpen;

        @Override
        DataSource open() {
            DataSource h2 = TestDatabases.h2(dir);
            try {
                keepOpen = h2.getConnection();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            return h2;
        }

        @AfterEach
        void close() throws SQLException {
            keepOpen.close();
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

    static WarningSmsSent sent(String person, String caseId) {
        return new WarningSmsSent(person, caseId, caseId + ":send_warning_sms", "outbox-1", "outbox", "worker");
    }
}
