package org.forewarn.adapters.twilio;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Twilio's API as Twilio publishes it: {@code ops/twilio-mock/start} serves Twilio's own OpenAPI
 * description with Prism on a free loopback port. Prism answers what the description promises
 * and refuses with 422 whatever breaks it, so a request the real SDK builds wrongly fails the
 * test that sent it. One server per test JVM, started on first use and stopped at exit.
 */
public final class PrismTwilio {

    public static final String ACCOUNT_SID = "AC" + "0123456789abcdef".repeat(2);
    public static final String AUTH_TOKEN = "test-auth-token-0123456789abcdef";
    public static final String MESSAGING_SERVICE_SID = "MG" + "fedcba9876543210".repeat(2);

    private static PrismTwilio instance;

    private final Process process;
    private final URI baseUrl;
    private final StringBuffer output = new StringBuffer();

    private PrismTwilio(Path script) throws IOException, InterruptedException {
        int port = freePort();
        process = new ProcessBuilder(script.toString(), "--port", Integer.toString(port))
                .redirectErrorStream(true)
                .start();
        process.getOutputStream().close();
        CountDownLatch listening = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (output.length() < 200_000) {
                        output.append(line).append('\n');
                    }
                    if (line.contains("Prism is listening")) {
                        listening.countDown();
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "prism-output");
        reader.setDaemon(true);
        reader.start();
        // the first start installs Prism with npm ci; npm's own timeouts bound that
        if (!listening.await(5, TimeUnit.MINUTES) || !process.isAlive()) {
            stop();
            throw new IllegalStateException("ops/twilio-mock/start did not come up:\n" + output);
        }
        baseUrl = URI.create("http://127.0.0.1:" + port);
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "prism-stop"));
    }

    /** The running mock, started on first use. */
    public static synchronized PrismTwilio get() {
        if (instance == null) {
            try {
                instance = new PrismTwilio(script());
            } catch (IOException e) {
                throw new IllegalStateException("cannot start ops/twilio-mock/start", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return instance;
    }

    public URI baseUrl() {
        return baseUrl;
    }

    /** What Prism printed: it names every violation of the contract it saw. */
    public String output() {
        return output.toString();
    }

    private void stop() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Path script() {
        Path here = Path.of("").toAbsolutePath();
        for (Path dir = here; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("ops/twilio-mock/start");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("ops/twilio-mock/start not found above " + here);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
