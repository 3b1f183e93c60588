package org.forewarn.app;

import java.time.Duration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.spring.config.SpringAxonConfiguration;
import org.forewarn.adapters.web.ProcessRecovery;
import org.forewarn.adapters.mongo.CaseProjection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The embedded Zeebe engine keeps its state in memory, so after a restart the processes of open
 * cases are gone while the event store still holds the cases. Once the case read model has
 * caught up with the event store, this re-opens the process of every open case at its current
 * rung with its remaining deadline (see {@link ProcessRecovery}). Nothing is sent twice: the
 * attempt id of a re-opened step is the one its predecessor used, which the senders and the
 * aggregate both deduplicate on.
 */
@Component
@Profile("embedded")
class EmbeddedProcessRecovery implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedProcessRecovery.class);

    private final EventProcessingConfiguration processing;
    private final ProcessRecovery recovery;
    private final Duration catchUpTimeout;
    private volatile Thread worker;

    EmbeddedProcessRecovery(EventProcessingConfiguration processing, ProcessRecovery recovery,
                            @Value("${forewarn.embedded.recovery-timeout:PT2M}") Duration catchUpTimeout) {
        this.processing = processing;
        this.recovery = recovery;
        this.catchUpTimeout = catchUpTimeout;
    }

    @Override
    public void start() {
        worker = Thread.ofPlatform().name("process-recovery").daemon(true).start(this::recover);
    }

    private void recover() {
        try {
            if (!awaitReadModelCaughtUp()) {
                LOG.error("case read model did not catch up within {}: open cases' processes were not re-opened",
                        catchUpTimeout);
                return;
            }
            recovery.recoverAll();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("re-opening open cases' processes failed", e);
        }
    }

    private boolean awaitReadModelCaughtUp() throws InterruptedException {
        long deadline = System.nanoTime() + catchUpTimeout.toNanos();
        while (System.nanoTime() < deadline) {
            boolean caughtUp = processing.eventProcessor(CaseProjection.PROCESSING_GROUP, StreamingEventProcessor.class)
                    .map(p -> !p.processingStatus().isEmpty()
                            && p.processingStatus().values().stream().allMatch(EventTrackerStatus::isCaughtUp))
                    .orElse(false);
            if (caughtUp) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    @Override
    public void stop() {
        Thread t = worker;
        if (t != null) {
            t.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return worker != null && worker.isAlive();
    }

    /** After Axon's processors have started. */
    @Override
    public int getPhase() {
        return SpringAxonConfiguration.LIFECYCLE_PHASE + 50;
    }
}
