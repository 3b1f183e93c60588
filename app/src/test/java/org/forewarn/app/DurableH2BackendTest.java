package org.forewarn.app;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.ReplaceOptions;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.bson.Document;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded read-model store through the MongoDB wire protocol, as the application uses it:
 * each answered write in the file, its pages compressed, and files written before compression,
 * with Java-serialised documents and index keys, read as they are.
 */
class DurableH2BackendTest {

    private static final int CASES = 300;
    private static final int UPDATES = 3_000;

    @TempDir
    Path dir;

    @Test
    void writesFarFewerBytesThanTheUncompressedStoreForTheSameCaseUpdates() {
        MVStore plain = MVStore.open(dir.resolve("plain.mv").toString());
        long plainBytes = writtenBy(new CommittingPerCommand(plain), plain, DurableH2BackendTest::updateCases);

        DurableH2Backend compressed = new DurableH2Backend(dir.resolve("compressed.mv").toString());
        long compressedBytes = writtenBy(compressed, compressed.store(), DurableH2BackendTest::updateCases);

        // one commit per command in both; measured about 40 % of the plain store's bytes
        assertThat(compressedBytes).as("bytes written compressed, against %d plain", plainBytes)
                .isLessThan(plainBytes * 6 / 10);
    }

    @Test
    void aFileOfTheLibrarysOwnStoreUncompressedAndJavaSerialisedIsReadAndWrittenOn() {
        String file = dir.resolve("readmodels.mv").toString();
        MVStore plain = MVStore.open(file);
        withServer(new H2Backend(plain), plain, cases -> {
            for (int i = 0; i < CASES; i++) {
                cases.insertOne(caseDocument(i, 0));
            }
        });

        DurableH2Backend backend = new DurableH2Backend(file);
        withServer(backend, backend.store(), cases -> {
            assertThat(cases.countDocuments()).isEqualTo(CASES);
            assertThat(cases.find(eq("_id", "case-7")).first()).isEqualTo(caseDocument(7, 0));
            cases.replaceOne(eq("_id", "case-7"), caseDocument(7, 1));
            cases.insertOne(caseDocument(CASES, 0));
            assertThatThrownBy(() -> cases.insertOne(caseDocument(9, 5)))
                    .as("the _id index written before finds the old key").isInstanceOf(MongoWriteException.class)
                    .hasMessageContaining("duplicate key");
        });

        DurableH2Backend reopened = new DurableH2Backend(file);
        withServer(reopened, reopened.store(), cases -> {
            assertThat(cases.countDocuments()).isEqualTo(CASES + 1);
            assertThat(cases.find(eq("_id", "case-7")).first()).isEqualTo(caseDocument(7, 1));
            assertThat(cases.find(eq("_id", "case-8")).first()).isEqualTo(caseDocument(8, 0));
            assertThatThrownBy(() -> cases.insertOne(caseDocument(CASES, 1)))
                    .as("the key written after").isInstanceOf(MongoWriteException.class)
                    .hasMessageContaining("duplicate key");
        });
    }

    @Test
    void everyAnsweredWriteIsInTheFileWithoutAClose() {
        String file = dir.resolve("killed.mv").toString();
        DurableH2Backend backend = new DurableH2Backend(file);
        MongoServer server = serving(backend);
        try (MongoClient client = client(server)) {
            collection(client).insertOne(caseDocument(1, 0));
        }
        killed(backend, server);

        DurableH2Backend reopened = new DurableH2Backend(file);
        withServer(reopened, reopened.store(),
                cases -> assertThat(cases.find(eq("_id", "case-1")).first()).isEqualTo(caseDocument(1, 0)));
    }

    @Test
    void theProjectionsClientsWritesAreInTheFileOnceItAsksForTheCommitAndNotBefore() {
        String file = dir.resolve("deferred.mv").toString();
        DurableH2Backend backend = withoutBackgroundCommit(file);
        MongoServer server = serving(backend);
        try (ProjectionWrites projections = ProjectionWrites.deferred(server.getLocalAddress(), "forewarn")) {
            assertThat(projections.defersCommits()).isTrue();
            MongoCollection<Document> cases = projections.database().getCollection("cases");
            cases.insertOne(caseDocument(1, 0));
            projections.commit();
            cases.insertOne(caseDocument(2, 0));
            assertThat(cases.countDocuments()).as("the client reads its own uncommitted write").isEqualTo(2);
        }
        killed(backend, server);

        DurableH2Backend reopened = new DurableH2Backend(file);
        withServer(reopened, reopened.store(), cases -> {
            assertThat(cases.find(eq("_id", "case-1")).first()).as("committed on request").isNotNull();
            assertThat(cases.find(eq("_id", "case-2")).first()).as("written after the commit").isNull();
        });
    }

