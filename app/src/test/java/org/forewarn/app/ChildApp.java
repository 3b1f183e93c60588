package org.forewarn.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The application in a JVM of its own, started with the test's class path, so that a test can
 * kill it as an operator's {@code kill -9} or a power cut would: {@link #kill()} sends SIGKILL,
 * the process gets no chance to flush or close anything. Its output goes to a log file in the
 * data directory, which a failed start prints.
 */
final class ChildApp extends AppClient implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final Process process;
    private final Path log;

    private ChildApp(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        listensAt(URI.create("http://127.0.0.1:" + port));
    }

    static ChildApp start(Path dataDir, String... extraArgs) {
        int port = freePort();
        Path log = dataDir.resolve("app-" + port + ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m",
                "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"),
                ForewarnApplication.class.getName(),
                "--server.port=" + port,
                "--forewarn.data-dir=" + dataDir,
                "--forewarn.embedded.zeebe-port=" + freePort()));
        command.addAll(List.of(extraArgs));
        try {
            Files.createDirectories(dataDir);
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                                                        .redirectOutput(log.toFile()).start();
            ChildApp app = new ChildApp(process, log, port);
            app.awaitReady();
            return app;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the application exited with " + process.exitValue()
                        + " while starting:\n" + logTail());
            }
            try {
                HttpResponse<String> ready = get("/actuator/health/readiness", null);
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (UncheckedIOException notListeningYet) {
                // keep waiting
            }
            sleep(Duration.ofMillis(250));
        }
        process.destroyForcibly();
        throw new IllegalStateException("the application was not ready within " + START_TIMEOUT + ":\n" + logTail());
    }

    /** SIGKILL: the JVM stops at once, with no shutdown hook, flush or close. */
    void kill() {
        process.destroyForcibly();
        waitForExit(Duration.ofSeconds(30));
    }

    /** SIGTERM: the application shuts down gracefully. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            if (!waitForExit(Duration.ofSeconds(60))) {
                process.destroyForcibly();
                waitForExit(Duration.ofSeconds(30));
            }
        }
    }

    /** The file the application's output goes to. */
    Path logFile() {
        return log;
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private boolean waitForExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
