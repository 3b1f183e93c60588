package org.forewarn.app;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.forewarn.app.DurableH2BackendTest.caseDocument;
import static org.forewarn.app.DurableH2BackendTest.client;
import static org.forewarn.app.DurableH2BackendTest.collection;
import static org.forewarn.app.DurableH2BackendTest.killed;
import static org.forewarn.app.DurableH2BackendTest.serving;
import static org.forewarn.app.DurableH2BackendTest.withServer;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.ReplaceOptions;
import de.bwaldvogel.mongo.MongoServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.h2.jdbcx.JdbcDataSource;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both embedded files under seconds of the application's kind of writes, with H2's 45 s retention
 * and with a short one forced to disk: the short one reuses the space of dead chunks and its file
 * stays far smaller, and a killed process still finds every answered write.
 */
class StoreSyncTest {

    private static final int CASES = 300;
    private static final long LOAD_NANOS = 3_000_000_000L;
    private static final Duration RETENTION = Duration.ofMillis(400);
    private static final Duration INTERVAL = Duration.ofMillis(100);

    @TempDir
    Path dir;

    @Test
    void theReadModelFileStaysFarSmallerWithAShortRetention() {
        MVStore h2Default = new MVStore.Builder().fileName(dir.resolve("default.mv").toString()).compress().open();
        long defaultSize = readModelFileAfterLoad(h2Default, null);

        // the application's store (without H2's own compaction)
        MVStore synced = new DurableH2Backend(dir.resolve("synced.mv").toString()).store();
        StoreSync sync = new StoreSync(Map.of("readmodels", synced), RETENTION, INTERVAL).start();
        long syncedSize = readModelFileAfterLoad(synced, sync);

        // H2's 45 s keep every chunk of a three-second load, 400 ms a few hundred ms of it:
        // measured 11.1 MB against 2.8 MB
        assertThat(syncedSize).as("file with a 400 ms retention, against %d with H2's 45 s", defaultSize)
                .isLessThan(defaultSize / 2);
        assertThat(sync.syncs("readmodels")).as("times the file was forced to disk").isGreaterThan(10);
    }

    @Test
    void theEventStoreFileStaysFarSmallerWithAShortRetention() throws Exception {
        long defaultSize = eventStoreFileAfterLoad(dir.resolve("default"), false);
        long syncedSize = eventStoreFileAfterLoad(dir.resolve("synced"), true);

        // small events, so that the file is mostly what H2 keeps, not live data: measured 182 MB
        // against 43 MB
        assertThat(syncedSize).as("file with a 400 ms retention, against %d with H2's 45 s", defaultSize)
                .isLessThan(defaultSize / 2);
    }

    @Test
    void everyAnsweredWriteSurvivesAKillAfterTheSpaceOfDeadChunksWasReused() {
        String file = dir.resolve("reused.mv").toString();
        DurableH2Backend backend = new DurableH2Backend(file);
        StoreSync sync = new StoreSync(Map.of("readmodels", backend.store()), Duration.ofMillis(200),
                Duration.ofMillis(50)).start();
        MongoServer server = serving(backend);
        int[] last = new int[CASES];
        try (MongoClient client = client(server)) {
            MongoCollection<Document> cases = collection(client);
            long until = System.nanoTime() + LOAD_NANOS;
            for (int u = 0; System.nanoTime() < until || u < CASES; u++) {
                int i = (u * 7919) % CASES;
                cases.replaceOne(eq("_id", "case-" + i), caseDocument(i, u), new ReplaceOptions().upsert(true));
                last[i] = u;
            }
        }
        assertThat(fileSize(file)).as("the file, against the bytes written to it: space was reused")
                .isLessThan((long) EmbeddedStoreCompaction.bytesWritten(backend.store()) / 2);
        sync.close();
        killed(backend, server);

        DurableH2Backend reopened = new DurableH2Backend(file);
        withServer(reopened, reopened.store(), cases -> {
            assertThat(cases.countDocuments()).isEqualTo(CASES);
            for (int i = 0; i < CASES; i++) {
                assertThat(cases.find(eq("_id", "case-" + i)).first()).isEqualTo(caseDocument(i, last[i]));
            }
        });
    }

