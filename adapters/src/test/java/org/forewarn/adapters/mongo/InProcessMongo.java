package org.forewarn.adapters.mongo;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The in-process MongoDB-wire server (H2 backend) on loopback, reached through the real driver. */
public final class InProcessMongo implements AutoCloseable {

    private static final String DATABASE = "forewarn-test";

    private final MongoServer server;
    private final ConnectionString address;
    private final MongoClient client;
    private final List<MongoClient> listened = new ArrayList<>();

    public InProcessMongo(Path dir) {
        server = new MongoServer(new H2Backend(dir.resolve("mongo.mv").toString()));
        server.bind("127.0.0.1", 0);
        address = new ConnectionString("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
        client = MongoClients.create(address);
    }

    public MongoDatabase database() {
        return client.getDatabase(DATABASE);
    }

    /** The same database through a client of its own that tells {@code listener} every command it sends. */
    public MongoDatabase database(CommandListener listener) {
        MongoClient own = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(address).addCommandListener(listener).build());
        listened.add(own);
        return own.getDatabase(DATABASE);
    }

    @Override
    public void close() {
        listened.forEach(MongoClient::close);
        client.close();
        server.shutdownNow();
    }
}
