package org.forewarn.app;

import java.util.Map;
import java.util.TreeMap;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The event processors' health ({@code eventProcessors} under {@code /actuator/health}, and in
 * the liveness group), with each processor's state as a detail. A processor whose handler threw an
 * exception backs off and retries the same event by itself, as during a database outage: it is
 * reported as retrying and health stays up. One whose handler threw an {@link Error} has stopped
 * for good (Axon pauses it in error state and nothing starts it again): if it is the Zeebe bridge,
 * no new case gets its ladder while intake still accepts clues; if it is a projection, the console
 * falls behind without a sign. That takes health and liveness down, so that a supervisor (systemd,
 * Kubernetes) restarts the application, whose processors then go on from their last token.
 *
 * <p>The details name processors and states only, never an exception's message.
 */
@Component("eventProcessors")
class EventProcessorsHealth implements HealthIndicator {

    static final String STOPPED = "stopped after an error; restart the application";
    static final String RETRYING = "retrying after a failure";
    static final String CATCHING_UP = "catching up";
    static final String RUNNING = "running";
    static final String NOT_RUNNING = "not running";

    private final EventProcessingConfiguration processing;

    EventProcessorsHealth(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    @Override
    public Health health() {
        Map<String, Object> states = new TreeMap<>();
        boolean stopped = false;
        for (EventProcessor processor : processing.eventProcessors().values()) {
            String state = stateOf(processor);
            stopped |= state.equals(STOPPED);
            states.put(processor.getName(), state);
        }
        return (stopped ? Health.down() : Health.up()).withDetails(states).build();
    }

    private static String stateOf(EventProcessor processor) {
        if (processor.isError()) {
            return STOPPED;
        }
        if (!processor.isRunning()) {
            return NOT_RUNNING;
        }
        if (processor instanceof StreamingEventProcessor streaming) {
            Map<Integer, EventTrackerStatus> segments = streaming.processingStatus();
            if (segments.values().stream().anyMatch(EventTrackerStatus::isErrorState)) {
                return RETRYING;
            }
            if (!segments.values().stream().allMatch(EventTrackerStatus::isCaughtUp)) {
                return CATCHING_UP;
            }
        }
        return RUNNING;
    }
}
