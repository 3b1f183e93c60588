package org.forewarn.app;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.ne;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The read-model store answers a query that names one {@code _id} among other conditions from
 * the {@code _id} index ({@link IdFirstCollection}): the same answers and the same writes as the
 * library's scan of the whole collection, without reading the collection.
 */
class IdFirstCollectionTest {

    private static final int SUSPECTS = 20_000;

    @TempDir
    Path dir;

    @Test
    void answersAndWritesAsTheLibrarysScanOfEveryDocument() {
        List<Object> scanned = new ArrayList<>();
        MVStore plain = new MVStore.Builder().open();
        List<Document> scannedAfter = run(new H2Backend(plain), scanned);

        List<Object> indexed = new ArrayList<>();
        DurableH2Backend backend = new DurableH2Backend(dir.resolve("indexed.mv").toString());
        List<Document> indexedAfter = run(backend, indexed);

        assertThat(indexed).as("each operation's answer").isEqualTo(scanned);
        assertThat(indexedAfter).as("the collection afterwards").isEqualTo(scannedAfter);
    }

    @Test
    void aQueryNamingAnIdAmongOtherConditionsReadsThatDocumentAndNotTheCollection() {
        String file = dir.resolve("suspects.mv").toString();
        DurableH2Backend writing = new DurableH2Backend(file);
        DurableH2BackendTest.withServer(writing, writing.store(), suspects -> {
            List<Document> all = new ArrayList<>();
            for (int i = 0; i < SUSPECTS; i++) {
                all.add(suspect(i));
            }
            suspects.insertMany(all);
        });

        // reopened without a page cache: every page a query needs is read from the file
        MVStore store = new MVStore.Builder().fileName(file).compress().cacheSize(0).open();
        DurableH2Backend backend = new DurableH2Backend(store);
        DurableH2BackendTest.withServer(backend, store, suspects -> {
            long before = store.getFileStore().getReadCount();
            for (int i = 0; i < 50; i++) {
                // the suspect projection's count of a clue, as it sends it
                suspects.updateOne(and(eq("_id", "suspect-" + i), ne("clueIds", "clue-new-" + i)),
                        Updates.combine(Updates.addToSet("clueIds", "clue-new-" + i), Updates.inc("clues", 1)),
                        new UpdateOptions().upsert(true));
            }
            long reads = store.getFileStore().getReadCount() - before;
            // about 11 a query through the index (the paths to a leaf of the index and of the documents, the
            // commits); a scan reads every page of the collection, hundreds, for each of the 50
            assertThat(reads).as("pages read from the file for 50 updates of %d documents", SUSPECTS)
                    .isLessThan(50 * 40);
            assertThat(suspects.find(eq("_id", "suspect-7")).first().getInteger("clues")).isEqualTo(2);
            assertThat(suspects.countDocuments()).isEqualTo(SUSPECTS);
        });
    }

    /** Operations with filters of every shape on a collection; each answer, then the collection, in order. */
    private static List<Document> run(H2Backend backend, List<Object> answers) {
        List<Document> after = new ArrayList<>();
        MongoServer server = DurableH2BackendTest.serving(backend);
        try (MongoClient client = DurableH2BackendTest.client(server)) {
            MongoCollection<Document> suspects = client.getDatabase("forewarn").getCollection("suspects");
            for (int i = 0; i < 200; i++) {
                suspects.insertOne(suspect(i));
            }
            Function<Bson, Object> updated = filter -> {
                try {
                    var result = suspects.updateOne(filter, Updates.combine(Updates.addToSet("clueIds", "clue-x"),
                            Updates.inc("clues", 1)), new UpdateOptions().upsert(true));
                    return List.of(result.getMatchedCount(), result.getModifiedCount(),
                            String.valueOf(result.getUpsertedId()));
                } catch (MongoWriteException e) {
                    return e.getError().getCategory().name();
                }
            };
            answers.add(updated.apply(and(eq("_id", "suspect-1"), ne("clueIds", "clue-x")))); // matches
            answers.add(updated.apply(and(eq("_id", "suspect-1"), ne("clueIds", "clue-x")))); // counted: duplicate
            answers.add(updated.apply(and(eq("_id", "suspect-900"), ne("clueIds", "clue-x")))); // upserted
            answers.add(updated.apply(new Document("_id", "suspect-2").append("clues", 1))); // top level, matches
            answers.add(updated.apply(new Document("_id", "suspect-3").append("clues", 5))); // no match: duplicate
            answers.add(updated.apply(and(and(eq("_id", "suspect-4"), gt("clues", 0)), ne("x", 1)))); // nested
            answers.add(updated.apply(and(in("_id", "suspect-5", "suspect-6"), eq("_id", "suspect-6"))));
            answers.add(updated.apply(and(eq("_id", 5), eq("clues", 1)))); // another type: upserted
            answers.add(suspects.find(and(eq("_id", "suspect-8"), eq("clues", 1))).first());
            answers.add(suspects.find(and(eq("_id", "suspect-8"), eq("clues", 2))).first());
            answers.add(suspects.find(and(eq("_id", "suspect-9"), ne("clueIds", "none")))
                    .sort(Sorts.descending("clues")).into(new ArrayList<>()));
            answers.add(suspects.findOneAndUpdate(and(eq("_id", "suspect-10"), eq("clues", 1)),
                    Updates.set("seen", true), new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)));
            answers.add(suspects.findOneAndUpdate(and(eq("_id", "suspect-11"), eq("clues", 3)),
                    Updates.set("seen", true)));
            answers.add(suspects.deleteOne(and(eq("_id", "suspect-12"), eq("clues", 2))).getDeletedCount());
            answers.add(suspects.deleteOne(and(eq("_id", "suspect-12"), eq("clues", 1))).getDeletedCount());
            answers.add(suspects.countDocuments(and(eq("_id", "suspect-13"), eq("clues", 1))));
            answers.add(suspects.countDocuments(gt("clues", 1)));
            suspects.find().sort(Sorts.ascending("_id")).into(after);
        } finally {
            server.shutdownNow();
        }
        return after;
    }

    private static Document suspect(int i) {
        return new Document("_id", "suspect-" + i).append("clueIds", List.of("clue-" + i)).append("clues", 1)
                .append("categories", new Document("IMPERSONATION", 1));
    }
}
