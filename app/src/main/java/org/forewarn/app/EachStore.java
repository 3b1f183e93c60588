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
 * interval. Closing stops the thread ({@link StoreSync}, {@link EmbeddedStoreCompaction}).
 */
final class EachStore implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EachStore.class);

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

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