    @Test
    void anotherClientsWriteCommitsTheDeferredWritesMadeBeforeIt() {
        String file = dir.resolve("shared.mv").toString();
        DurableH2Backend backend = withoutBackgroundCommit(file);
        MongoServer server = serving(backend);
        try (ProjectionWrites projections = ProjectionWrites.deferred(server.getLocalAddress(), "forewarn");
             MongoClient other = client(server)) {
            projections.database().getCollection("cases").insertOne(caseDocument(1, 0));
            collection(other).insertOne(caseDocument(2, 0));
        }
        killed(backend, server);

        DurableH2Backend reopened = new DurableH2Backend(file);
        withServer(reopened, reopened.store(), cases -> assertThat(cases.countDocuments()).isEqualTo(2));
    }

    /** As a killed process leaves the store: no close, no background write afterwards. */
    static void killed(DurableH2Backend backend, MongoServer server) {
        backend.store().closeImmediately();
        server.shutdownNow();
    }

    /** The library's store committed after each command as the application's is, without compression. */
    private static final class CommittingPerCommand extends H2Backend {
        CommittingPerCommand(MVStore store) {
            super(store);
        }

        @Override
        public de.bwaldvogel.mongo.bson.Document handleCommand(io.netty.channel.Channel channel, String database,
                                                              String command, de.bwaldvogel.mongo.bson.Document query) {
            de.bwaldvogel.mongo.bson.Document answer = super.handleCommand(channel, database, command, query);
            commit();
            return answer;
        }
    }

    /** Case documents updated one at a time, as the case projection does, each update committed. */
    private static void updateCases(MongoCollection<Document> cases) {
        for (int i = 0; i < CASES; i++) {
            cases.insertOne(caseDocument(i, 0));
        }
        for (int u = 0; u < UPDATES; u++) {
            int i = (u * 7919) % CASES;
            cases.replaceOne(eq("_id", "case-" + i), caseDocument(i, u), new ReplaceOptions().upsert(true));
        }
    }

    static Document caseDocument(int i, int version) {
        List<Document> steps = new ArrayList<>();
        for (int s = 0; s < 6; s++) {
            steps.add(new Document("rung", "RUNG_" + s).append("status", s <= version % 6 ? "DONE" : "PENDING")
                    .append("startedBy", "system:rung-started").append("note", "step " + s + " of case " + i));
        }
        return new Document("_id", "case-" + i).append("status", "OPEN").append("version", version)
                .append("category", "IMPERSONATING_PUBLIC_SECURITY").append("riskLevel", "HIGH")
                .append("steps", steps);
    }

    /** Runs the work against a server on the store, committing after it, and answers the bytes written. */
    private static long writtenBy(H2Backend backend, MVStore store, Consumer<MongoCollection<Document>> work) {
        long before = writeBytes(store);
        long[] after = new long[1];
        withServer(backend, store, cases -> {
            work.accept(cases);
            store.commit();
            after[0] = writeBytes(store);
        });
        return after[0] - before;
    }

    private static long writeBytes(MVStore store) {
        return (long) EmbeddedStoreCompaction.bytesWritten(store);
    }

    /**
     * The application's store without H2's background commit (about once a second), which would
     * make "not in the file before the commit" a race.
     */
    static DurableH2Backend withoutBackgroundCommit(String file) {
        return new DurableH2Backend(new MVStore.Builder().fileName(file).compress().autoCommitDisabled().open());
    }

    static MongoServer serving(H2Backend backend) {
        MongoServer server = new MongoServer(backend);
        server.bind("127.0.0.1", 0);
        return server;
    }

    static void withServer(H2Backend backend, MVStore store, Consumer<MongoCollection<Document>> work) {
        MongoServer server = serving(backend);
        try (MongoClient client = client(server)) {
            work.accept(collection(client));
        } finally {
            server.shutdownNow();
            if (!store.isClosed()) {
                store.close();
            }
        }
    }

    static MongoClient client(MongoServer server) {
        return MongoClients.create(EmbeddedRuntime.clientSettings(server.getLocalAddress()).build());
    }

    static MongoCollection<Document> collection(MongoClient client) {
        return client.getDatabase("forewarn").getCollection("cases");
    }
}
