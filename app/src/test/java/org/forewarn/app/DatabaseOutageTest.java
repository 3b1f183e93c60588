package org.forewarn.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.core.ConditionTimeoutException;
import org.bson.Document;
import org.forewarn.adapters.eventstore.TestDatabases;
import org.forewarn.workflows.ports.SmsReceipt;
import org.forewarn.workflows.ports.WarningSmsSender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The event store's database goes away for 10 s while clues keep arriving, then comes back.
 * Intake never accepts a clue it could not store: while the database is away it answers 503
 * with {@code Retry-After}, never a 500, and every 202 names a case that really exists. The
 * jobs and processors that met the outage retry until it is over, so afterwards every accepted
 * clue has exactly one case with exactly one warning SMS, and a clue posted again after a 503
 * is stored once.
 *
 * <p>The application runs on the real PostgreSQL through a loopback TCP proxy that the test cuts:
 * every connection is dropped and new ones are refused, as when the database server crashes.
 */
class DatabaseOutageTest {

    private static final Duration LOAD = Duration.ofSeconds(20);
    private static final Duration CUT_AT = Duration.ofSeconds(5);
    private static final Duration OUTAGE = Duration.ofSeconds(10);
    private static final long CLUE_EVERY_MILLIS = 200;

    /** One answer of the intake to one post. */
    private record Answer(int status, Optional<String> retryAfter, Optional<String> contentType, String caseId) {

        static Answer of(HttpResponse<String> response) {
            String caseId = response.statusCode() / 100 == 2 ? Json.parse(response.body()).path("caseId").asText() : null;
            return new Answer(response.statusCode(), response.headers().firstValue("Retry-After"),
                    response.headers().firstValue("Content-Type"), caseId);
        }

        boolean accepted() {
            return status == 202 || status == 200;
        }
    }

    @TempDir
    Path data;
    private final String schema = TestDatabases.createPostgresSchema();
    private final CuttableTcpProxy database = new CuttableTcpProxy("127.0.0.1", 5432);
    private volatile long cutAt;
    private final HoldOneWarning warnings = new HoldOneWarning();

    /**
     * Around the application's own warning sender: once armed, the next warning is sent (to the
     * outbox, as always) and its job then waits, before recording it, until the test has cut the
     * database. Recording that warning thus fails, the job is retried after the outage, sends
     * again under the same idempotency key and records once.
     */
    private static final class HoldOneWarning {
        private final AtomicBoolean armed = new AtomicBoolean();
        private final CountDownLatch held = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        WarningSmsSender around(WarningSmsSender sender) {
            return sms -> {
                SmsReceipt receipt = sender.send(sms);
                if (armed.compareAndSet(true, false)) {
                    held.countDown();
                    try {
                        released.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return receipt;
            };
        }

        void arm() {
            armed.set(true);
        }

        boolean holding() {
            return held.getCount() == 0;
        }

        void release() {
            released.countDown();
        }
    }

    @AfterEach
    void cleanUp() {
        warnings.release();
        database.close();
        TestDatabases.dropPostgresSchema(schema);
    }

    @Test
    void databaseAwayForTenSecondsUnderLoadLosesAndDoublesNoClueAndEveryWarningGoesOutOnce() {
        ListAppender<ILoggingEvent> jobFailures = new ListAppender<>();
        try (RunningApp app = RunningApp.start(data, application -> application.addInitializers(context ->
                        context.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
                            @Override
                            public Object postProcessAfterInitialization(Object bean, String name) {
                                return bean instanceof WarningSmsSender sender ? warnings.around(sender) : bean;
                            }
                        })),
                "--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + database.port() + "/test?currentSchema="
                        + schema + "&connectTimeout=2&socketTimeout=10",
                "--spring.datasource.username=" + TestDatabases.POSTGRES_USER,
                "--spring.datasource.password=",
                // an outage must show within seconds, not after Hikari's default 30 s wait
                "--spring.datasource.hikari.connection-timeout=2000",
                "--spring.datasource.hikari.validation-timeout=1000")) {
            listen("org.forewarn.workflows", jobFailures); // after the start, which resets the logging
            Map<String, List<Answer>> answers = new ConcurrentHashMap<>();
            int clues = postUnderLoadAndCutTheDatabase(app, answers);
            long restoredAt = cutAt + OUTAGE.toNanos();

            List<Answer> all = answers.values().stream().flatMap(List::stream).toList();
            assertThat(all).as("every answer during the load").allSatisfy(answer -> {
                assertThat(answer.status()).isIn(200, 202, 503);
                if (answer.status() == 503) {
                    assertThat(answer.retryAfter()).as("Retry-After of a 503").isPresent();
                    assertThat(answer.contentType()).hasValueSatisfying(
                            type -> assertThat(type).startsWith("application/problem+json"));
                }
            });
            long refusedDuringLoad = all.stream().filter(a -> a.status() == 503).count();
            assertThat(refusedDuringLoad).as("the outage was seen by intake").isPositive();

            // the platform posts each refused clue again once the store is back
            List<String> refused = answers.entrySet().stream()
                    .filter(e -> e.getValue().stream().noneMatch(Answer::accepted)).map(Map.Entry::getKey).toList();
            ExecutorService platform = Executors.newFixedThreadPool(8);
            try {
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                    List<java.util.concurrent.Future<?>> posts = refused.stream()
                            .filter(clueId -> answers.get(clueId).stream().noneMatch(Answer::accepted))
                            .<java.util.concurrent.Future<?>>map(clueId -> platform.submit(() -> answers.get(clueId)
                                    .add(Answer.of(app.post("/api/v1/clues", "intake", clue(clueId))))))
                            .toList();
                    for (var post : posts) {
                        post.get();
                    }
                    assertThat(refused).allSatisfy(clueId ->
                            assertThat(answers.get(clueId)).anyMatch(Answer::accepted));
                });
            } finally {
                platform.shutdownNow();
            }
            long intakeRecoveredAt = System.nanoTime();

