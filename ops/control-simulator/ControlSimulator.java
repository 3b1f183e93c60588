import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A carrier and a payment side in one process, answering as docs/openapi/carrier-control.yaml
 * and docs/openapi/payment-control.yaml say, for tests and demos. It keeps the state of every
 * line and account it was ordered to change and the first answer to every idempotency key, and
 * checks each request's key id, timestamp and HMAC signature as a real counterpart must.
 *
 * <p>The carrier API is served under {@code /carrier}, the payment API under {@code /payment}
 * (so the client's base URLs are {@code http://127.0.0.1:PORT/carrier} and {@code .../payment}).
 * A control surface for tests and demos, unsigned and on loopback only, sits under
 * {@code /_sim}: {@code GET /_sim/state}, {@code POST /_sim/faults}, {@code DELETE /_sim/faults}.
 *
 * <p>Run with any JDK 17+, no build: {@code java ops/control-simulator/ControlSimulator.java
 * --port 0 --secret-env FOREWARN_CONTROL_SECRET}. The secret is read from the environment
 * variable named, never from the command line, which other users of the machine can read.
 * It prints {@code listening on 127.0.0.1:PORT} once it serves. See README.md beside it.
 */
public final class ControlSimulator {

    static final String SCHEME = "FOREWARN-HMAC-SHA256";
    static final int MAX_BODY = 16 * 1024;
    static final Pattern ORDER_PATH = Pattern.compile("^/(carrier|payment)/v1/orders(?:/([^/]*))?$");
    static final Pattern IDEMPOTENCY_KEY = Pattern.compile("^[\\x21-\\x7E]{1,200}$");
    static final Pattern MSISDN = Pattern.compile("^\\+[1-9][0-9]{6,14}$");
    static final Pattern UNIX_SECONDS = Pattern.compile("^[0-9]{1,12}$");
    static final Map<String, Set<String>> ACTIONS = Map.of(
            "carrier", Set.of("CANCEL_FORWARDING", "SUSPEND_SERVICE", "RESTORE_SERVICE", "CUT_DATA", "RESTORE_DATA"),
            "payment", Set.of("RESTRICT_TRANSFERS", "LIFT_TRANSFER_RESTRICTION"));
    static final String PROBLEM_BASE = "https://forewarn.org/problems/control/";

    private final String keyId;
    private final byte[] secret;
    private final long maxSkewSeconds;

    // guarded by this
    private final Map<String, Order> ordersByKey = new LinkedHashMap<>();
    private final Map<String, Order> ordersById = new LinkedHashMap<>();
    private final Map<String, Map<String, Boolean>> lines = new TreeMap<>();
    private final Map<String, Map<String, Boolean>> accounts = new TreeMap<>();
    private final Deque<Fault> faults = new ArrayDeque<>();
    private final Map<String, Integer> refusals = new TreeMap<>();

    ControlSimulator(String keyId, byte[] secret, long maxSkewSeconds) {
        this.keyId = keyId;
        this.secret = secret;
        this.maxSkewSeconds = maxSkewSeconds;
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> options = options(args);
        String secretEnv = options.get("--secret-env");
        if (secretEnv == null) {
            fail("--secret-env NAME is required: the name of the environment variable holding the shared secret");
        }
        String secretText = System.getenv(secretEnv);
        if (secretText == null || secretText.isBlank()) {
            fail("the environment variable " + secretEnv + " is not set or blank");
        }
        int port = Integer.parseInt(options.getOrDefault("--port", "0"));
        long maxSkew = Long.parseLong(options.getOrDefault("--max-skew-seconds", "300"));
        ControlSimulator simulator = new ControlSimulator(options.getOrDefault("--key-id", "forewarn-1"),
                secretText.getBytes(StandardCharsets.UTF_8), maxSkew);

        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        // one thread per request: a request held back by a delay fault must not hold up the others
        ExecutorService threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "control-simulator");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        server.createContext("/", simulator::handle);
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0)));
        System.out.println("listening on 127.0.0.1:" + server.getAddress().getPort());
        System.out.flush();
    }

    private static Map<String, String> options(String[] args) {
        Set<String> known = Set.of("--port", "--secret-env", "--key-id", "--max-skew-seconds");
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!known.contains(args[i]) || i + 1 >= args.length) {
                fail("usage: java ControlSimulator.java --secret-env NAME [--port 0] [--key-id forewarn-1]"
                        + " [--max-skew-seconds 300]");
            }
            options.put(args[i], args[i + 1]);
        }
        return options;
    }

    private static void fail(String message) {
        System.err.println("control-simulator: " + message);
        System.exit(2);
    }

    // ---- HTTP ----

    void handle(HttpExchange exchange) {
        try {
            byte[] body = exchange.getRequestBody().readNBytes(MAX_BODY + 1);
            String path = exchange.getRequestURI().getRawPath();
            Answer answer;
            if (body.length > MAX_BODY) {
                answer = problem(413, "too-large", "Content Too Large", "the body is larger than " + MAX_BODY + " bytes");
            } else if (path.startsWith("/_sim/")) {
                answer = control(exchange.getRequestMethod(), path, body);
            } else {
                Matcher matched = ORDER_PATH.matcher(path);
                answer = matched.matches()
                        ? order(matched.group(1), matched.group(2), exchange.getRequestMethod(), path,
                                exchange.getRequestHeaders(), body)
                        : problem(404, "not-found", "Not Found", "no resource at this path");
            }
            send(exchange, answer);
        } catch (IOException clientWentAway) {
            // e.g. the client's timeout expired during a delay fault; the order stands all the same
        } catch (RuntimeException e) {
            e.printStackTrace();
            try {
                send(exchange, problem(500, "internal", "Internal Server Error", "the simulator failed"));
            } catch (IOException ignored) {
                // nothing more to tell
            }
        } finally {
            exchange.close();
        }
    }

    private static void send(HttpExchange exchange, Answer answer) throws IOException {
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", answer.contentType());
        answer.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    // ---- the carrier and payment APIs ----

    Answer order(String side, String orderId, String method, String path, Headers headers, byte[] body) {
        Fault fault = takeFault(side);
        if (fault != null) {
            if (fault.delayMillis() > 0) {
                pause(fault.delayMillis());
            }
            if (fault.status() > 0) {
                Answer injected = problem(fault.status(), "simulated-fault", fault.title(), "a fault asked of the simulator");
                if (fault.retryAfter() != null) {
                    injected.headers().put("Retry-After", fault.retryAfter());
                }
                return refused(injected);
            }
        }
        String unauthenticated = verify(method, path, headers, body);
        if (unauthenticated != null) {
            return refused(problem(401, "unauthenticated", "Unauthorized", unauthenticated));
        }
        if (orderId != null) {
            if (!method.equals("GET")) {
                return refused(notAllowed("GET"));
            }
            return lookUp(side, orderId);
        }
        if (!method.equals("POST")) {
            return refused(notAllowed("POST"));
        }
        String contentType = headers.getFirst("Content-Type");
        if (contentType == null || !contentType.toLowerCase().startsWith("application/json")) {
            return refused(problem(415, "unsupported-media-type", "Unsupported Media Type",
                    "the body must be application/json"));
        }
        String key = headers.getFirst("Idempotency-Key");
        if (key == null || !IDEMPOTENCY_KEY.matcher(key).matches()) {
            return refused(invalid("Idempotency-Key: required, 1 to 200 visible ASCII characters"));
        }
        Map<String, Object> request;
        try {
            request = Json.parseObject(new String(body, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return refused(invalid("the body is not a JSON object: " + e.getMessage()));
        }
        List<String> errors = new ArrayList<>();
        Object action = request.get("action");
        if (!(action instanceof String a) || !ACTIONS.get(side).contains(a)) {
            errors.add("action: must be one of " + new java.util.TreeSet<>(ACTIONS.get(side)));
        }
        Object msisdn = request.get("msisdn");
        if (!(msisdn instanceof String m) || !MSISDN.matcher(m).matches()) {
            errors.add("msisdn: must be an E.164 number"); // never echo the value
        }
        Object requestedAt = request.get("requestedAt");
        if (!(requestedAt instanceof String r) || !isDateTime(r)) {
            errors.add("requestedAt: must be an RFC 3339 date-time with offset");
        }
        if (!errors.isEmpty()) {
            return refused(invalid(String.join("; ", errors)));
        }
        return place(side, headers.getFirst("X-Forewarn-Key-Id"), key, (String) action, (String) msisdn);
    }

    private synchronized Answer place(String side, String client, String key, String action, String msisdn) {
        String scopedKey = side + "\n" + client + "\n" + key;
        String fingerprint = action + "\n" + msisdn;
        Order existing = ordersByKey.get(scopedKey);
        if (existing != null) {
            if (!existing.fingerprint.equals(fingerprint)) {
                return refused(problem(422, "idempotency-key-reused", "Unprocessable Content",
                        "this Idempotency-Key was used for a different order"));
            }
            existing.replays++;
            Answer replay = existing.answer();
            replay.headers().put("Idempotent-Replayed", "true");
            return replay;
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Order order = new Order((side.equals("carrier") ? "CO-" : "PO-") + UUID.randomUUID(), side, action, msisdn,
                key, fingerprint, now);
        apply(side, action, msisdn);
        ordersByKey.put(scopedKey, order);
        ordersById.put(side + "\n" + order.orderId, order);
        return order.answer();
    }

    private void apply(String side, String action, String msisdn) {
        if (side.equals("payment")) {
            Map<String, Boolean> account = accounts.computeIfAbsent(msisdn, n -> new TreeMap<>(Map.of(
                    "transfersRestricted", false)));
            account.put("transfersRestricted", action.equals("RESTRICT_TRANSFERS"));
            return;
        }
        Map<String, Boolean> line = lines.computeIfAbsent(msisdn, n -> new TreeMap<>(Map.of(
                "forwardingCancelled", false, "serviceSuspended", false, "dataCut", false)));
        switch (action) {
            case "CANCEL_FORWARDING" -> line.put("forwardingCancelled", true);
            case "SUSPEND_SERVICE" -> line.put("serviceSuspended", true);
            case "RESTORE_SERVICE" -> line.put("serviceSuspended", false);
            case "CUT_DATA" -> line.put("dataCut", true);
            case "RESTORE_DATA" -> line.put("dataCut", false);
            default -> throw new IllegalStateException("unknown action " + action);
        }
    }

    private synchronized Answer lookUp(String side, String orderId) {
        Order order = ordersById.get(side + "\n" + orderId);
        return order == null
                ? refused(problem(404, "order-not-found", "Not Found", "no order with this id"))
                : new Answer(200, "application/json", order.json(), new LinkedHashMap<>());
    }

    /** Why the request is not authentic, or null when it is. */
    String verify(String method, String path, Headers headers, byte[] body) {
        String presentedKeyId = headers.getFirst("X-Forewarn-Key-Id");
        if (presentedKeyId == null || !presentedKeyId.equals(keyId)) {
            return "X-Forewarn-Key-Id is missing or names no key of this client";
        }
        String timestamp = headers.getFirst("X-Forewarn-Timestamp");
        if (timestamp == null || !UNIX_SECONDS.matcher(timestamp).matches()) {
            return "X-Forewarn-Timestamp is missing or not Unix seconds";
        }
        long skew = Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp));
        if (skew > maxSkewSeconds) {
            return "X-Forewarn-Timestamp is more than " + maxSkewSeconds + " s away from the server's clock";
        }
        byte[] presented;
        try {
            String signature = headers.getFirst("X-Forewarn-Signature");
            presented = signature == null ? null : Base64.getDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            presented = null;
        }
        if (presented == null) {
            return "X-Forewarn-Signature is missing or not base64";
        }
        String key = headers.getFirst("Idempotency-Key");
        String canonical = String.join("\n", SCHEME, method, path, timestamp, key == null ? "" : key,
                HexFormat.of().formatHex(sha256(body)));
        if (!MessageDigest.isEqual(hmac(canonical), presented)) {
            return "X-Forewarn-Signature does not match the request";
        }
        return null;
    }

    private byte[] hmac(String canonical) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sha256(byte[] body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isDateTime(String text) {
        try {
            OffsetDateTime.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private synchronized Answer refused(Answer answer) {
        refusals.merge(Integer.toString(answer.status()), 1, Integer::sum);
        return answer;
    }

    // ---- the control surface for tests and demos ----

    Answer control(String method, String path, byte[] body) {
        if (path.equals("/_sim/state") && method.equals("GET")) {
            return new Answer(200, "application/json", state(), new LinkedHashMap<>());
        }
        if (path.equals("/_sim/faults") && method.equals("POST")) {
            Map<String, Object> request;
            try {
                request = Json.parseObject(new String(body, StandardCharsets.UTF_8));
                return addFaults(request);
            } catch (IllegalArgumentException e) {
                return invalid(e.getMessage());
            }
        }
        if (path.equals("/_sim/faults") && method.equals("DELETE")) {
            synchronized (this) {
                faults.clear();
            }
            return new Answer(204, "application/json", "", new LinkedHashMap<>());
        }
        return problem(404, "not-found", "Not Found", "the control surface has GET /_sim/state and POST or DELETE /_sim/faults");
    }

    /**
     * {@code {count?: 1, side?: "carrier"|"payment", status?: 400..599, retryAfter?: "7", delayMillis?: 0}}:
     * the next {@code count} order requests (of that side, or of either) wait {@code delayMillis},
     * then answer {@code status} without acting, or act as usual when there is no status.
     */
    private Answer addFaults(Map<String, Object> request) {
        int count = intField(request, "count", 1);
        int status = intField(request, "status", 0);
        int delay = intField(request, "delayMillis", 0);
        Object side = request.get("side");
        Object retryAfter = request.get("retryAfter");
        if (count < 1 || count > 1000 || delay < 0 || delay > 600_000 || (status != 0 && (status < 400 || status > 599))
                || (status == 0 && delay == 0) || (side != null && !ACTIONS.containsKey(side))
                || (retryAfter != null && !(retryAfter instanceof String))) {
            throw new IllegalArgumentException("a fault is {count: 1..1000, side?: carrier|payment, status?: 400..599,"
                    + " retryAfter?: text, delayMillis?: 0..600000} with a status or a delay");
        }
        synchronized (this) {
            for (int i = 0; i < count; i++) {
                faults.add(new Fault((String) side, status, (String) retryAfter, delay));
            }
            return new Answer(202, "application/json", "{\"pending\":" + faults.size() + "}", new LinkedHashMap<>());
        }
    }

    private synchronized Fault takeFault(String side) {
        for (Iterator<Fault> it = faults.iterator(); it.hasNext(); ) {
            Fault fault = it.next();
            if (fault.side() == null || fault.side().equals(side)) {
                it.remove();
                return fault;
            }
        }
        return null;
    }

    private synchronized String state() {
        StringBuilder json = new StringBuilder("{\"orders\":[");
        String separator = "";
        for (Order order : ordersByKey.values()) {
            json.append(separator).append(order.stateJson());
            separator = ",";
        }
        json.append("],\"lines\":").append(Json.write(lines))
            .append(",\"accounts\":").append(Json.write(accounts))
            .append(",\"refusals\":").append(Json.write(refusals))
            .append(",\"pendingFaults\":").append(faults.size()).append('}');
        return json.toString();
    }

    private static int intField(Map<String, Object> request, String name, int absent) {
        Object value = request.get(name);
        if (value == null) {
            return absent;
        }
        if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < Integer.MAX_VALUE) {
            return d.intValue();
        }
        throw new IllegalArgumentException(name + " must be a whole number");
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- answers ----

    record Answer(int status, String contentType, String body, Map<String, String> headers) {
    }

    record Fault(String side, int status, String retryAfter, long delayMillis) {
        String title() {
            return switch (status) {
                case 400 -> "Bad Request";
                case 403 -> "Forbidden";
                case 404 -> "Not Found";
                case 408 -> "Request Timeout";
                case 409 -> "Conflict";
                case 422 -> "Unprocessable Content";
                case 429 -> "Too Many Requests";
                case 500 -> "Internal Server Error";
                case 502 -> "Bad Gateway";
                case 503 -> "Service Unavailable";
                case 504 -> "Gateway Timeout";
                default -> "Error " + status;
            };
        }
    }

    static final class Order {
        final String orderId;
        final String side;
        final String action;
        final String msisdn;
        final String idempotencyKey;
        final String fingerprint;
        final Instant effectiveAt;
        int replays;

        Order(String orderId, String side, String action, String msisdn, String idempotencyKey, String fingerprint,
              Instant effectiveAt) {
            this.orderId = orderId;
            this.side = side;
            this.action = action;
            this.msisdn = msisdn;
            this.idempotencyKey = idempotencyKey;
            this.fingerprint = fingerprint;
            this.effectiveAt = effectiveAt;
        }

        /** The first answer, given again to every repetition of the key. */
        Answer answer() {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Location", "/" + side + "/v1/orders/" + orderId);
            return new Answer(201, "application/json", json(), headers);
        }

        String json() {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("orderId", orderId);
            fields.put("action", action);
            fields.put("status", "DONE");
            fields.put("effectiveAt", effectiveAt.toString());
            return Json.write(fields);
        }

        String stateJson() {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("orderId", orderId);
            fields.put("side", side);
            fields.put("action", action);
            fields.put("msisdn", msisdn);
            fields.put("idempotencyKey", idempotencyKey);
            fields.put("effectiveAt", effectiveAt.toString());
            fields.put("replays", replays);
            return Json.write(fields);
        }
    }

    static Answer problem(int status, String slug, String title, String detail) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("type", PROBLEM_BASE + slug);
        fields.put("title", title);
        fields.put("status", status);
        fields.put("detail", detail);
        return new Answer(status, "application/problem+json", Json.write(fields), new LinkedHashMap<>());
    }

    static Answer invalid(String detail) {
        return problem(400, "invalid-request", "Bad Request", detail);
    }

    static Answer notAllowed(String allowed) {
        Answer answer = problem(405, "method-not-allowed", "Method Not Allowed", "this resource allows " + allowed);
        answer.headers().put("Allow", allowed);
        return answer;
    }

    /** Just enough JSON for flat request bodies and the state document; numbers read as Double. */
    static final class Json {

        private final String text;
        private int at;

        private Json(String text) {
            this.text = text;
        }

        static Map<String, Object> parseObject(String text) {
            Json json = new Json(text);
            json.skipSpace();
            if (json.at >= text.length() || text.charAt(json.at) != '{') {
                throw new IllegalArgumentException("expected an object");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> object = (Map<String, Object>) json.value();
            json.skipSpace();
            if (json.at != text.length()) {
                throw new IllegalArgumentException("text after the object at " + json.at);
            }
            return object;
        }

        private Object value() {
            skipSpace();
            if (at >= text.length()) {
                throw new IllegalArgumentException("unexpected end");
            }
            char c = text.charAt(at);
            if (c == '{') {
                at++;
                Map<String, Object> object = new LinkedHashMap<>();
                skipSpace();
                if (peek('}')) {
                    return object;
                }
                do {
                    skipSpace();
                    String name = string();
                    skipSpace();
                    expect(':');
                    if (object.put(name, value()) != null) {
                        throw new IllegalArgumentException("duplicate member " + name);
                    }
                    skipSpace();
                } while (peek(','));
                expect('}');
                return object;
            }
            if (c == '[') {
                at++;
                List<Object> array = new ArrayList<>();
                skipSpace();
                if (peek(']')) {
                    return array;
                }
                do {
                    array.add(value());
                    skipSpace();
                } while (peek(','));
                expect(']');
                return array;
            }
            if (c == '"') {
                return string();
            }
            for (String literal : List.of("true", "false", "null")) {
                if (text.startsWith(literal, at)) {
                    at += literal.length();
                    return literal.equals("null") ? null : Boolean.valueOf(literal);
                }
            }
            int start = at;
            while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
                at++;
            }
            try {
                return Double.valueOf(text.substring(start, at));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("unexpected character at " + start);
            }
        }

        private String string() {
            expect('"');
            StringBuilder s = new StringBuilder();
            while (at < text.length()) {
                char c = text.charAt(at++);
                if (c == '"') {
                    return s.toString();
                }
                if (c == '\\') {
                    if (at >= text.length()) {
                        break;
                    }
                    char e = text.charAt(at++);
                    switch (e) {
                        case '"', '\\', '/' -> s.append(e);
                        case 'b' -> s.append('\b');
                        case 'f' -> s.append('\f');
                        case 'n' -> s.append('\n');
                        case 'r' -> s.append('\r');
                        case 't' -> s.append('\t');
                        case 'u' -> {
                            if (at + 4 > text.length()) {
                                throw new IllegalArgumentException("bad escape");
                            }
                            s.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                            at += 4;
                        }
                        default -> throw new IllegalArgumentException("bad escape");
                    }
                } else if (c < 0x20) {
                    throw new IllegalArgumentException("control character in a string");
                } else {
                    s.append(c);
                }
            }
            throw new IllegalArgumentException("unterminated string");
        }

        private void skipSpace() {
            while (at < text.length() && " \t\r\n".indexOf(text.charAt(at)) >= 0) {
                at++;
            }
        }

        private boolean peek(char c) {
            if (at < text.length() && text.charAt(at) == c) {
                at++;
                return true;
            }
            return false;
        }

        private void expect(char c) {
            if (!peek(c)) {
                throw new IllegalArgumentException("expected '" + c + "' at " + at);
            }
        }

        static String write(Object value) {
            if (value == null) {
                return "null";
            }
            if (value instanceof String s) {
                StringBuilder out = new StringBuilder("\"");
                for (char c : s.toCharArray()) {
                    switch (c) {
                        case '"' -> out.append("\\\"");
                        case '\\' -> out.append("\\\\");
                        case '\n' -> out.append("\\n");
                        case '\r' -> out.append("\\r");
                        case '\t' -> out.append("\\t");
                        default -> {
                            if (c < 0x20) {
                                out.append(String.format("\\u%04x", (int) c));
                            } else {
                                out.append(c);
                            }
                        }
                    }
                }
                return out.append('"').toString();
            }
            if (value instanceof Map<?, ?> map) {
                StringBuilder out = new StringBuilder("{");
                String separator = "";
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    out.append(separator).append(write(e.getKey().toString())).append(':').append(write(e.getValue()));
                    separator = ",";
                }
                return out.append('}').toString();
            }
            return value.toString();
        }
    }
}
