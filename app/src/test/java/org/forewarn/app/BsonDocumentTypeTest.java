package org.forewarn.app;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.forewarn.app.DurableH2BackendTest.caseDocument;
import static org.forewarn.app.DurableH2BackendTest.withServer;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.UUID;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Binary;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The read-model store's documents in its file as BSON, read back equal, beside files of Java-serialised ones. */
class BsonDocumentTypeTest {

    @TempDir
    Path dir;

    @Test
    void everyKindOfValueADocumentHoldsReadsBackEqualFromTheFile() {
        String file = dir.resolve("kinds.mv").toString();
        Document written = everyKind();
        DurableH2Backend backend = new DurableH2Backend(file);
        withServer(backend, backend.store(), cases -> cases.insertOne(written));

        DurableH2Backend reopened = new DurableH2Backend(file);
        withServer(reopened, reopened.store(), cases -> {
            Document read = cases.find(eq("_id", "case-kinds")).first();
            assertThat(read).isEqualTo(written);
            assertThat(new ArrayList<>(read.keySet())).as("in its key order").containsExactlyElementsOf(written.keySet());
        });
    }

    @Test
    void theFileHoldsEachDocumentAsBsonNotJavaSerialised() {
        String file = dir.resolve("bson.mv").toString();
        DurableH2Backend backend = new DurableH2Backend(file);
        withServer(backend, backend.store(), cases -> {
            for (int i = 0; i < 50; i++) {
                cases.insertOne(caseDocument(i, i));
            }
        });

        FirstBytesRead tags = new FirstBytesRead(new BsonDocumentType());
        MVStore raw = MVStore.open(file);
        try {
            MVMap<Object, Object> documents = raw.openMap("databases.forewarn.cases",
                    new MVMap.Builder<Object, Object>().valueType(tags));
            assertThat(documents.size()).isEqualTo(50);
            assertThat(documents.get("case-7")).isInstanceOf(de.bwaldvogel.mongo.bson.Document.class);
            assertThat(((de.bwaldvogel.mongo.bson.Document) documents.get("case-7")).get("version")).isEqualTo(7);
            documents.values().forEach(value -> assertThat(value).isInstanceOf(de.bwaldvogel.mongo.bson.Document.class));
        } finally {
            raw.close();
        }
        assertThat(tags.tags).as("the first byte of each document in the file").hasSizeGreaterThanOrEqualTo(50)
                .containsOnly(BsonDocumentType.BSON_DOCUMENT);
    }

    @Test
    void valuesOtherThanDocumentsAreWrittenAsH2WritesThem() {
        BsonDocumentType type = new BsonDocumentType();
        WriteBuffer buffer = new WriteBuffer();
        de.bwaldvogel.mongo.bson.Document document = new de.bwaldvogel.mongo.bson.Document("_id", "case-1")
                .append("version", 3L);
        Object[] values = {"a string", 42L, null, document, UUID.fromString("0e8dd3a4-8c4e-4a8a-9b7a-2f8e1f0b6a11")};
        type.write(buffer, values, values.length);

        ByteBuffer bytes = buffer.getBuffer().flip();
        Object[] read = type.createStorage(values.length);
        type.read(bytes, read, values.length);

        assertThat(read).containsExactly(values);
        assertThat(bytes.hasRemaining()).as("every byte written read back").isFalse();
    }

    @Test
    void aDocumentChangedWhileItIsWrittenIsWrittenAsADocumentThatReadsBack() throws Exception {
        BsonDocumentType type = new BsonDocumentType();
        de.bwaldvogel.mongo.bson.Document document = new de.bwaldvogel.mongo.bson.Document("_id", "case-1");
        for (int i = 0; i < 40; i++) {
            document.put("field" + i, "value " + i);
        }
        AtomicBoolean writing = new AtomicBoolean(true);
        // as the library updates a stored document in place, one command after another: keys
        // removed and added again, values replaced
        Thread changer = new Thread(() -> {
            for (int round = 0; writing.get(); round++) {
                String key = "field" + (round % 40);
                document.remove(key);
                document.put(key, "value " + round);
                document.put("field" + ((round + 7) % 40), "replaced " + round);
                LockSupport.parkNanos(20_000);
            }
        });
        changer.start();
        try {
            for (int i = 0; i < 20_000; i++) {
                WriteBuffer buffer = new WriteBuffer();
                type.write(buffer, document);
                Object read = type.read(buffer.getBuffer().flip());
                assertThat(read).isInstanceOf(de.bwaldvogel.mongo.bson.Document.class);
                assertThat(((Map<?, ?>) read).get("_id")).isEqualTo("case-1");
                // all the keys, or all but the one being removed and put again: never an iteration cut short
                assertThat(((Map<?, ?>) read).size()).isBetween(40, 41);
            }
        } finally {
            writing.set(false);
            changer.join();
        }
    }

