package org.forewarn.adapters.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.nio.file.Path;

/** The in-process MongoDB-wire server (H2 backend) on loopback, reached through the real driver. */
public final class InProcessMongo implements AutoCloseable {

    private final MongoServer server;
    private final MongoClient client;

    public InProcessMongo(Path dir) {
        server = new MongoServer(new H2Backend(dir.resolve("mongo.mv").toString()));
        server.bind("127.0.0.1", 0);
        client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
    }

    public MongoDatabase database() {
        return client.getDatabase("forewarn-test");
    }

    @Override
    public void close() {
        client.close();
        server.shutdownNow();
    }
}
