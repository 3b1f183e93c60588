package org.forewarn.app;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A step run on each open embedded H2 store every interval, on a daemon thread of its own: a
 * closed store is skipped, and a store whose step fails is logged and tried again at the next
 * interval. Closing stops the thread ({@link StoreSync}, {@link EmbeddedStoreCompaction}) once a
 * step under way has finished: it is never interrupted, since a thread interrupted in a file
 * operation closes the file's channel for every thread (java.nio's interruptible channels), and
 * the store could then write nothing more, not even the last commit of its own close.
 */
final class EachStore implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EachStore.class);

    /** How long closing waits for a step under way: a sync or a bounded compaction pass takes far less. */
    private static final Duration STEP_WAIT = Duration.ofSeconds(30);

    private final String doing;
    private final Map<String, MVStore> stores;
    private final BiConsumer<String, MVStore> step;
    private final ScheduledExecutorService timer;

    /**
     * @param doing what the step does, for the thread's name and the log ("compaction", "sync")
     * @param stores the stores, by name
     * @param step run with each open store's name and store
     */
    EachStore(String doing, Map<String, MVStore> stores, BiConsumer<String, MVStore> step) {
        this.doing = doing;
        this.stores = new LinkedHashMap<>(stores);
        this.step = step;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "embedded-store-" + doing);
            t.setDaemon(true);
            return t;
        });
    }

    void start(Duration interval) {
        timer.scheduleWithFixedDelay(this::runOnce, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The step on every open store. */
    void runOnce() {
        stores.forEach((name, store) -> {
            if (store.isClosed()) {
                return;
            }
            try {
                step.accept(name, store);
            } catch (RuntimeException e) {
                if (!store.isClosed()) {
                    log.warn("the {} of the {} store failed; the next interval tries again", doing, name, e);
                }
            }
        });
    }

    /** Cancels the next runs and waits for a step under way to finish, without interrupting it. */
    @Override
    public void close() {
        timer.shutdown();
        try {
            if (!timer.awaitTermination(STEP_WAIT.toSeconds(), TimeUnit.SECONDS)) {
                log.warn("the {} still runs after {}; the store is closed without waiting for it", doing, STEP_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
