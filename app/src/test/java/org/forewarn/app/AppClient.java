package org.forewarn.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** Speaks to a running application over real HTTP as the demo users do. */
abstract class AppClient {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private URI base;

    /** Where the application listens, e.g. {@code http://127.0.0.1:8080}. */
    protected void listensAt(URI base) {
        this.base = base;
    }

    /** Where the application listens. */
    URI base() {
        return base;
    }

    /** Posts JSON as a demo user ({@code name}, password demo, or {@code name:password}); null: anonymous. */
    HttpResponse<String> post(String path, String user, String body) {
        return postAs(path, basic(user), body);
    }

    /** Posts JSON as a demo user with an {@code Idempotency-Key}. */
    HttpResponse<String> post(String path, String user, String body, String idempotencyKey) {
        return send(HttpRequest.newBuilder(base.resolve(path))
                               .header("Content-Type", "application/json")
                               .header("Idempotency-Key", idempotencyKey)
                               .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)),
                basic(user));
    }

    /** Puts JSON as a demo user with an {@code Idempotency-Key} (null: none). */
    HttpResponse<String> put(String path, String user, String body, String idempotencyKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                                                 .header("Content-Type", "application/json")
                                                 .PUT(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return send(request, basic(user));
    }

    HttpResponse<String> put(String path, String user, String body) {
        return put(path, user, body, null);
    }

    /** Posts a form, as a provider's webhook does, with the given headers (name, value, ...). */
    HttpResponse<String> postForm(String path, String form, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request, null);
    }

    HttpResponse<String> get(String path, String user) {
        return getAs(path, basic(user));
    }

    /** Posts JSON with the given Authorization header (null: none). */
    HttpResponse<String> postAs(String path, String authorization, String body) {
        return send(HttpRequest.newBuilder(base.resolve(path))
                               .header("Content-Type", "application/json")
                               .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)),
                authorization);
    }

    /** Posts JSON without a Content-Length (chunked), as a streaming client would. */
    HttpResponse<String> postChunked(String path, String user, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return send(HttpRequest.newBuilder(base.resolve(path))
                               .header("Content-Type", "application/json")
                               .POST(HttpRequest.BodyPublishers.ofInputStream(
                                       () -> new java.io.ByteArrayInputStream(bytes))), basic(user));
    }

    HttpResponse<String> getAs(String path, String authorization) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET(), authorization);
    }

    private static String basic(String user) {
        if (user == null) {
            return null;
        }
        String credentials = user.contains(":") ? user : user + ":demo"; // demo users' password
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String authorization) {
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
