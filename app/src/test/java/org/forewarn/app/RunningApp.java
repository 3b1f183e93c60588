package org.forewarn.app;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The application started as {@link ForewarnApplication#main} starts it, on free loopback ports
 * and a data directory of the test's, and spoken to over real HTTP.
 */
final class RunningApp extends AppClient implements AutoCloseable {

    /** For tests that read all the engine's records ({@code InProcessZeebe.records()}): none is released. */
    static final String KEEP_ENGINE_LOG = "--forewarn.embedded.engine-log-retained-entries=" + Integer.MAX_VALUE;

    private final ConfigurableApplicationContext context;

    private RunningApp(ConfigurableApplicationContext context) {
        this.context = context;
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        listensAt(URI.create("http://127.0.0.1:" + port));
    }

    static RunningApp start(Path dataDir, String... extraArgs) {
        return start(dataDir, app -> { }, extraArgs);
    }

    /** As {@link #start(Path, String...)}, with the application adjusted before it runs (an initializer). */
    static RunningApp start(Path dataDir, Consumer<SpringApplication> adjust, String... extraArgs) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--forewarn.data-dir=" + dataDir,
                "--forewarn.embedded.zeebe-port=" + freePort()));
        args.addAll(List.of(extraArgs));
        SpringApplication application = ForewarnApplication.application();
        adjust.accept(application);
        return new RunningApp(application.run(args.toArray(String[]::new)));
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    <T> T bean(String name, Class<T> type) {
        return context.getBean(name, type);
    }

    /** The health components the liveness probe is made of, as the application's health endpoint sees them. */
    java.util.Set<String> livenessComponents() {
        var liveness = bean(org.springframework.boot.actuate.health.HealthEndpoint.class).healthForPath("liveness");
        return ((org.springframework.boot.actuate.health.CompositeHealth) liveness).getComponents().keySet();
    }

    @Override
    public void close() {
        context.close();
    }
}
