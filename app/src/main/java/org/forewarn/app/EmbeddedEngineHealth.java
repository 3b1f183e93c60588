package org.forewarn.app;

import org.forewarn.bpmn.InProcessZeebe;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The in-process Zeebe engine's health ({@code zeebeEngine} under {@code /actuator/health}, and
 * in the liveness group). A failed stream processor stays failed: the ladders of all cases stop
 * while the gateway still answers and intake still accepts clues, so only this tells. The remedy
 * is a restart, after which the processes of open cases are re-opened from the event store
 * ({@link EmbeddedProcessRecovery}); liveness going down lets a supervisor (systemd, Kubernetes)
 * do it.
 */
@Component("zeebeEngine")
@Profile("embedded")
class EmbeddedEngineHealth implements HealthIndicator {

    private final InProcessZeebe engine;

    EmbeddedEngineHealth(InProcessZeebe engine) {
        this.engine = engine;
    }

    @Override
    public Health health() {
        return engine.failure()
                .map(why -> Health.down().withDetail("reason", why).build())
                .orElseGet(() -> Health.up().build());
    }
}
