package org.forewarn.app;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;

/**
 * Keeps both embedded H2 files from growing without bound while the application runs, and
 * reports their size and fill.
 * <p>
 * The event store is written through on every commit ({@code WRITE_DELAY=0}, which durability
 * needs), and H2's store writes each commit as a new chunk of the file; a chunk's space is
 * reused only once nothing in it is live any more. Under a steady load most chunks keep a few
 * live pages (the tail of the event table, a processor's token) and are never freed. H2 rewrites
 * such chunks in a background thread, but {@code WRITE_DELAY=0} turns that thread off: measured
 * at 8 clues/s, the event store held about 50 MB of live data in a 1.1 GB file after 30 minutes
 * (8 % of its chunks live) and grew by 30 MB a minute.
 * <p>
 * So, every few seconds, while less than the target share of the chunks is live, the sparsest
 * old chunks are rewritten up to a bounded amount of live data; the chunks emptied that way are
 * reused once the store's retention time has passed ({@link StoreSync}), and the file grows with
 * the live data only. Each pass holds the store's lock for the rewrite, so the amount is kept
 * small.
 * <p>
 * The read-model file is compacted the same way. Its store has H2's background thread, but
 * without H2's own compaction ({@link DurableH2Backend#DurableH2Backend(String)}): with the short
 * retention time that moved chunks under the store's lock often enough to show in the first
 * warnings' latency. With H2's 45 s, passes of this kind had not changed its growth: most of the
 * file was then the last 45 s of writes, which H2 kept before reusing their space.
 * The metrics are {@code forewarn.embedded.store.size},
 * {@code forewarn.embedded.store.fill} and {@code forewarn.embedded.store.written} (bytes written
 * since the store was opened), tagged by store.
 */
final class EmbeddedStoreCompaction implements MeterBinder, AutoCloseable {

    private final Map<String, MVStore> stores;
    private final EachStore timer;

    /** @param stores the stores to compact and report, by name */
    EmbeddedStoreCompaction(Map<String, MVStore> stores, int targetFillRate, int liveBytesPerPass) {
        if (targetFillRate < 1 || targetFillRate > 100) {
            throw new IllegalArgumentException("the target fill rate is a percentage, 1 to 100: " + targetFillRate);
        }
        if (liveBytesPerPass < 1) {
            throw new IllegalArgumentException("a pass must rewrite at least one byte: " + liveBytesPerPass);
        }
        this.stores = new LinkedHashMap<>(stores);
        this.timer = new EachStore("compaction", stores,
                (name, store) -> store.compact(targetFillRate, liveBytesPerPass));
    }

    /**
     * The H2 store behind the data source, if it is an in-process H2 database; none when the
     * embedded runtime's event store is PostgreSQL (or an H2 server), which compacts itself.
     */
    static Optional<MVStore> storeOf(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            if (connection.isWrapperFor(JdbcConnection.class)
                    && connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session) {
                return Optional.of(session.getDatabase().getStore().getMvStore());
            }
            return Optional.empty();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the event store to find its file", e);
        }
    }

    EmbeddedStoreCompaction start(Duration interval) {
        timer.start(interval);
        return this;
    }

    /** One pass over every store to compact; one that fails is left for the next pass. */
    void compactOnce() {
        timer.runOnce();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        stores.forEach((name, store) -> {
            Gauge.builder("forewarn.embedded.store.size", store, s -> s.isClosed() ? Double.NaN : s.getFileStore().size())
                    .description("size of the embedded store's file")
                    .baseUnit("bytes")
                    .tag("store", name)
                    .register(registry);
            Gauge.builder("forewarn.embedded.store.fill", store,
                            s -> s.isClosed() ? Double.NaN : s.getFileStore().getChunksFillRate())
                    .description("share of the embedded store's chunks that is live data")
                    .baseUnit("percent")
                    .tag("store", name)
                    .register(registry);
            FunctionCounter.builder("forewarn.embedded.store.written", store, EmbeddedStoreCompaction::bytesWritten)
                    .description("bytes written to the embedded store's file since it was opened")
                    .baseUnit("bytes")
                    .tag("store", name)
                    .register(registry);
        });
    }

    /** H2's own count of the bytes written to the file; NaN once the store is closed. */
    static double bytesWritten(MVStore store) {
        if (store.isClosed()) {
            return Double.NaN;
        }
        double[] written = {Double.NaN};
        store.getFileStore().populateInfo((key, value) -> {
            if (key.equals("info.FILE_WRITE_BYTES")) {
                written[0] = Double.parseDouble(value);
            }
        });
        return written[0];
    }

    @Override
    public void close() {
        timer.close();
    }
}
