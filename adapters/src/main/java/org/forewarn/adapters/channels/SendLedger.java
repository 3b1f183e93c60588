package org.forewarn.adapters.channels;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.forewarn.workflows.ports.CounterpartUnavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Our memory of what we handed to a provider that has none of its own: Twilio and an SMSC accept
 * the same message twice and deliver it twice. One row per attempt id in the table
 * {@value #TABLE}, beside the event store (the source of truth), so that a job delivered twice
 * sends once:
 * <ol>
 *   <li>{@link #claim} before sending: the first delivery of an attempt inserts the row and sends;
 *       a later one finds the provider's reference and answers with it without sending;</li>
 *   <li>{@link #sent} right after the provider accepted, with its reference, before the job
 *       records anything or completes;</li>
 *   <li>{@link #release} when the provider answered that it took nothing (an error response), so
 *       that the retry sends without waiting.</li>
 * </ol>
 * A claim without a reference means another delivery is sending right now, or one died between
 * handing the message over and writing its reference down. The first is waited for (the claim
 * holds for a lease); after the lease the second is assumed and the attempt is sent again. That
 * is the one window in which a person can get a warning twice: the process was killed, or the
 * connection lost, after the provider took the message and before its answer was written here.
 * Sending again was chosen over sending nothing: a second warning costs less than none.
 *
 * <p>The row also maps the provider's reference back to the case, for its status reports.
 * It holds no personal data: identifiers, the provider's reference and statuses only.
 */
public final class SendLedger {

    public static final String TABLE = "channel_send";
    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(60);

    private static final Logger LOG = LoggerFactory.getLogger(SendLedger.class);

    private static final String COLUMNS = "attempt_id, channel, provider, person_id, case_id, provider_ref, "
            + "claimed_at, sent_at, status, detail";
    private static final String INSERT = "INSERT INTO " + TABLE
            + " (attempt_id, channel, provider, person_id, case_id, claimed_at) VALUES (?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT DO NOTHING";
    private static final String BY_ATTEMPT = "SELECT " + COLUMNS + " FROM " + TABLE + " WHERE attempt_id = ?";
    private static final String BY_REF = "SELECT " + COLUMNS + " FROM " + TABLE
            + " WHERE provider = ? AND provider_ref = ?";
    private static final String RECLAIM = "UPDATE " + TABLE
            + " SET claimed_at = ? WHERE attempt_id = ? AND claimed_at = ? AND provider_ref IS NULL";
    private static final String SENT = "UPDATE " + TABLE
            + " SET provider_ref = ?, sent_at = ? WHERE attempt_id = ? AND provider_ref IS NULL";
    private static final String RELEASE = "DELETE FROM " + TABLE + " WHERE attempt_id = ? AND provider_ref IS NULL";
    private static final String STATUS = "UPDATE " + TABLE
            + " SET status = ?, detail = COALESCE(?, detail) WHERE provider = ? AND provider_ref = ?";

    private final DataSource dataSource;
    private final Clock clock;
    private final Duration lease;

    /**
     * @param lease how long a claim without a reference is taken for a send in progress; longer
     *              than the provider's request timeout
     */
    public SendLedger(DataSource dataSource, Clock clock, Duration lease) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.lease = Objects.requireNonNull(lease, "lease");
        createTable();
    }

    /** One attempt to reach a person through a channel of a provider. */
    public record Attempt(String attemptId, String channel, String provider, String personId, String caseId) {
        public Attempt {
            Objects.requireNonNull(attemptId, "attemptId");
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(provider, "provider");
            Objects.requireNonNull(personId, "personId");
            Objects.requireNonNull(caseId, "caseId");
        }
    }

    /** A row of the ledger. {@code providerRef} is null while the send is claimed but not answered. */
    public record Entry(String attemptId, String channel, String provider, String personId, String caseId,
                        String providerRef, Instant claimedAt, Instant sentAt, String status, String detail) {
        public boolean isSent() {
            return providerRef != null;
        }
    }

    /**
     * Claims the attempt for sending.
     *
     * @return empty if the caller is to send now; the entry if the attempt was sent already, whose
     *         reference is the answer to give
     * @throws CounterpartUnavailable while another delivery of the attempt holds the claim
     */
    public Optional<Entry> claim(Attempt attempt) {
        Instant now = clock.instant();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                insert.setString(1, attempt.attemptId());
                insert.setString(2, attempt.channel());
                insert.setString(3, attempt.provider());
                insert.setString(4, attempt.personId());
                insert.setString(5, attempt.caseId());
                insert.setLong(6, now.toEpochMilli());
                if (insert.executeUpdate() == 1) {
                    return Optional.empty();
                }
            }
            Entry entry = find(connection, BY_ATTEMPT, attempt.attemptId())
                    .orElseThrow(() -> new CounterpartUnavailable("the claim of attempt " + attempt.attemptId()
                            + " was released meanwhile"));
            if (!entry.channel().equals(attempt.channel()) || !entry.provider().equals(attempt.provider())) {
                throw new IllegalStateException("attempt " + attempt.attemptId() + " was a " + entry.channel()
                        + " through " + entry.provider() + ", not a " + attempt.channel() + " through "
                        + attempt.provider());
            }
            if (entry.isSent()) {
                return Optional.of(entry);
            }
            Instant expires = entry.claimedAt().plus(lease);
            if (now.isBefore(expires)) {
                throw new CounterpartUnavailable("attempt " + attempt.attemptId()
                        + " is being sent by another delivery", Duration.between(now, expires), null);
            }
            try (PreparedStatement reclaim = connection.prepareStatement(RECLAIM)) {
                reclaim.setLong(1, now.toEpochMilli());
                reclaim.setString(2, attempt.attemptId());
                reclaim.setLong(3, entry.claimedAt().toEpochMilli());
                if (reclaim.executeUpdate() != 1) {
                    throw new CounterpartUnavailable("attempt " + attempt.attemptId() + " was claimed meanwhile",
                            lease, null);
                }
            }
            LOG.warn("attempt {} ({} through {}) was claimed at {} and never answered: sending it again; if the "
                            + "provider took the first, the person gets this message twice", attempt.attemptId(),
                    attempt.channel(), attempt.provider(), entry.claimedAt());
            return Optional.empty();
        } catch (SQLException e) {
            throw new CounterpartUnavailable("the send ledger is unreachable: " + e.getSQLState(), e);
        }
    }

    /** Writes down the provider's reference for the attempt: later deliveries answer with it. */
    public void sent(String attemptId, String providerRef) {
        Objects.requireNonNull(providerRef, "providerRef");
        update(SENT, providerRef, clock.instant().toEpochMilli(), attemptId);
    }

    /** The provider took nothing for the attempt: the next delivery sends without waiting for the lease. */
    public void release(String attemptId) {
        update(RELEASE, attemptId);
    }

    /** Records the provider's latest status of a message or call, and a detail (a gathered key) when given. */
    public void status(String provider, String providerRef, String status, String detail) {
        update(STATUS, status, detail, provider, providerRef);
    }

    public Optional<Entry> byProviderRef(String provider, String providerRef) {
        try (Connection connection = dataSource.getConnection()) {
            return find(connection, BY_REF, provider, providerRef);
        } catch (SQLException e) {
            throw new IllegalStateException("the send ledger is unreachable: " + e.getSQLState(), e);
        }
    }

    public Optional<Entry> byAttempt(String attemptId) {
        try (Connection connection = dataSource.getConnection()) {
            return find(connection, BY_ATTEMPT, attemptId);
        } catch (SQLException e) {
            throw new IllegalStateException("the send ledger is unreachable: " + e.getSQLState(), e);
        }
    }

    private void update(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    statement.setObject(i + 1, parameters[i]);
                }
                statement.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the send ledger is unreachable: " + e.getSQLState(), e);
        }
    }

    private static Optional<Entry> find(Connection connection, String sql, String... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                long sentAt = row.getLong("sent_at");
                Instant sent = row.wasNull() ? null : Instant.ofEpochMilli(sentAt);
                return Optional.of(new Entry(row.getString("attempt_id"), row.getString("channel"),
                        row.getString("provider"), row.getString("person_id"), row.getString("case_id"),
                        row.getString("provider_ref"), Instant.ofEpochMilli(row.getLong("claimed_at")), sent,
                        row.getString("status"), row.getString("detail")));
            }
        }
    }

    private void createTable() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(true);
            statement.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " ("
                    + "attempt_id VARCHAR(200) NOT NULL PRIMARY KEY, "
                    + "channel VARCHAR(40) NOT NULL, "
                    + "provider VARCHAR(40) NOT NULL, "
                    + "person_id VARCHAR(100) NOT NULL, "
                    + "case_id VARCHAR(100) NOT NULL, "
                    + "provider_ref VARCHAR(100), "
                    + "claimed_at BIGINT NOT NULL, "
                    + "sent_at BIGINT, "
                    + "status VARCHAR(40), "
                    + "detail VARCHAR(100))");
            statement.execute("CREATE UNIQUE INDEX IF NOT EXISTS " + TABLE + "_ref ON " + TABLE
                    + " (provider, provider_ref)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the send ledger table " + TABLE + ": " + e.getMessage(), e);
        }
    }
}
