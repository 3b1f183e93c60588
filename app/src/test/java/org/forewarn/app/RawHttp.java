package org.forewarn.app;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

/**
 * Sends any request, however malformed, and reads the answer: through one keep-alive
 * {@link HttpClient} when the request is one it will send, and over a socket of its own when it
 * is not (a path that is not a valid URI, such as a stray {@code %}).
 */
final class RawHttp {

    /** An answer: status, content type (or null) and body. */
    record Answer(int status, String contentType, String body, Map<String, java.util.List<String>> headers) {
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String host;
    private final int port;

    RawHttp(URI base) {
        this.host = base.getHost();
        this.port = base.getPort();
    }

    static String basic(String user) {
        if (user == null) {
            return null;
        }
        String credentials = user.contains(":") ? user : user + ":demo";
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    Answer send(String method, String path, String authorization, String contentType, Map<String, String> headers,
                byte[] body, boolean chunked) {
        if (method.equals("TRACE")) { // the client adds a Content-Length, which Tomcat refuses on a TRACE
            return overSocket(method, path, authorization, contentType, headers, body);
        }
        URI uri;
        try {
            uri = URI.create("http://" + host + ":" + port + path);
        } catch (IllegalArgumentException notAUri) {
            return overSocket(method, path, authorization, contentType, headers, body);
        }
        HttpRequest.BodyPublisher publisher = body.length == 0 && !chunked ? HttpRequest.BodyPublishers.noBody()
                : chunked ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
                : HttpRequest.BodyPublishers.ofByteArray(body);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                                                 .method(method, publisher);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            headers.forEach(request::header);
        } catch (IllegalArgumentException notAHeaderTheClientSends) { // e.g. a value with non-ASCII characters
            return overSocket(method, path, authorization, contentType, headers, body);
        }
        try {
            HttpResponse<String> answer = http.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(answer.statusCode(), answer.headers().firstValue("Content-Type").orElse(null),
                    answer.body(), answer.headers().map());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A GET of an endless stream (server-sent events): the status and headers of the answer, its
     * body only when it is not a stream (a refusal); a stream is closed once it is open.
     */
    Answer openStream(String path, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + path))
                                                 .timeout(Duration.ofSeconds(30)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<InputStream> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            String type = answer.headers().firstValue("Content-Type").orElse(null);
            try (InputStream body = answer.body()) {
                String text = type != null && type.startsWith("text/event-stream") ? ""
                        : new String(body.readAllBytes(), StandardCharsets.UTF_8);
                return new Answer(answer.statusCode(), type, text, answer.headers().map());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One request on a connection of its own, closed after the answer. */
    private Answer overSocket(String method, String path, String authorization, String contentType,
                              Map<String, String> headers, byte[] body) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 5000);
            socket.setSoTimeout(30_000);
            StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: " + host + ":" + port
                    + "\r\nConnection: close\r\n" + (body.length > 0 ? "Content-Length: " + body.length + "\r\n" : ""));
            if (authorization != null) {
                head.append("Authorization: ").append(authorization).append("\r\n");
            }
            if (contentType != null) {
                head.append("Content-Type: ").append(contentType).append("\r\n");
            }
            headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            OutputStream out = socket.getOutputStream();
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
            out.write(body);
            out.flush();
            return parse(socket.getInputStream().readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path, e);
        }
    }

    private static Answer parse(byte[] raw) throws IOException {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new IOException("no complete answer: " + text);
        }
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, java.util.List<String>> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.computeIfAbsent(lines[i].substring(0, colon).trim(), k -> new java.util.ArrayList<>())
                   .add(lines[i].substring(colon + 1).trim());
        }
        byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
        if (headers.getOrDefault("Transfer-Encoding", java.util.List.of()).stream()
                   .anyMatch(v -> v.toLowerCase(Locale.ROOT).contains("chunked"))) {
            body = dechunk(new ByteArrayInputStream(body));
        }
        String type = headers.containsKey("Content-Type") ? headers.get("Content-Type").get(0) : null;
        return new Answer(status, type, new String(body, StandardCharsets.UTF_8), headers);
    }

    private static byte[] dechunk(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            StringBuilder size = new StringBuilder();
            for (int c = in.read(); c != '\n' && c >= 0; c = in.read()) {
                if (c != '\r') {
                    size.append((char) c);
                }
            }
            int length = size.isEmpty() ? 0 : Integer.parseInt(size.toString().split(";")[0].trim(), 16);
            if (length == 0) {
                return out.toByteArray();
            }
            out.write(in.readNBytes(length));
            in.readNBytes(2);
        }
    }
}