    @Test
    void aRetentionThatCouldReuseSpaceBeforeItsReplacementIsOnDiskIsRefused() {
        MVStore store = MVStore.open(dir.resolve("refused.mv").toString());
        assertThatThrownBy(() -> new StoreSync(Map.of("s", store), Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least twice their sync interval");
        assertThatThrownBy(() -> new StoreSync(Map.of("s", store), Duration.ofSeconds(10), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sync interval must be positive");
        assertThat(store.getRetentionTime()).as("left as it was").isEqualTo(45_000);
        store.close();
    }

    @Test
    void aClosedStoreIsSkippedTheOthersCountedAndClosingStopsTheForcing() throws InterruptedException {
        MVStore closed = MVStore.open(dir.resolve("closed.mv").toString());
        closed.close();
        MVStore open = MVStore.open(dir.resolve("open.mv").toString());
        StoreSync sync = new StoreSync(Map.of("closed", closed, "open", open), Duration.ofMillis(100),
                Duration.ofMillis(20)).start();
        assertThat(open.getRetentionTime()).isEqualTo(100);
        Thread.sleep(200);
        sync.close();
        long syncs = sync.syncs("open");
        assertThat(syncs).isPositive();
        assertThat(sync.syncs("closed")).isZero();

        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        sync.bindTo(registry);
        assertThat(registry.get("forewarn.embedded.store.syncs").tag("store", "open").functionCounter().count())
                .isEqualTo((double) syncs);
        Thread.sleep(200);
        assertThat(sync.syncs("open")).as("no forcing after the close").isEqualTo(syncs);
        open.close();
    }

    @Test
    void aCommandStillRunningKeepsWhatItMayReadWhileOtherWritesReuseTheSpaceAroundIt() throws Exception {
        DurableH2Backend backend = new DurableH2Backend(dir.resolve("reading.mv").toString());
        MVStore store = backend.store();
        StoreSync sync = new StoreSync(Map.of("readmodels", store), Duration.ofMillis(100), Duration.ofMillis(20)).start();
        MongoServer server = serving(backend);
        ExecutorService reader = Executors.newSingleThreadExecutor();
        try (MongoClient client = client(server)) {
            MongoCollection<Document> cases = collection(client);
            for (int i = 0; i < CASES; i++) {
                cases.insertOne(caseDocument(i, 0));
            }
            // the library runs each collection's operations under the collection's monitor: a find
            // waiting on it has begun its command, as a long scan still running has
            Object collection = backend.resolveDatabase("forewarn").resolveCollection("cases", true);
            MVMap<Object, de.bwaldvogel.mongo.bson.Document> data = store.openMap("databases.forewarn.cases");
            Future<List<Document>> found;
            Map<Object, de.bwaldvogel.mongo.bson.Document> asRead;
            Map<Object, de.bwaldvogel.mongo.bson.Document> readLater;
            long writtenBefore = (long) EmbeddedStoreCompaction.bytesWritten(store);
            synchronized (collection) {
                found = reader.submit(() -> cases.find().into(new ArrayList<>()));
                long owner = Thread.currentThread().threadId();
                await().atMost(Duration.ofSeconds(10)).until(() -> waitingOn(owner));
                MVMap<Object, de.bwaldvogel.mongo.bson.Document> version = data.openVersion(store.getCurrentVersion());
                asRead = new HashMap<>(version);

                // every document rewritten many times over, each round committed and forced to
                // disk, well past the retention time: the chunks the version read become dead
                rewriteEveryDocument(store, data, asRead, 1, 20);
                Thread.sleep(300);
                store.commit();
                sync.syncOnce();
                readLater = new HashMap<>(version);
            }
            assertThat(readLater).as("the version a running command may read, after 20 rounds of writes")
                    .isEqualTo(asRead);
            assertThat(found.get(10, TimeUnit.SECONDS)).hasSize(CASES);

            // the command over, the same writes again reuse the space
            long fileBefore = fileSize(store.getFileStore().getFileName());
            rewriteEveryDocument(store, data, asRead, 21, 60);
            long written = (long) EmbeddedStoreCompaction.bytesWritten(store) - writtenBefore;
            assertThat(fileSize(store.getFileStore().getFileName()) - fileBefore)
                    .as("growth of the file while %d bytes were written", written)
                    .isLessThan(written / 4);
        } finally {
            reader.shutdownNow();
            sync.close();
            server.shutdownNow();
            store.close();
        }
    }

    /** Rounds of rewriting every document straight in the store's map, each round committed. */
    private static void rewriteEveryDocument(MVStore store, MVMap<Object, de.bwaldvogel.mongo.bson.Document> data,
                                             Map<Object, de.bwaldvogel.mongo.bson.Document> documents,
                                             int firstRound, int lastRound) throws InterruptedException {
        for (int round = firstRound; round <= lastRound; round++) {
            for (Map.Entry<Object, de.bwaldvogel.mongo.bson.Document> document : documents.entrySet()) {
                data.put(document.getKey(), document.getValue().clone().append("version", round));
            }
            store.commit();
            Thread.sleep(20);
        }
    }

    /** Whether some thread waits for a monitor the given thread holds. */
    private static boolean waitingOn(long owner) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadState() == Thread.State.BLOCKED && info.getLockOwnerId() == owner) {
                return true;
            }
        }
        return false;
    }

    /** Three seconds of case updates through the wire, each committed; the file's size before the close. */
    private static long readModelFileAfterLoad(MVStore store, StoreSync sync) {
        String file = store.getFileStore().getFileName();
        long[] size = new long[1];
        withServer(new DurableH2Backend(store), store, cases -> {
            for (int i = 0; i < CASES; i++) {
                cases.insertOne(caseDocument(i, 0));
            }
            long until = System.nanoTime() + LOAD_NANOS;
            for (int u = 0; System.nanoTime() < until; u++) {
                int i = (u * 7919) % CASES;
                cases.replaceOne(eq("_id", "case-" + i), caseDocument(i, u));
            }
            size[0] = fileSize(file);
            if (sync != null) {
                sync.close();
            }
        });
        return size[0];
    }

    /**
     * Three seconds of event appends, each with its processor's token in one transaction, as
     * EmbeddedStoreCompactionTest writes them; the file's size before the close.
     */
    private long eventStoreFileAfterLoad(Path base, boolean synced) throws Exception {
        JdbcDataSource source = EmbeddedStoreCompactionTest.dataSource(base);
        try (Connection connection = source.getConnection()) {
            try (Statement ddl = connection.createStatement()) {
                ddl.execute("CREATE TABLE event (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, payload VARCHAR(1000))");
                ddl.execute("CREATE TABLE token (name VARCHAR(50) PRIMARY KEY, position BIGINT)");
                ddl.execute("INSERT INTO token VALUES ('cases', 0)");
            }
            MVStore store = EmbeddedStoreCompaction.storeOf(source).orElseThrow();
            StoreSync sync = synced ? new StoreSync(Map.of("eventstore", store), RETENTION, INTERVAL).start() : null;
            connection.setAutoCommit(false);
            try (PreparedStatement append = connection.prepareStatement("INSERT INTO event (payload) VALUES (?)");
                 PreparedStatement advance = connection.prepareStatement("UPDATE token SET position = ? WHERE name = 'cases'")) {
                long until = System.nanoTime() + LOAD_NANOS;
                for (int i = 1; System.nanoTime() < until; i++) {
                    append.setString(1, "event " + i);
                    append.executeUpdate();
                    advance.setLong(1, i);
                    advance.executeUpdate();
                    connection.commit();
                }
            }
            long size = Files.size(Path.of(base + ".mv.db"));
            if (sync != null) {
                sync.close();
            }
            return size;
        }
    }

    private static long fileSize(String file) {
        try {
            return Files.size(Path.of(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