    @Test
    void documentsUpdatedByConcurrentClientsAreCommittedWithoutAnError() throws Exception {
        String file = dir.resolve("concurrent.mv").toString();
        DurableH2Backend backend = new DurableH2Backend(file);
        MongoServer server = DurableH2BackendTest.serving(backend);
        int documents = 3;
        int updates = 1_500;
        try (MongoClient first = DurableH2BackendTest.client(server);
             MongoClient second = DurableH2BackendTest.client(server)) {
            MongoCollection<Document> cases = DurableH2BackendTest.collection(first);
            for (int i = 0; i < documents; i++) {
                Document large = caseDocument(i, 0);
                for (int f = 0; f < 200; f++) {
                    large.append("note" + f, "a note of the case, line " + f);
                }
                cases.insertOne(large);
            }
            List<Callable<Void>> clients = new ArrayList<>();
            for (MongoClient client : List.of(first, second)) {
                MongoCollection<Document> collection = DurableH2BackendTest.collection(client);
                String field = client == first ? "first" : "second";
                clients.add(() -> {
                    for (int u = 1; u <= updates; u++) {
                        Bson change = u % 4 == 0 ? Updates.unset("extra")
                                : Updates.combine(Updates.set(field, u), Updates.set("extra", "x" + u));
                        collection.updateOne(eq("_id", "case-" + (u % documents)), change);
                    }
                    return null;
                });
            }
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                for (Future<Void> done : pool.invokeAll(clients)) {
                    done.get();
                }
            } finally {
                pool.shutdown();
            }
        } finally {
            server.shutdownNow();
            backend.store().close();
        }

        DurableH2Backend reopened = new DurableH2Backend(file);
        withServer(reopened, reopened.store(), cases -> {
            for (int i = 0; i < documents; i++) {
                Document read = cases.find(eq("_id", "case-" + i)).first();
                int last = lastUpdate(updates, documents, i);
                assertThat(read.getInteger("first")).as("case-%d", i).isEqualTo(last);
                assertThat(read.getInteger("second")).as("case-%d", i).isEqualTo(last);
            }
        });
    }

    /** The last update number of the document that set the clients' fields (every fourth one unsets only). */
    private static int lastUpdate(int updates, int documents, int document) {
        for (int u = updates; u > 0; u--) {
            if (u % documents == document && u % 4 != 0) {
                return u;
            }
        }
        throw new AssertionError("no update of case-" + document);
    }

    /** A document with every kind of value the driver sends and the case projection writes. */
    private static Document everyKind() {
        List<Object> mixed = List.of("text", 7, 8L, 1.5, true, new Document("nested", List.of(1, 2)));
        return new Document("_id", "case-kinds")
                .append("string", "风险 — 12381 «warning»")
                .append("empty", "")
                .append("int", Integer.MIN_VALUE)
                .append("long", Long.MAX_VALUE)
                .append("double", -0.1)
                .append("decimal", new Decimal128(new BigDecimal("12345.6789")))
                .append("true", true)
                .append("false", false)
                .append("null", null)
                .append("date", Date.from(Instant.parse("2026-12-07T21:00:00.123Z")))
                .append("objectId", new ObjectId("65f1c2a3b4c5d6e7f8091a2b"))
                .append("binary", new Binary(new byte[] {0, 1, 2, (byte) 0xFF}))
                .append("uuidBinary", new Binary((byte) 4, new byte[16]))
                .append("document", new Document("b", 2).append("a", new Document("deep", new Document("er", "x"))))
                .append("emptyDocument", new Document())
                .append("list", mixed)
                .append("emptyList", List.of());
    }
}
