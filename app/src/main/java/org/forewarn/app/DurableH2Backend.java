package org.forewarn.app;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.util.List;
import java.util.function.Supplier;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * The in-process MongoDB-wire server's H2 file store, made durable per command: the library's
 * store writes its file in the background about once a second, so a process killed with
 * {@code kill -9} lost the read-model and outbox writes of its last second, although each had
 * been acknowledged and the event processors had already recorded their progress past them
 * (that progress is in the event store). Here the store is written to its file before the
 * answer to each command goes back: what the driver was told is written, is on disk. A command
 * that changed nothing costs a check only.
 * <p>
 * Its pages are compressed (LZF). Every commit writes the pages it changed as a new chunk of the
 * file, together with the store's own record of its chunks, and H2 reuses a chunk's space only
 * once it is older than the store's retention time (H2's 45 s; {@link StoreSync} shortens it); so
 * the file holds, besides the live data, about the last retention time's writes. At 8 clues/s
 * that was 4.4 MB a second uncompressed (the read models' documents are Java-serialised, which
 * compresses well) and 2.4 MB compressed, for a file of 235 MB against 110 MB after three minutes
 * (with H2's 45 s), with less CPU, not more (docs/performance.md).
 * Pages written before compression was on stay readable as they are.
 * <p>
 * A client that names itself {@value #DEFERRING_CLIENT} in its handshake (the projections'
 * client, {@link ProjectionWrites}) is the exception: its writes are committed when it sends
 * {@value #COMMIT_COMMAND}, which it does before its event processor records its progress, so one
 * commit covers all the writes of an event instead of one commit each (three to five for the case
 * projection). Whatever the processor has recorded as done is still in the file; what it had not,
 * it handles again after a restart. H2 commits the whole store at once, in order, so a later commit
 * of any client also writes the deferred writes made before it. With both, the same three minutes
 * at 8 clues/s wrote 1.1 MB a second and left a file of 65 MB.
 * <p>
 * Each command registers the store version it reads for as long as it runs, as H2's own
 * transactions do: H2 reuses a dead chunk's space only once no registered reader may still need
 * it, besides the retention time. The library reads the store's maps directly, so without this a
 * scan over a version that writes had since replaced, running longer than the retention time,
 * could read a chunk whose space had been given to newer writes ("Chunk 12 not found" in
 * StoreSyncTest without it).
 * <p>
 * A collection's documents are written to the file as BSON ({@link BsonDocumentType}) and its unique
 * indexes' keys in a compact form ({@link IndexKeyType}) instead of Java-serialised, H2's default;
 * files written before are read as they are.
 */
final class DurableH2Backend extends H2Backend {

    /** The application name a client gives in its handshake to have its writes committed on request only. */
    static final String DEFERRING_CLIENT = "forewarn-projections";

    /** The command that commits, answered once the store is written: MongoDB's own name for flushing to disk. */
    static final String COMMIT_COMMAND = "fsync";

    private static final AttributeKey<Boolean> DEFERS = AttributeKey.valueOf("forewarn.defersCommits");

    /** The prefix of the H2 map holding a collection's documents, as the library names it. */
    private static final String DOCUMENTS_MAP_PREFIX = "databases.";

    /** What the library puts between a collection's namespace and an index's name to name the index's H2 map. */
    private static final String INDEX_MAP_INFIX = "._index_";

    /** The library's map of a collection's metadata (its data size), by the same naming. */
    private static final String META_MAP_PREFIX = "meta.";

    private final MVStore store;

    /**
     * The application's store: compressed, and without H2's own compaction
     * ({@code autoCompactFillRate} 0), which {@link EmbeddedStoreCompaction} does in small passes
     * instead. H2's background thread, whenever new chunks no longer fitted the file's gaps, moved
     * chunks toward the start of the file under the store's lock, up to tens of MB at a time with
     * four forced writes; with the short retention time ({@link StoreSync}) that was often, and
     * first warnings' p99 rose from 0.22 s to 0.4–1.4 s after eight minutes at 8 clues/s
     * (docs/performance.md).
     *
     * @param fileName the store's file, created if missing
     */
    DurableH2Backend(String fileName) {
        this(new MVStore.Builder().fileName(fileName).compress().autoCompactFillRate(0).open());
    }

    /** On a store opened by the caller; the application's is {@link #DurableH2Backend(String)}. */
    DurableH2Backend(MVStore store) {
        super(store);
        this.store = store;
    }

    /**
     * Called by the library for each database, also from its constructor for those already in the
     * file (so before this class's fields are set: only the library's {@link #getMvStore()} is).
     */
    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new CompactDatabase(databaseName);
    }

    /**
     * The library's database, whose collections keep their documents as BSON and their unique
     * indexes' keys in a compact form ({@link IndexKeyType}). An inner class: the
     * library's constructors open collections before any field of this class or of the backend
     * is set, and the enclosing backend is set before them.
     */
    private final class CompactDatabase extends H2Database {

        CompactDatabase(String name) {
            super(name, getMvStore(), getCursorRegistry());
        }

        /**
         * The library's collection on the same maps, its documents' map opened with
         * {@link BsonDocumentType}, that answers a query naming one {@code _id} among other
         * conditions from the {@code _id} index ({@link IdFirstCollection}).
         */
        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            String namespace = getFullCollectionNamespace(collectionName);
            MVMap<Object, Document> documents = getMvStore().openMap(DOCUMENTS_MAP_PREFIX + namespace,
                    new MVMap.Builder<Object, Document>().valueType(new BsonDocumentType()));
            MVMap<String, Object> meta = getMvStore().openMap(META_MAP_PREFIX + namespace);
            return new IdFirstCollection(this, collectionName, options, documents, meta, cursorRegistry);
        }

        /** Opens the index's map with {@link IndexKeyType} before the library does, as the documents' map. */
        @Override
        protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                        boolean sparse) {
            getMvStore().openMap(getFullCollectionNamespace(collectionName) + INDEX_MAP_INFIX + indexName,
                    new MVMap.Builder<Object, Object>().keyType(new IndexKeyType()));
            return super.openOrCreateUniqueIndex(collectionName, indexName, keys, sparse);
        }
    }

    /** The H2 store behind the backend (closed with it). */
    MVStore store() {
        return store;
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        return reading(() -> handle(channel, database, command, query));
    }

    /** The legacy query message (drivers send commands instead), under the same registration. */
    @Override
    public QueryResult handleQuery(MongoQuery query) {
        return reading(() -> super.handleQuery(query));
    }

    /** Runs the work with the store's current version registered as in use until it ends. */
    private <T> T reading(Supplier<T> work) {
        MVStore.TxCounter version = store.registerVersionUsage();
        try {
            return work.get();
        } finally {
            store.deregisterVersionUsage(version);
        }
    }

    private Document handle(Channel channel, String database, String command, Document query) {
        if (command.equalsIgnoreCase(COMMIT_COMMAND)) {
            commit();
            return new Document("ok", 1.0);
        }
        if ((command.equalsIgnoreCase("hello") || command.equalsIgnoreCase("isMaster"))
                && DEFERRING_CLIENT.equals(applicationName(query))) {
            channel.attr(DEFERS).set(Boolean.TRUE);
        }
        Document answer = super.handleCommand(channel, database, command, query);
        if (!Boolean.TRUE.equals(channel.attr(DEFERS).get())) {
            commit();
        }
        return answer;
    }

    /** The handshake's {@code client.application.name}, if it has one. */
    private static Object applicationName(Document handshake) {
        if (handshake.get("client") instanceof Document client
                && client.get("application") instanceof Document application) {
            return application.get("name");
        }
        return null;
    }
}
