package org.forewarn.app;

import org.forewarn.bpmn.InProcessZeebe;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.event.ContextClosedEvent;

/**
 * Forewarn: the event-sourced workflow engine for warning-and-dissuasion casework. Runs the
 * {@code embedded} profile unless another is chosen.
 */
@SpringBootApplication(scanBasePackages = {"org.forewarn.app", "org.forewarn.adapters.web"})
public class ForewarnApplication {

    public static void main(String[] args) {
        SpringApplication app = application();
        // The embedded Zeebe library leaves a non-daemon timer thread behind; this JVM runs one
        // application only, so release it once the application has closed.
        app.addListeners((ContextClosedEvent closed) -> {
            if (closed.getApplicationContext().containsBean(EmbeddedRuntime.ZEEBE_BEAN)) {
                InProcessZeebe.releaseSharedTimer();
            }
        });
        app.run(args);
    }

    /** The application as tests and {@link #main} start it. */
    public static SpringApplication application() {
        // Axon's update checker would call out to the internet; it reads only this system property.
        System.setProperty("axoniq.update-checker.disabled", "true");
        SpringApplication app = new SpringApplication(ForewarnApplication.class);
        // before any bean: a channel set to an unknown counterpart stops the start with the choices
        app.addListeners((ApplicationEnvironmentPreparedEvent prepared) ->
                ChannelChoices.check(prepared.getEnvironment()));
        return app;
    }
}
