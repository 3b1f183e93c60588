package org.forewarn.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Closing the timer of the embedded stores' periodic steps while a step is in the file: the step
 * finishes, and the store can still write and close.
 */
class EachStoreTest {

    @TempDir
    Path dir;

    @Test
    void closingWhileAStepForcesTheFileLetsItFinishAndLeavesTheStoreWritable() throws Exception {
        String file = dir.resolve("closing.mv").toString();
        MVStore store = MVStore.open(file);
        MVMap<Integer, String> map = store.openMap("cases");
        map.put(1, "before");
        store.commit();

        // a step that is in the file when the close comes: it forces the file for 300 ms, as a sync
        // or a compaction pass under way would. An interrupt there closes the file's channel
        CountDownLatch inStep = new CountDownLatch(1);
        AtomicBoolean stepFinished = new AtomicBoolean();
        AtomicInteger failures = new AtomicInteger();
        EachStore timer = new EachStore("test", Map.of("s", store), (name, s) -> {
            inStep.countDown();
            long until = System.nanoTime() + 300_000_000L;
            try {
                while (System.nanoTime() < until) {
                    s.sync();
                }
                stepFinished.set(true);
            } catch (RuntimeException e) {
                failures.incrementAndGet();
                throw e;
            }
        });
        timer.start(Duration.ofMillis(10));
        assertThat(inStep.await(10, TimeUnit.SECONDS)).isTrue();
        timer.close();

        assertThat(stepFinished).as("the step under way ran to its end").isTrue();
        assertThat(failures).as("steps that failed").hasValue(0);
        map.put(2, "after");
        store.commit();
        store.close();

        MVStore reopened = MVStore.open(file);
        MVMap<Integer, String> read = reopened.openMap("cases");
        assertThat(read.get(1)).isEqualTo("before");
        assertThat(read.get(2)).as("written after the timer closed").isEqualTo("after");
        reopened.close();
    }
}
