package org.forewarn.adapters.twilio;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;

/**
 * A loopback HTTP proxy in front of a peer (Prism serving Twilio's contract) that passes every
 * request on and keeps what reached the peer, or, for the next requests, answers a fault
 * instead: a status with a body and {@code Retry-After}, or silence for longer than the
 * client's timeout before passing the request on (as a slow network would: the peer still gets
 * it). A fault may be kept for the requests to one recipient (the form's {@code To}), so that
 * tests sharing the proxy do not take each other's faults.
 *
 * <p>Prism answers each request with Twilio's example, whose {@code sid} is always the same;
 * Twilio gives every new message or call a sid of its own, and our ledger relies on that. So a
 * {@code 201} answer gets a fresh sid of the same kind (prefix and 32 hex digits), and nothing
 * else of the answer is changed.
 */
public final class FaultyProxy implements AutoCloseable {

    /** A request that reached the peer: method, path and form parameters. */
    public record Forwarded(String method, String path, Map<String, String> form, String status) {
    }

    private record Fault(String to, int status, String body, String retryAfter, Duration delay) {

        boolean appliesTo(Map<String, String> form) {
            return to == null || to.equals(form.get("To"));
        }
    }

    private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "host", "keep-alive",
            "transfer-encoding", "upgrade", "expect");

    private final HttpServer server;
    private final URI peer;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final ConcurrentLinkedQueue<Fault> faults = new ConcurrentLinkedQueue<>();
    public final List<Forwarded> forwarded = new java.util.concurrent.CopyOnWriteArrayList<>();

    public FaultyProxy(URI peer) throws IOException {
        this.peer = peer;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "faulty-proxy");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The next request is answered {@code status} with {@code body} (JSON) and this Retry-After, or none. */
    public void answerNext(int status, String body, String retryAfter) {
        faults.add(new Fault(null, status, body, retryAfter, Duration.ZERO));
    }

    /** As {@link #answerNext}, but only for a request to {@code to} (E.164). */
    public void answerNextTo(String to, int status, String body, String retryAfter) {
        faults.add(new Fault(to, status, body, retryAfter, Duration.ZERO));
    }

    /** How many faults have not been met by a request yet. */
    public int pendingFaults() {
        return faults.size();
    }

    /** The next request waits this long before it reaches the peer, which then acts on it. */
    public void delayNext(Duration delay) {
        faults.add(new Fault(null, 0, null, null, delay));
    }

    private synchronized Fault takeFault(Map<String, String> form) {
        for (java.util.Iterator<Fault> it = faults.iterator(); it.hasNext(); ) {
            Fault fault = it.next();
            if (fault.appliesTo(form)) {
                it.remove();
                return fault;
            }
        }
        return null;
    }

    public List<Forwarded> forwardedTo(String pathSuffix) {
        return forwarded.stream().filter(f -> f.path().endsWith(pathSuffix)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Fault fault = takeFault(form(new String(body, StandardCharsets.UTF_8)));
            if (fault != null && fault.status() > 0) {
                if (fault.retryAfter() != null) {
                    exchange.getResponseHeaders().add("Retry-After", fault.retryAfter());
                }
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                byte[] answer = fault.body().getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(fault.status(), answer.length);
                exchange.getResponseBody().write(answer);
                return;
            }
            if (fault != null) {
                try {
                    Thread.sleep(fault.delay().toMillis()); // a slow network, on purpose
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(peer.resolve(exchange.getRequestURI().toString()))
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                    values.forEach(v -> request.header(name, v));
                }
            });
            HttpResponse<byte[]> response;
            try {
                response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            forwarded.add(new Forwarded(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    form(new String(body, StandardCharsets.UTF_8)), Integer.toString(response.statusCode())));
            byte[] answer = response.statusCode() == 201 ? freshSid(response.body()) : response.body();
            response.headers().map().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                    values.forEach(v -> exchange.getResponseHeaders().add(name, v));
                }
            });
            exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
            OutputStream out = exchange.getResponseBody();
            out.write(answer);
        }
    }

    private static final java.util.regex.Pattern SID =
            java.util.regex.Pattern.compile("\"sid\"\\s*:\\s*\"([A-Z]{2})[0-9a-fA-F]{32}\"");

    private static byte[] freshSid(byte[] body) {
        String json = new String(body, StandardCharsets.UTF_8);
        java.util.regex.Matcher sid = SID.matcher(json);
        if (!sid.find()) {
            return body;
        }
        String fresh = sid.group(1) + java.util.UUID.randomUUID().toString().replace("-", "");
        return (json.substring(0, sid.start()) + "\"sid\":\"" + fresh + "\"" + json.substring(sid.end()))
                .getBytes(StandardCharsets.UTF_8);
    }

    static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        if (body.isEmpty()) {
            return form;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            form.merge(name, value, (a, b) -> a + "," + b);
        }
        return form;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
