package org.forewarn.app;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.net.InetSocketAddress;
import org.bson.Document;

/**
 * Where the projections (case, suspect, call scripts) write their read models, and how their
 * writes are made durable before their event processor records its progress.
 * <p>
 * With MongoDB (the {@code cluster} profile) they write to the application's read-model database
 * like everything else, and an acknowledged write is the server's to keep. With the embedded
 * server they write through a client of their own that the server commits on request only
 * ({@link DurableH2Backend#DEFERRING_CLIENT}): {@link #commit()} runs in each event's unit of work
 * before the processor's token is stored, one commit for all the writes of the event.
 */
final class ProjectionWrites implements AutoCloseable {

    private final MongoDatabase database;
    private final MongoClient ownClient;

    private ProjectionWrites(MongoDatabase database, MongoClient ownClient) {
        this.database = database;
        this.ownClient = ownClient;
    }

    /** The projections write to the application's read-model database, durable on acknowledgement. */
    static ProjectionWrites direct(MongoDatabase readModels) {
        return new ProjectionWrites(readModels, null);
    }

    /** The projections write through a client of their own to the embedded server, committed by {@link #commit()}. */
    static ProjectionWrites deferred(InetSocketAddress server, String databaseName) {
        MongoClient client = MongoClients.create(EmbeddedRuntime.clientSettings(server)
                .applicationName(DurableH2Backend.DEFERRING_CLIENT)
                .build());
        return new ProjectionWrites(client.getDatabase(databaseName), client);
    }

    MongoDatabase database() {
        return database;
    }

    /** Whether {@link #commit()} must run before a projection's progress is recorded. */
    boolean defersCommits() {
        return ownClient != null;
    }

    /** Makes every write made so far durable; returns once it is in the file. */
    void commit() {
        if (ownClient != null) {
            ownClient.getDatabase("admin").runCommand(new Document(DurableH2Backend.COMMIT_COMMAND, 1));
        }
    }

    @Override
    public void close() {
        if (ownClient != null) {
            ownClient.close();
        }
    }
}
