package org.forewarn.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.bson.Document;
import org.forewarn.adapters.mongo.CaseProjection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The projections' processors take the events that wait in batches (application.yml) and the
 * embedded read-model store commits once per batch, before the processor records its progress:
 * the batch's writes are in the file when its token is, and a batch that fails half-way is
 * handled again whole, every event once more, none skipped.
 */
class ProjectionBatchesTest {

    private static final int EVENTS = 200;
    private static final int BATCH = 10;

    @TempDir
    Path dir;

    @Test
    void aBatchIsCommittedOnceAndIsInTheFileWhenTheProcessorHasMovedPastIt() {
        String file = dir.resolve("batches.mv").toString();
        DurableH2Backend backend = DurableH2BackendTest.withoutBackgroundCommit(file);
        MongoServer server = DurableH2BackendTest.serving(backend);
        try (ProjectionWrites writes = ProjectionWrites.deferred(server.getLocalAddress(), "forewarn")) {
            Recorder recorder = new Recorder(writes.database().getCollection("seen"), -1);
            long versionBefore = backend.store().getCurrentVersion();
            handleAll(writes, recorder);
            long commits = backend.store().getCurrentVersion() - versionBefore;
            assertThat(commits).as("commits for %d events waiting in batches of %d", EVENTS, BATCH)
                    .isBetween((long) EVENTS / BATCH, (long) EVENTS / BATCH + 10);
        }
        DurableH2BackendTest.killed(backend, server);

        DurableH2Backend reopened = new DurableH2Backend(file);
        MongoServer reading = DurableH2BackendTest.serving(reopened);
        try (var client = DurableH2BackendTest.client(reading)) {
            assertThat(client.getDatabase("forewarn").getCollection("seen").countDocuments())
                    .as("every event the processor moved past, in the file after a kill").isEqualTo(EVENTS);
        } finally {
            reading.shutdownNow();
            reopened.store().close();
        }
    }

    @Test
    void aBatchThatFailsHalfWayIsHandledAgainWholeAndNothingIsSkipped() {
        DurableH2Backend backend = DurableH2BackendTest.withoutBackgroundCommit(dir.resolve("failing.mv").toString());
        MongoServer server = DurableH2BackendTest.serving(backend);
        try (ProjectionWrites writes = ProjectionWrites.deferred(server.getLocalAddress(), "forewarn")) {
            MongoCollection<Document> seen = writes.database().getCollection("seen");
            Recorder recorder = new Recorder(seen, 57);
            handleAll(writes, recorder);
            assertThat(recorder.failed.get()).as("the handler failed once").isTrue();
            assertThat(seen.countDocuments()).as("every event handled").isEqualTo(EVENTS);
            assertThat(handled(seen, 57)).as("the failing event, handled again").isEqualTo(2);
            int again = 0;
            for (long i = 0; i < EVENTS; i++) {
                again += handled(seen, i) - 1;
            }
            // the failed batch's events up to 57 again, none outside it
            assertThat(again).as("handlings beyond the first").isBetween(1, BATCH);
        } finally {
            DurableH2BackendTest.killed(backend, server);
        }
    }

    private static int handled(MongoCollection<Document> seen, long event) {
        return seen.find(Filters.eq("_id", event)).first().getInteger("handled");
    }

    /**
     * Publishes the events before the processor starts, so that they wait and fill its batches,
     * and runs the processor until its position has passed the last of them.
     */
    private static void handleAll(ProjectionWrites writes, Recorder recorder) {
        InMemoryTokenStore tokens = new InMemoryTokenStore();
        EmbeddedEventStore events = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        for (long i = 0; i < EVENTS; i++) {
            events.publish(GenericEventMessage.asEventMessage(new Seen(i)));
        }
        Configurer configurer = DefaultConfigurer.defaultConfiguration()
                .configureEventStore(c -> events)
                .registerComponent(org.axonframework.eventhandling.tokenstore.TokenStore.class, c -> tokens);
        configurer.eventProcessing(processing -> processing
                .registerTrackingEventProcessor(CaseProjection.PROCESSING_GROUP, c -> events,
                        c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing().andBatchSize(BATCH))
                .registerEventHandler(c -> recorder));
        new CaseworkConfiguration().failingHandlersRetry().configureModule(configurer);
        new CaseworkConfiguration().projectionsCommitBeforeProgress(writes).configureModule(configurer);
        Configuration axon = configurer.start();
        try {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
                var token = tokens.fetchToken(CaseProjection.PROCESSING_GROUP, 0);
                return token != null && token.position().orElse(-1) >= EVENTS - 1;
            });
        } finally {
            axon.shutdown();
        }
    }

    record Seen(long number) {
    }

    /** A projection that counts how often it handled each event; fails once on one of them if told. */
    @ProcessingGroup(CaseProjection.PROCESSING_GROUP)
    static final class Recorder {
        private final MongoCollection<Document> seen;
        private final long failOn;
        final AtomicBoolean failed = new AtomicBoolean();

        Recorder(MongoCollection<Document> seen, long failOn) {
            this.seen = seen;
            this.failOn = failOn;
        }

        @EventHandler
        void on(Seen event) {
            seen.updateOne(Filters.eq("_id", event.number()), Updates.inc("handled", 1),
                    new UpdateOptions().upsert(true));
            if (event.number() == failOn && failed.compareAndSet(false, true)) {
                throw new IllegalStateException("failing once on event " + failOn);
            }
        }
    }
}
