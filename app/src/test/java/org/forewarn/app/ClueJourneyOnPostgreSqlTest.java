package org.forewarn.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.forewarn.adapters.eventstore.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The same journey with the event store on the real PostgreSQL, chosen by configuration alone;
 * the victim's number is stored sealed, and the warning still reaches it.
 */
class ClueJourneyOnPostgreSqlTest {

    @TempDir
    Path data;
    private final String schema = TestDatabases.createPostgresSchema();

    @AfterEach
    void dropSchema() {
        TestDatabases.dropPostgresSchema(schema);
    }

    @Test
    void clueIsWarnedWithItsEventsStoredInPostgreSql() {
        try (RunningApp app = RunningApp.start(data,
                "--spring.datasource.url=" + TestDatabases.postgresUrl(schema),
                "--spring.datasource.username=" + TestDatabases.POSTGRES_USER,
                "--spring.datasource.password=")) {
            String caseId = Json.parse(app.post("/api/v1/clues", "intake",
                    Json.clue("zj-pg-1", "13700137001", "HIGH")).body()).path("caseId").asText();

            JdbcTemplate sql = new JdbcTemplate(app.bean(DataSource.class));
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(sql.queryForList(
                    "SELECT payloadType FROM DomainEventEntry WHERE payload::jsonb ->> 'caseId' = ? "
                            + "ORDER BY globalIndex", String.class, caseId))
                    .containsExactly("org.forewarn.domain.person.api.CaseOpened",
                            "org.forewarn.domain.person.api.RungStarted",
                            "org.forewarn.domain.person.api.WarningSmsSent"));
            assertThat(sql.queryForList("SELECT payload FROM DomainEventEntry", String.class))
                    .allSatisfy(payload -> assertThat(payload).doesNotContain("13700137001"))
                    .anySatisfy(payload -> assertThat(payload).contains("\"victimNumber\":\"enc:v1:p-"));
            assertThat(sql.queryForObject("SELECT COUNT(*) FROM personal_data_key WHERE key_bytes IS NOT NULL "
                    + "AND subject_id LIKE 'p-%'", Integer.class)).as("one key for the one person").isEqualTo(1);
            assertThat(sql.queryForObject("SELECT current_schema()", String.class)).isEqualTo(schema);
            List<String> processors = sql.queryForList("SELECT processorName FROM TokenEntry", String.class);
            assertThat(processors).contains("zeebe-bridge", "case-projection");
        }
    }
}
