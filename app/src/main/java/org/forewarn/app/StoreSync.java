package org.forewarn.app;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.h2.mvstore.MVStore;

/**
 * Forces the embedded H2 files to disk every interval, and lets H2 reuse the space of their dead
 * chunks after a retention time of a few such intervals instead of its default 45 s.
 * <p>
 * Every commit writes a new chunk of the file; H2 reuses the space of a chunk with no live pages
 * left once the chunk is older than the store's retention time, on the assumption that the
 * operating system has written to disk by then everything that old: had a power cut (not a killed
 * process, whose writes the system still makes) lost newer chunks, the file would fall back on
 * older ones, whose space must not have been overwritten. With its default of 45 s those 45 s of
 * writes were most of each file at 8 clues/s, and grew with the data: the read-model file 186 MB
 * after 20 minutes for 29 MB live, 8 GB a day (docs/performance.md "Long runs"). Here each file is
 * forced to disk every {@code interval}, so everything older than that is on disk by construction
 * rather than by the system's write-back timers (about 30 s on Linux), and the retention time is
 * cut to {@code retention}, at least twice the interval. The count of forced writes is the metric
 * {@code forewarn.embedded.store.syncs}, tagged by store.
 */
final class StoreSync implements MeterBinder, AutoCloseable {

    private final Map<String, LongAdder> syncs = new ConcurrentHashMap<>();
    private final Duration interval;
    private final EachStore timer;

    /**
     * Sets each store's retention time; {@link #start} begins the forcing.
     *
     * @param stores the stores, by name
     * @param retention how long a dead chunk's space is kept before it is reused
     * @param interval how often each file is forced to disk; at most half the retention
     */
    StoreSync(Map<String, MVStore> stores, Duration retention, Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the embedded stores' sync interval must be positive: " + interval);
        }
        if (retention.compareTo(interval.multipliedBy(2)) < 0 || retention.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("the embedded stores' retention time (" + retention
                    + ") must be at least twice their sync interval (" + interval
                    + "), or a chunk's space could be reused before the writes that replaced it are on disk");
        }
        this.interval = interval;
        stores.forEach((name, store) -> {
            store.setRetentionTime((int) retention.toMillis());
            syncs.put(name, new LongAdder());
        });
        this.timer = new EachStore("sync", stores, (name, store) -> {
            store.sync();
            syncs.get(name).increment();
        });
    }

    StoreSync start() {
        timer.start(interval);
        return this;
    }

    /** Forces every open store to disk; one that fails is left for the next interval. */
    void syncOnce() {
        timer.runOnce();
    }

    /** How many times the store's file has been forced to disk. */
    long syncs(String store) {
        return syncs.get(store).sum();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        syncs.forEach((name, count) -> FunctionCounter.builder("forewarn.embedded.store.syncs", count, LongAdder::sum)
                .description("times the embedded store's file was forced to disk")
                .tag("store", name)
                .register(registry));
    }

    @Override
    public void close() {
        timer.close();
    }
}
