package org.forewarn.adapters.mongo;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts the write commands a client sends ({@code update}, {@code findAndModify}), by the
 * collection they change: each is a read, a change and a rewrite of a document in the embedded
 * store. Listen with {@link InProcessMongo#database(CommandListener)}.
 */
final class CollectionWrites implements CommandListener {

    private final Map<String, Integer> writes = new ConcurrentHashMap<>();

    @Override
    public void commandStarted(CommandStartedEvent event) {
        String name = event.getCommandName();
        if (name.equals("update") || name.equals("findAndModify")) {
            // the command's first key names it, its value the collection
            writes.merge(event.getCommand().getString(name).getValue(), 1, Integer::sum);
        }
    }

    /** The writes to the collection since the last {@link #clear}. */
    int of(String collection) {
        return writes.getOrDefault(collection, 0);
    }

    void clear() {
        writes.clear();
    }

    @Override
    public String toString() {
        return writes.toString();
    }
}
