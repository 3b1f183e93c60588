package org.forewarn.adapters.eventstore;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The keys that personal data in events is encrypted with: one AES-256 key per data subject and
 * generation, in the table {@value #TABLE} beside the event tables. Destroying a subject's keys
 * (crypto-shredding) leaves their events readable but their personal values unreadable for good;
 * personal data written for the subject afterwards gets a key of a new generation.
 *
 * <p>Three kinds of access, on purpose on different connections:
 * <ul>
 *   <li>a new key is inserted on a connection of its own in autocommit, so that it exists before
 *       the event that uses it commits and never depends on that event's transaction; racing
 *       creators (threads or nodes) insert the same {@code (subject, generation)} and all but one
 *       insert nothing ({@code ON CONFLICT DO NOTHING}), then every one reads back the winner;</li>
 *   <li>reads and {@link #destroy} use the {@link ConnectionProvider}, which in the application is
 *       bound to the current transaction: the destruction commits or rolls back with the event
 *       that records the erasure;</li>
 *   <li>keys for decryption are cached for a short time (bounded, dropped locally when destroyed,
 *       again after the destroying transaction ends); another node may thus still decrypt for up to
 *       that time after an erasure. Encryption never uses the cache: it reads the active key.</li>
 * </ul>
 * The table holds key material: it must be readable only by the application. A destroyed key
 * survives in database backups and write-ahead logs until they expire; erasure is complete only
 * then.
 */
public final class PersonalDataKeys {

    public static final String TABLE = "personal_data_key";
    public static final Duration DEFAULT_CACHE_TTL = Duration.ofSeconds(30);
    public static final int DEFAULT_CACHE_SIZE = 10_000;

    private static final String ALGORITHM = "AES";
    private static final int KEY_BYTES = 32;
    private static final int CREATE_ATTEMPTS = 5;

    private static final String NEWEST = "SELECT generation, key_bytes FROM " + TABLE
            + " WHERE subject_id = ? ORDER BY generation DESC LIMIT 1";
    private static final String NEWEST_LIVE_AFTER = "SELECT generation, key_bytes FROM " + TABLE
            + " WHERE subject_id = ? AND generation > ? AND key_bytes IS NOT NULL ORDER BY generation DESC LIMIT 1";
    private static final String ONE = "SELECT key_bytes FROM " + TABLE + " WHERE subject_id = ? AND generation = ?";
    private static final String INSERT = "INSERT INTO " + TABLE
            + " (subject_id, generation, key_bytes, created_at) VALUES (?, ?, ?, CURRENT_TIMESTAMP)"
            + " ON CONFLICT DO NOTHING";
    private static final String DESTROY = "UPDATE " + TABLE
            + " SET key_bytes = NULL, destroyed_at = CURRENT_TIMESTAMP WHERE subject_id = ? AND key_bytes IS NOT NULL";

    private final DataSource dataSource;
    private final ConnectionProvider connections;
    private final SecureRandom random = new SecureRandom();
    private final KeyCache cache;

    /**
     * @param dataSource  where new keys are inserted, each on a fresh connection in autocommit (it
     *                    must not hand out the connection of the current transaction)
     * @param connections reads and destruction; in the application the transaction-bound provider
     */
    public PersonalDataKeys(DataSource dataSource, ConnectionProvider connections) {
        this(dataSource, connections, DEFAULT_CACHE_TTL, DEFAULT_CACHE_SIZE);
    }

    public PersonalDataKeys(DataSource dataSource, ConnectionProvider connections, Duration cacheTtl, int cacheSize) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.connections = Objects.requireNonNull(connections, "connections");
        this.cache = new KeyCache(cacheTtl, cacheSize);
    }

    /** Creates the key table where it does not exist yet; the statement is the same on PostgreSQL and H2. */
    public void createTable() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            if (!connection.getAutoCommit()) {
                connection.setAutoCommit(true);
            }
            statement.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " ("
                    + "subject_id VARCHAR(255) NOT NULL, "
                    + "generation INTEGER NOT NULL, "
                    + "key_bytes BYTEA, "
                    + "created_at TIMESTAMP WITH TIME ZONE NOT NULL, "
                    + "destroyed_at TIMESTAMP WITH TIME ZONE, "
                    + "PRIMARY KEY (subject_id, generation))");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the table " + TABLE, e);
        }
    }

    /**
     * The key to encrypt the subject's personal data with now: its newest generation, created
     * (generation 1, or the one after the newest destroyed one) when the subject has no live key.
     */
    public SubjectKey activeKey(String subject) {
        requireSubject(subject);
        int seen = 0;
        for (int attempt = 0; attempt < CREATE_ATTEMPTS; attempt++) {
            Generation newest = inCallersTransaction(c -> newest(c, subject));
            if (newest != null && newest.key() != null) {
                return new SubjectKey(subject, newest.number(), newest.key());
            }
            seen = Math.max(seen, newest == null ? 0 : newest.number());
            Generation created = create(subject, seen + 1);
            if (created != null) {
                return new SubjectKey(subject, created.number(), created.key());
            }
            // the generation was created and destroyed by others meanwhile: start over after it
            seen++;
        }
        throw new IllegalStateException("no live key could be created for a data subject after "
                + CREATE_ATTEMPTS + " attempts");
    }

    /** The key of one generation, for decryption; empty once destroyed (or when it never existed). */
    public Optional<SecretKey> key(String subject, int generation) {
        requireSubject(subject);
        Optional<SecretKey> cached = cache.get(subject, generation);
        if (cached != null) {
            return cached;
        }
        Optional<SecretKey> key = Optional.ofNullable(inCallersTransaction(c -> {
            try (PreparedStatement select = c.prepareStatement(ONE)) {
                select.setString(1, subject);
                select.setInt(2, generation);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? secretKey(rows.getBytes(1)) : null;
                }
            }
        }));
        cache.put(subject, generation, key);
        return key;
    }

    /**
     * Destroys every key of the subject, in the caller's transaction: if it rolls back, the keys
     * live on. Personal data written for the subject later gets a key of a new generation.
     */
    public void destroy(String subject) {
        requireSubject(subject);
        inCallersTransaction(c -> {
            try (PreparedStatement update = c.prepareStatement(DESTROY)) {
                update.setString(1, subject);
                return update.executeUpdate();
            }
        });
        cache.evict(subject);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            // another thread may cache the still committed key until this transaction ends
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    cache.evict(subject);
                }
            });
        }
    }

    private Generation create(String subject, int generation) {
        byte[] bytes = new byte[KEY_BYTES];
        random.nextBytes(bytes);
        try (Connection own = dataSource.getConnection()) {
            if (!own.getAutoCommit()) {
                own.setAutoCommit(true);
            }
            try (PreparedStatement insert = own.prepareStatement(INSERT)) {
                insert.setString(1, subject);
                insert.setInt(2, generation);
                insert.setBytes(3, bytes);
                insert.executeUpdate();
            }
            try (PreparedStatement select = own.prepareStatement(NEWEST_LIVE_AFTER)) {
                select.setString(1, subject);
                select.setInt(2, generation - 1);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? new Generation(rows.getInt(1), secretKey(rows.getBytes(2))) : null;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a personal-data key", e);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    private static Generation newest(Connection connection, String subject) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(NEWEST)) {
            select.setString(1, subject);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? new Generation(rows.getInt(1), secretKey(rows.getBytes(2))) : null;
            }
        }
    }

    private <T> T inCallersTransaction(SqlWork<T> work) {
        try (Connection connection = connections.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the personal-data keys", e);
        }
    }

    private static SecretKey secretKey(byte[] bytes) {
        return bytes == null ? null : new SecretKeySpec(bytes, ALGORITHM);
    }

    private static void requireSubject(String subject) {
        if (subject == null || subject.isBlank()) {
            throw new IllegalArgumentException("a data subject id is required");
        }
    }

    /** The key personal data of {@code subjectId} is encrypted with, and its generation. */
    public record SubjectKey(String subjectId, int generation, SecretKey key) {

        @Override
        public String toString() {
            return "SubjectKey[" + subjectId + " generation " + generation + "]";
        }
    }

    private record Generation(int number, SecretKey key) {
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Decryption keys (and the knowledge that one is gone) for a short time; least recently used go first. */
    private static final class KeyCache {

        private final long ttlNanos;
        private final Map<Ref, Cached> entries;

        KeyCache(Duration ttl, int size) {
            this.ttlNanos = ttl.toNanos();
            this.entries = new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Ref, Cached> eldest) {
                    return size() > size;
                }
            };
        }

        /** The cached answer, or null when there is none (or it is too old). */
        synchronized Optional<SecretKey> get(String subject, int generation) {
            if (ttlNanos <= 0) {
                return null;
            }
            Ref ref = new Ref(subject, generation);
            Cached entry = entries.get(ref);
            if (entry == null) {
                return null;
            }
            if (System.nanoTime() - entry.loadedAt() > ttlNanos) {
                entries.remove(ref);
                return null;
            }
            return entry.key();
        }

        synchronized void put(String subject, int generation, Optional<SecretKey> key) {
            if (ttlNanos > 0) {
                entries.put(new Ref(subject, generation), new Cached(key, System.nanoTime()));
            }
        }

        synchronized void evict(String subject) {
            entries.keySet().removeIf(ref -> ref.subject().equals(subject));
        }

        private record Ref(String subject, int generation) {
        }

        private record Cached(Optional<SecretKey> key, long loadedAt) {
        }
    }
}
