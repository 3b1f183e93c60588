package org.forewarn.adapters.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.forewarn.adapters.channels.SendLedger.Attempt;
import org.forewarn.adapters.channels.SendLedger.Entry;
import org.forewarn.adapters.eventstore.TestDatabases;
import org.forewarn.workflows.ports.CounterpartUnavailable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The ledger's rules, on both databases the application runs on. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SendLedgerTest {

    private static final Duration LEASE = Duration.ofSeconds(60);

    @TempDir
    Path dir;
    private String schema;
    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-22T08:00:00Z"));
    private int attempts;

    @BeforeAll
    void createSchema() {
        schema = TestDatabases.createPostgresSchema();
    }

    @AfterAll
    void dropSchema() {
        TestDatabases.dropPostgresSchema(schema);
    }

    Stream<String> databases() {
        return Stream.of("h2", "postgresql");
    }

    private SendLedger ledger(String database) {
        DataSource dataSource = database.equals("h2") ? TestDatabases.h2(dir) : TestDatabases.postgres(schema);
        return new SendLedger(dataSource, clock, LEASE);
    }

    private Attempt newAttempt() {
        attempts++;
        return new Attempt("case-" + attempts + ":send_warning_sms", "WARNING_SMS", "twilio", "p-1",
                "case-" + attempts);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void firstDeliverySendsAndLaterOnesAnswerWithTheProvidersReference(String database) {
        SendLedger ledger = ledger(database);
        Attempt attempt = newAttempt();

        assertThat(ledger.claim(attempt)).as("first delivery sends").isEmpty();
        ledger.sent(attempt.attemptId(), "SM0001");

        Optional<Entry> again = ledger.claim(attempt);
        assertThat(again).get().satisfies(entry -> {
            assertThat(entry.providerRef()).isEqualTo("SM0001");
            assertThat(entry.caseId()).isEqualTo(attempt.caseId());
            assertThat(entry.personId()).isEqualTo("p-1");
        });
        assertThat(ledger.byProviderRef("twilio", "SM0001")).get()
                .extracting(Entry::attemptId).isEqualTo(attempt.attemptId());
        assertThat(ledger.byProviderRef("smsc", "SM0001")).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void deliveryWhileAnotherIsSendingWaitsForItsLease(String database) {
        SendLedger ledger = ledger(database);
        Attempt attempt = newAttempt();
        ledger.claim(attempt);
        clock.advance(Duration.ofSeconds(10));

        assertThatThrownBy(() -> ledger.claim(attempt))
                .isInstanceOfSatisfying(CounterpartUnavailable.class, e ->
                        assertThat(e.retryAfter()).contains(Duration.ofSeconds(50)))
                .hasMessageContaining("being sent by another delivery");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void claimNeverAnsweredIsSentAgainOnceItsLeaseRanOut(String database) {
        SendLedger ledger = ledger(database);
        Attempt attempt = newAttempt();
        ledger.claim(attempt);
        clock.advance(LEASE.plusSeconds(1));

        assertThat(ledger.claim(attempt)).as("the crashed send is sent again").isEmpty();
        assertThatThrownBy(() -> ledger.claim(attempt)).as("and claimed anew")
                .isInstanceOf(CounterpartUnavailable.class);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void releasedClaimIsSentAgainAtOnce(String database) {
        SendLedger ledger = ledger(database);
        Attempt attempt = newAttempt();
        ledger.claim(attempt);

        ledger.release(attempt.attemptId());

        assertThat(ledger.claim(attempt)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void releaseAfterTheProviderAnsweredKeepsTheReference(String database) {
        SendLedger ledger = ledger(database);
        Attempt attempt = newAttempt();
        ledger.claim(attempt);
        ledger.sent(attempt.attemptId(), "SM0002");

        ledger.release(attempt.attemptId());

        assertThat(ledger.claim(attempt)).get().extracting(Entry::providerRef).isEqualTo("SM0002");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void statusReportsAreKeptWithTheirDetail(String database) {
        SendLedger ledger = ledger(database);
        Attempt attempt = newAttempt();
        ledger.claim(attempt);
        ledger.sent(attempt.attemptId(), "CA0003");

        ledger.status("twilio", "CA0003", "in-progress", "1");
        ledger.status("twilio", "CA0003", "completed", null);

        assertThat(ledger.byAttempt(attempt.attemptId())).get().satisfies(entry -> {
            assertThat(entry.status()).isEqualTo("completed");
            assertThat(entry.detail()).as("kept from the earlier report").isEqualTo("1");
        });
    }

    @ParameterizedTest
    @MethodSource("databases")
    void racingDeliveriesLetExactlyOneSend(String database) throws Exception {
        SendLedger ledger = ledger(database);
        Attempt attempt = newAttempt();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                Callable<Boolean> claim = () -> {
                    try {
                        return ledger.claim(attempt).isEmpty();
                    } catch (CounterpartUnavailable e) {
                        return false;
                    }
                };
                results.add(pool.submit(claim));
            }
            int senders = 0;
            for (Future<Boolean> result : results) {
                senders += result.get() ? 1 : 0;
            }
            assertThat(senders).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void oneAttemptIdNeverServesTwoChannels(String database) {
        SendLedger ledger = ledger(database);
        Attempt attempt = newAttempt();
        ledger.claim(attempt);
        ledger.sent(attempt.attemptId(), "SM0004");

        Attempt flash = new Attempt(attempt.attemptId(), "FLASH_WARNING", "smsc", "p-1", attempt.caseId());
        assertThatThrownBy(() -> ledger.claim(flash)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("was a WARNING_SMS through twilio");
    }
}
