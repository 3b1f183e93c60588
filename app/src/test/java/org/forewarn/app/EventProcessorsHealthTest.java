package org.forewarn.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

/**
 * {@link EventProcessorsHealth} on real Axon tracking processors: one whose handler fails with an
 * exception retries by itself and health stays up; one whose handler throws an {@link Error} stops
 * for good and takes health down, naming it.
 */
class EventProcessorsHealthTest {

    /** Fails on the events it is told to, with an exception or an error. */
    @ProcessingGroup("breakable")
    static final class Breakable {
        @EventHandler
        void on(String event) {
            switch (event) {
                case "exception" -> throw new IllegalStateException("database away");
                case "error" -> throw new AssertionError("should not throw");
                default -> { }
            }
        }
    }

    /** Always handles its events. */
    @ProcessingGroup("steady")
    static final class Steady {
        @EventHandler
        void on(String event) {
        }
    }

    private Configuration axon;
    private EventProcessorsHealth health;

    @BeforeEach
    void start() {
        axon = DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                .eventProcessing(processing -> processing
                        .registerTrackingEventProcessor("breakable")
                        .registerTrackingEventProcessor("steady")
                        .registerEventHandler(c -> new Breakable())
                        .registerEventHandler(c -> new Steady())
                        .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance()))
                .start();
        health = new EventProcessorsHealth(axon.eventProcessingConfiguration());
    }

    @AfterEach
    void stop() {
        axon.shutdown();
    }

    @Test
    void processorsThatHandleTheirEventsAreUp() {
        publish("fine");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Health now = health.health();
            assertThat(now.getStatus()).isEqualTo(Status.UP);
            assertThat(now.getDetails()).containsEntry("breakable", EventProcessorsHealth.RUNNING)
                                        .containsEntry("steady", EventProcessorsHealth.RUNNING);
        });
    }

    @Test
    void aProcessorRetryingAfterAnExceptionIsReportedButHealthStaysUp() {
        publish("exception");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Health now = health.health();
            assertThat(now.getDetails()).containsEntry("breakable", EventProcessorsHealth.RETRYING);
            assertThat(now.getStatus()).isEqualTo(Status.UP);
        });
        assertThat(axon.eventProcessingConfiguration().eventProcessor("breakable").orElseThrow().isRunning())
                .as("still running: it retries the event by itself").isTrue();
    }

    @Test
    void aProcessorStoppedByAnErrorTakesHealthDownAndIsNamed() {
        publish("error");

        // the error ends the processor's thread; that it is uncaught is the point, not a test failure
        await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Health now = health.health();
            assertThat(now.getStatus()).isEqualTo(Status.DOWN);
            assertThat(now.getDetails()).containsEntry("breakable", EventProcessorsHealth.STOPPED)
                                        .containsEntry("steady", EventProcessorsHealth.RUNNING)
                                        .doesNotContainValue("should not throw");
        });
        // it does not come back by itself
        publish("fine");
        await().dontCatchUncaughtExceptions().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
               .until(() -> health.health().getStatus().equals(Status.DOWN));
    }

    private void publish(String event) {
        axon.eventBus().publish(GenericEventMessage.asEventMessage(event));
    }
}
