package org.forewarn.app;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import org.h2.mvstore.MVStore;

/**
 * The in-process MongoDB-wire server's H2 file store, made durable per command: the library's
 * store writes its file in the background about once a second, so a process killed with
 * {@code kill -9} lost the read-model and outbox writes of its last second, although each had
 * been acknowledged and the event processors had already recorded their progress past them
 * (that progress is in the event store). Here the store is written to its file before the
 * answer to each command goes back: what the driver was told is written, is on disk. A command
 * that changed nothing costs a check only.
 */
final class DurableH2Backend extends H2Backend {

    private final MVStore store;

    DurableH2Backend(String fileName) {
        this(MVStore.open(fileName));
    }

    private DurableH2Backend(MVStore store) {
        super(store);
        this.store = store;
    }

    /** The H2 store behind the backend (closed with it). */
    MVStore store() {
        return store;
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        Document answer = super.handleCommand(channel, database, command, query);
        commit();
        return answer;
    }
}
