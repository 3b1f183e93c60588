package org.forewarn.app;

import java.time.Duration;
import java.util.List;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.spring.config.SpringAxonConfiguration;
import org.forewarn.adapters.mongo.CaseProjection;
import org.forewarn.adapters.mongo.CaseReadModel;
import org.forewarn.adapters.mongo.CaseReadModel.CaseView;
import org.forewarn.domain.AgeGroup;
import org.forewarn.domain.ClueChannel;
import org.forewarn.domain.FraudCategory;
import org.forewarn.domain.RiskLevel;
import org.forewarn.workflows.bridge.CaseProcessBridge;
import org.forewarn.workflows.bridge.CaseProcessBridge.CaseStart;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The embedded Zeebe engine keeps its state in memory, so after a restart the processes of open
 * cases are gone while the event store still holds the cases. Once the case read model has
 * caught up with the event store, this re-opens the process of every open case that still needs
 * its warning. Sending stays once per case: the attempt id is the case and step, which the
 * sender and the aggregate both deduplicate on.
 */
@Component
@Profile("embedded")
class EmbeddedProcessRecovery implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedProcessRecovery.class);

    private final EventProcessingConfiguration processing;
    private final CaseReadModel cases;
    private final CaseProcessBridge bridge;
    private final Duration catchUpTimeout;
    private volatile Thread worker;

    EmbeddedProcessRecovery(EventProcessingConfiguration processing, CaseReadModel cases, CaseProcessBridge bridge,
                            @Value("${forewarn.embedded.recovery-timeout:PT2M}") Duration catchUpTimeout) {
        this.processing = processing;
        this.cases = cases;
        this.bridge = bridge;
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
            List<CaseView> open = cases.openWithoutWarning();
            for (CaseView c : open) {
                bridge.startProcess(new CaseStart(c.caseId(), c.personId(), RiskLevel.valueOf(c.riskLevel()),
                        FraudCategory.valueOf(c.category()), ClueChannel.valueOf(c.channel()),
                        c.ageGroup() == null ? null : AgeGroup.valueOf(c.ageGroup())));
            }
            LOG.info("re-opened the processes of {} open case(s)", open.size());
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
