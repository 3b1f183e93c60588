package org.forewarn.adapters.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ops/control-simulator/ControlSimulator.java} run as a child process by the test's own
 * JDK (the source launcher, as a demo runs it), with its secret in its environment, and spoken
 * to over its control surface. Closing it destroys the process.
 */
public final class ControlSimulatorProcess implements AutoCloseable {

    public static final String KEY_ID = "forewarn-test";
    private static final String SECRET_ENV = "FOREWARN_CONTROL_SECRET";
    private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final List<String> output;
    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ControlSimulatorProcess(Process process, List<String> output, int port) {
        this.process = process;
        this.output = output;
        this.base = URI.create("http://127.0.0.1:" + port);
    }

    /** Starts the simulator with {@code secret} as the shared secret of key {@link #KEY_ID}. */
    public static ControlSimulatorProcess start(String secret) {
        String java = ProcessHandle.current().info().command()
                                   .orElseThrow(() -> new IllegalStateException("the test's java is unknown"));
        ProcessBuilder builder = new ProcessBuilder(java, source().toString(), "--port", "0",
                "--secret-env", SECRET_ENV, "--key-id", KEY_ID).redirectErrorStream(true);
        builder.environment().put(SECRET_ENV, secret);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> output = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    output.add(line);
                    Matcher listening = LISTENING.matcher(line);
                    if (listening.matches()) {
                        port.complete(Integer.parseInt(listening.group(1)));
                    }
                }
            } catch (IOException closed) {
                // the process is gone
            }
            port.completeExceptionally(new IllegalStateException("the simulator ended: " + output));
        }, "control-simulator-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return new ControlSimulatorProcess(process, output, port.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            throw new IllegalStateException("the simulator did not start: " + output, e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The simulator's source, found from the module's or the project's directory. */
    private static Path source() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("ops/control-simulator/ControlSimulator.java");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("ops/control-simulator/ControlSimulator.java not found above "
                + Path.of("").toAbsolutePath());
    }

    public URI carrierBaseUrl() {
        return base.resolve("/carrier");
    }

    public URI paymentBaseUrl() {
        return base.resolve("/payment");
    }

    /** What the simulator printed so far, for a failing test's message. */
    public List<String> output() {
        return List.copyOf(output);
    }

    public URI base() {
        return base;
    }

    /** {@code GET /_sim/state}: orders, lines, accounts, refusals by status. */
    public JsonNode state() {
        return read(send(HttpRequest.newBuilder(base.resolve("/_sim/state")).GET()));
    }

    /** The orders the simulator holds for an idempotency key (of either side). */
    public List<JsonNode> ordersWithKey(String idempotencyKey) {
        List<JsonNode> found = new ArrayList<>();
        state().path("orders").forEach(o -> {
            if (o.path("idempotencyKey").asText().equals(idempotencyKey)) {
                found.add(o);
            }
        });
        return found;
    }

    /** {@code POST /_sim/faults} with a fault as JSON, e.g. {@code {"side":"carrier","status":503}}. */
    public void fault(String json) {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(base.resolve("/_sim/faults"))
                                                      .POST(HttpRequest.BodyPublishers.ofString(json)));
        if (answer.statusCode() != 202) {
            throw new IllegalStateException("the fault was not taken: " + answer.body());
        }
    }

    public void clearFaults() {
        send(HttpRequest.newBuilder(base.resolve("/_sim/faults")).DELETE());
    }

    /** Sends any request to the simulator, e.g. one signed by hand. */
    public HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode read(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        http.close();
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
