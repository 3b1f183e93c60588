package org.forewarn.bpmn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.camunda.client.CamundaClient;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The in-process engine's log is read by its stream processor while its sequencer appends to it.
 * With the library's plain list a reader once saw an entry as {@code null} after about 3,000 cases
 * at 10 clues/s, and the engine stopped for good; the same reader pattern as in the first test,
 * run against an {@code ArrayList}, read a {@code null} in every one of 20 rounds. The library's
 * list also kept every entry for good; a trimmed engine holds a bounded number
 * (docs/reliability.md).
 */
class PublishedLogTest {

    @Test
    void aReaderFollowingTheAppenderSeesEveryEntryItCanIndexAcrossManySegments() throws Exception {
        PublishedLog<Integer> log = new PublishedLog<>();
        int entries = 3_000_000; // about 730 segments: the segment table grows six times
        AtomicBoolean done = new AtomicBoolean();
        List<CompletableFuture<Long>> readers = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            readers.add(CompletableFuture.supplyAsync(() -> {
                long seen = 0;
                int next = 0;
                while (next < entries) {
                    // the stream processor's pattern: size first, then the entries below it
                    int size = log.size();
                    for (; next < size; next++) {
                        Integer entry = log.get(next);
                        if (entry == null || entry != next) {
                            throw new AssertionError("entry " + next + " read as " + entry);
                        }
                        seen++;
                    }
                    if (done.get() && next == log.size()) {
                        break;
                    }
                }
                return seen;
            }));
        }
        for (int i = 0; i < entries; i++) {
            log.add(i);
        }
        done.set(true);
        for (CompletableFuture<Long> reader : readers) {
            assertThat(reader.get(60, TimeUnit.SECONDS)).isEqualTo(entries);
        }
        assertThat(log).hasSize(entries);
        assertThat(log.get(entries - 1)).isEqualTo(entries - 1);
    }

    @Test
    void anIndexAtOrPastTheSizeOrANullEntryIsRefused() {
        PublishedLog<String> log = new PublishedLog<>();
        assertThatThrownBy(() -> log.get(0)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("index 0 of a log of 0 entries");
        log.add("a");
        assertThatThrownBy(() -> log.get(1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> log.get(-1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> log.add(null)).isInstanceOf(NullPointerException.class);
        assertThat(log).containsExactly("a");
    }

    @Test
    void releasingFreesWholeSegmentsBelowTheIndexAndRefusesTheirEntriesWhileTheRestStaysReadable() {
        PublishedLog<Integer> log = new PublishedLog<>();
        for (int i = 0; i < 10_000; i++) {
            log.add(i);
        }
        assertThat(log.releaseBelow(4_095)).as("no whole segment below 4,095").isZero();
        assertThat(log.releaseBelow(9_000)).isEqualTo(8_192);
        assertThat(log.releaseBelow(100)).as("never taken back").isEqualTo(8_192);
        assertThat(log.released()).isEqualTo(8_192);
        assertThat(log.held()).isEqualTo(10_000 - 8_192);
        assertThat(log).hasSize(10_000);
        assertThatThrownBy(() -> log.get(8_191)).isInstanceOf(IllegalStateException.class)
                .hasMessage("log entry 8191 was released; the log holds the entries from 8192 on");
        assertThat(log.get(8_192)).isEqualTo(8_192);
        log.add(10_000);
        assertThat(log.get(10_000)).isEqualTo(10_000);
        assertThat(log.releaseBelow(Integer.MAX_VALUE)).as("not past the size").isEqualTo(8_192);
        assertThat(log.releaseBelow(-1)).as("a reader that has read nothing yet").isEqualTo(8_192);
        assertThat(log.get(8_192)).isEqualTo(8_192);
    }

    @Test
    void aTrimmedEngineHoldsABoundedLogAndKeepsWorking() {
        int retained = 1_000;
        try (InProcessZeebe zeebe = InProcessZeebe.start(0, retained); CamundaClient client = zeebe.newClient()) {
            client.newDeployResourceCommand().addProcessModel(Bpmn.createExecutableProcess("p")
                    .startEvent().endEvent().done(), "p.bpmn").send().join();
            // each instance adds about two entries (the engine appends its records in batches)
            for (int batch = 0; batch < 60; batch++) {
                List<CompletableFuture<?>> sent = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    sent.add(client.newCreateInstanceCommand().bpmnProcessId("p").latestVersion().send()
                            .toCompletableFuture());
                }
                sent.forEach(CompletableFuture::join);
            }
            PublishedLog<?> log = zeebe.logEntries();
            assertThat(log.size()).isGreaterThan(retained + 2 * 4_096);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(log.released()).isPositive();
                // whole segments go, so up to one segment more than retained stays
                assertThat(log.held()).isLessThanOrEqualTo(retained + 4_096);
            });
            assertThat(client.newCreateInstanceCommand().bpmnProcessId("p").latestVersion().withResult()
                    .requestTimeout(Duration.ofSeconds(10)).send().join().getProcessInstanceKey()).isPositive();
            assertThat(zeebe.failure()).isEmpty();
            assertThatThrownBy(() -> zeebe.records().getRecords().iterator().next())
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("was released");
        }
    }

    @Test
    void theEngineKeepsItsLogInAPublishedLogAndReportsNoFailureWhileItWorks() {
        try (InProcessZeebe zeebe = InProcessZeebe.start(0); CamundaClient client = zeebe.newClient()) {
            assertThat(zeebe.logEntries()).isInstanceOf(PublishedLog.class);
            client.newDeployResourceCommand().addProcessModel(Bpmn.createExecutableProcess("p")
                    .startEvent().endEvent().done(), "p.bpmn").send().join();
            for (int i = 0; i < 50; i++) {
                client.newCreateInstanceCommand().bpmnProcessId("p").latestVersion().withResult()
                        .requestTimeout(Duration.ofSeconds(10)).send().join();
            }
            assertThat(zeebe.logEntries()).isNotEmpty();
            assertThat(zeebe.failure()).isEmpty();
        }
    }
}
