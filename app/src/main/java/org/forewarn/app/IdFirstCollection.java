package org.forewarn.app;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.h2.mvstore.MVMap;

/**
 * A collection of the embedded read-model store that answers a query naming one {@code _id}
 * among other conditions from its {@code _id} index, as MongoDB does. The library uses an index
 * only for a query of exactly the index's fields; {@code {_id: x, clueIds: {$ne: c}}} or the
 * driver's {@code {$and: [{_id: x}, …]}} (how {@code Filters.and} is sent) read and matched every
 * document of the collection instead — for the suspect projection's count of a clue, once per
 * clue, over every suspect number ever seen, so each clue cost more than the one before
 * (docs/performance.md). Here the index gives the one candidate and the whole query is matched
 * against it: the same documents as the full scan, since every document the query matches has
 * that {@code _id}.
 */
final class IdFirstCollection extends H2Collection {

    /** No single {@code _id} equality in a query. */
    private static final Object NONE = new Object();

    IdFirstCollection(MongoDatabase database, String collectionName, CollectionOptions options,
                      MVMap<Object, Document> documents, MVMap<String, Object> meta, CursorRegistry cursors) {
        super(database, collectionName, options, documents, meta, cursors);
    }

    @Override
    protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit,
                                         int batchSize, Document fieldSelector) {
        Object id = idEquality(query, getIdField());
        if (id != NONE) {
            Document byId = new Document(getIdField(), id);
            for (Index<Object> index : getIndexes()) {
                if (index.canHandle(byId)) {
                    return matchDocuments(query, index.getPositions(byId), orderBy, numberToSkip, limit, batchSize,
                            fieldSelector);
                }
            }
        }
        return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
    }

    /**
     * The value every document matching the query must have as its {@code _id}: a plain value
     * compared for equality at the query's top level or in a top-level {@code $and} (also nested);
     * {@link #NONE} if there is none. Documents (operators, or an embedded document's exact
     * match), arrays, regular expressions and null (which matches a missing field) are left to
     * the library.
     */
    static Object idEquality(Document query, String idField) {
        Object value = query.get(idField);
        if (value != null && isPlain(value)) {
            return value;
        }
        if (query.get("$and") instanceof List<?> all) {
            for (Object condition : all) {
                if (condition instanceof Document part) {
                    Object id = idEquality(part, idField);
                    if (id != NONE) {
                        return id;
                    }
                }
            }
        }
        return NONE;
    }

    private static boolean isPlain(Object value) {
        return value instanceof String || value instanceof Number || value instanceof Boolean
                || value instanceof UUID || value instanceof ObjectId || value instanceof Date;
    }
}