            JdbcTemplate sql = new JdbcTemplate(TestDatabases.postgres(schema));
            Map<String, List<String>> casesByClue = casesOpenedByClue(sql);
            assertThat(casesByClue).as("one case per clue, none without its clue").hasSize(clues);
            answers.forEach((clueId, its) -> {
                assertThat(casesByClue.get(clueId)).as("cases opened for " + clueId).hasSize(1);
                String caseId = casesByClue.get(clueId).get(0);
                assertThat(its).filteredOn(Answer::accepted).as("every acceptance of " + clueId + " names its case")
                               .isNotEmpty().allSatisfy(a -> assertThat(a.caseId()).isEqualTo(caseId));
            });

            try {
                await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                        assertThat(countPerCase(sql, "WarningSmsSent")).as("warnings sent")
                                .hasSize(clues).allSatisfy((caseId, count) -> assertThat(count).isEqualTo(1)));
            } catch (ConditionTimeoutException e) {
                Map<String, Integer> warnings = countPerCase(sql, "WarningSmsSent");
                List<String> notWarnedOnce = casesByClue.values().stream().map(cases -> cases.get(0))
                        .filter(caseId -> warnings.getOrDefault(caseId, 0) != 1).toList();
                throw new AssertionError("cases without exactly one warning, with their events: "
                        + histories(sql, notWarnedOnce), e);
            }
            long warnedAt = System.nanoTime();

            Map<String, Long> warningsInOutbox = new HashMap<>();
            app.bean(com.mongodb.client.MongoDatabase.class).getCollection("outbox")
               .find(new Document("kind", "WARNING_SMS"))
               .forEach(sms -> warningsInOutbox.merge(sms.getString("caseId"), 1L, Long::sum));
            List<String> caseIds = casesByClue.values().stream().map(cases -> cases.get(0)).toList();
            assertThat(caseIds).as("one outbox entry per warning").allSatisfy(caseId ->
                    assertThat(warningsInOutbox.get(caseId)).as(caseId).isEqualTo(1L));
            await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO).untilAsserted(() ->
                    assertThat(caseIds).as("the histories as the API shows them").allSatisfy(caseId ->
                            assertThat(Json.types(Json.parse(app.get("/api/v1/cases/" + caseId + "/history",
                                    "operator").body())))
                                    .containsOnlyOnce("CaseOpened", "WarningSmsSent")
                                    .doesNotContain("ChannelFailed")));

            List<String> failedJobs = jobFailures.list.stream().map(ILoggingEvent::getFormattedMessage)
                    .filter(m -> m.contains(" failed for job ")).toList();
            assertThat(failedJobs).as("jobs that met the outage failed and were retried").isNotEmpty();

            System.out.printf("database outage: %d clues, %d answers, %d answered 503 during the load, %d retried "
                            + "after it; intake took all %.1f s after the database came back, every warning was "
                            + "sent %.1f s after it; %d job failures logged, %d connections refused%n",
                    clues, all.size(), refusedDuringLoad, refused.size(),
                    (intakeRecoveredAt - restoredAt) / 1e9, (warnedAt - restoredAt) / 1e9, failedJobs.size(),
                    database.refusedConnections());
        } finally {
            ((Logger) LoggerFactory.getLogger("org.forewarn.workflows")).detachAppender(jobFailures);
        }
    }

    /**
     * Posts a new clue every {@value #CLUE_EVERY_MILLIS} ms for {@link #LOAD}, several in flight at
     * once as platforms do, and cuts the database about {@link #CUT_AT} into it for {@link #OUTAGE}.
     *
     * @return how many clues were posted
     */
    private int postUnderLoadAndCutTheDatabase(RunningApp app, Map<String, List<Answer>> answers) {
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        ExecutorService platform = Executors.newFixedThreadPool(8);
        AtomicInteger posted = new AtomicInteger();
        try {
            clock.scheduleAtFixedRate(() -> {
                String clueId = "outage-" + posted.incrementAndGet();
                answers.put(clueId, java.util.Collections.synchronizedList(new ArrayList<>()));
                platform.submit(() -> answers.get(clueId).add(Answer.of(app.post("/api/v1/clues", "intake",
                        clue(clueId)))));
            }, 0, CLUE_EVERY_MILLIS, TimeUnit.MILLISECONDS);
            var loadEnds = clock.schedule(() -> { }, LOAD.toMillis(), TimeUnit.MILLISECONDS);
            // Cut while a warning job is between its send and its record, so that a job is sure to
            // meet the outage: a moment found by watching the store can fall between two jobs.
            clock.schedule(warnings::arm, CUT_AT.toMillis(), TimeUnit.MILLISECONDS);
            await().atMost(CUT_AT.plusSeconds(10)).until(warnings::holding);
            database.cut();
            cutAt = System.nanoTime();
            warnings.release();
            clock.schedule(database::restore, OUTAGE.toMillis(), TimeUnit.MILLISECONDS);
            await().atMost(LOAD.plusSeconds(10)).until(loadEnds::isDone);
        } finally {
            clock.shutdownNow();
        }
        platform.shutdown();
        await().atMost(Duration.ofSeconds(40)).until(() -> platform.awaitTermination(1, TimeUnit.SECONDS));
        assertThat(answers.values()).as("every post was answered").allSatisfy(a -> assertThat(a).hasSize(1));
        return posted.get();
    }

    private static String clue(String clueId) {
        int n = Integer.parseInt(clueId.substring(clueId.indexOf('-') + 1));
        return Json.clue(clueId, "1370013%04d".formatted(n), "HIGH");
    }

    /** Case ids by clue id, from the {@code CaseOpened} events in the event store. */
    private static Map<String, List<String>> casesOpenedByClue(JdbcTemplate sql) {
        Map<String, List<String>> cases = new HashMap<>();
        sql.query("SELECT payload::jsonb -> 'clue' -> 'clueId' ->> 'value' AS clue_id, payload::jsonb ->> 'caseId' AS case_id "
                        + "FROM DomainEventEntry WHERE payloadType LIKE '%.CaseOpened'",
                row -> {
                    cases.computeIfAbsent(row.getString("clue_id"), k -> new ArrayList<>()).add(row.getString("case_id"));
                });
        return cases;
    }

    /** The events of each of the cases, in order, for a failure message. */
    private static Map<String, List<String>> histories(JdbcTemplate sql, List<String> caseIds) {
        Map<String, List<String>> histories = new java.util.TreeMap<>();
        sql.query("SELECT payload::jsonb ->> 'caseId' AS case_id, timeStamp, "
                        + "substring(payloadType from '[^.]*$') AS type FROM DomainEventEntry "
                        + "WHERE payload::jsonb ->> 'caseId' = ANY (?) ORDER BY globalIndex",
                row -> {
                    histories.computeIfAbsent(row.getString("case_id"), k -> new ArrayList<>())
                             .add(row.getString("type") + "@" + row.getString("timeStamp"));
                }, (Object) caseIds.toArray(String[]::new));
        return histories;
    }

    private static Map<String, Integer> countPerCase(JdbcTemplate sql, String eventType) {
        Map<String, Integer> counts = new HashMap<>();
        sql.query("SELECT payload::jsonb ->> 'caseId' AS case_id, COUNT(*) AS n FROM DomainEventEntry "
                        + "WHERE payloadType LIKE ? GROUP BY 1",
                row -> {
                    counts.put(row.getString("case_id"), row.getInt("n"));
                }, "%." + eventType);
        return counts;
    }

    private static void listen(String loggerName, ListAppender<ILoggingEvent> appender) {
        appender.start();
        ((Logger) LoggerFactory.getLogger(loggerName)).addAppender(appender);
    }
}
