package org.forewarn.adapters.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.forewarn.domain.PhoneNumber;
import org.forewarn.workflows.ports.ControlReceipt;
import org.forewarn.workflows.ports.CounterpartRefused;
import org.forewarn.workflows.ports.CounterpartUnavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Our end of a control API ({@code docs/openapi/carrier-control.yaml}, {@code payment-control.yaml}):
 * one signed {@code POST /v1/orders} per order, and the translation of the answer into a
 * {@link ControlReceipt} or one of the two failures the workers know.
 *
 * <ul>
 *   <li>2xx with {@code status: DONE} and our action: the receipt (the counterpart's order id, the
 *       configured provider name, {@code effectiveAt}). A repeated key answers the first receipt.</li>
 *   <li>408, 409 (the same key is still being worked on), 429, 5xx, a timeout, a lost connection:
 *       {@link CounterpartUnavailable}, with the {@code Retry-After} the counterpart sent.</li>
 *   <li>Any other answer (400, 401, 403, 404, 422, a redirect, a 2xx that is no receipt):
 *       {@link CounterpartRefused}: sending the same order again would meet the same answer.</li>
 * </ul>
 *
 * <p>The number travels only in the request body, over TLS; failure messages and logs name the
 * provider, the action, the idempotency key (the attempt id, which holds no personal data) and
 * the status with its problem title, never the number or the counterpart's free-text detail,
 * which may echo it.
 */
public final class SignedOrders implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SignedOrders.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DIGIT_RUNS = Pattern.compile("\\+?\\d{7,}");
    private static final int MAX_TITLE = 100;

    private final ControlEndpoint endpoint;
    private final URI orders;
    private final RequestSignature signature;
    private final Clock clock;
    private final HttpClient http;

    public SignedOrders(ControlEndpoint endpoint, Clock clock) {
        this.endpoint = endpoint;
        this.orders = endpoint.orders();
        this.signature = new RequestSignature(endpoint.secret());
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                              .connectTimeout(endpoint.connectTimeout())
                              // a redirect would send the number somewhere nobody configured
                              .followRedirects(HttpClient.Redirect.NEVER)
                              // orders are few; HTTP/1.1 spares us the cleartext h2c upgrade dance
                              .version(HttpClient.Version.HTTP_1_1)
                              .build();
    }

    /** Orders {@code action} on the number's line or accounts, once per idempotency key. */
    public ControlReceipt order(String idempotencyKey, String action, PhoneNumber number) {
        if (number.isErased()) {
            throw new CounterpartRefused("no " + action + " order " + idempotencyKey + " for an erased number");
        }
        Instant now = clock.instant();
        byte[] body = body(action, number, now);
        long timestamp = now.getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(orders)
                .timeout(endpoint.timeout())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, application/problem+json")
                .header("Idempotency-Key", idempotencyKey)
                .header("X-Forewarn-Key-Id", endpoint.keyId())
                .header("X-Forewarn-Timestamp", Long.toString(timestamp))
                .header("X-Forewarn-Signature",
                        signature.sign("POST", orders.getRawPath(), timestamp, idempotencyKey, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<String> response = send(request, action, idempotencyKey);
        int status = response.statusCode();
        LOG.debug("{} order {} ({}) answered {}", endpoint.provider(), idempotencyKey, action, status);
        if (status >= 200 && status < 300) {
            return receipt(response, action, idempotencyKey);
        }
        String failure = what(action, idempotencyKey) + " answered " + status + problemTitle(response);
        if (status == 408 || status == 409 || status == 429 || status >= 500) {
            throw new CounterpartUnavailable(failure,
                    RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null), clock.instant())
                              .orElse(null), null);
        }
        throw new CounterpartRefused(failure);
    }

    private static byte[] body(String action, PhoneNumber number, Instant now) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("action", action);
        body.put("msisdn", number.e164());
        body.put("requestedAt", now.truncatedTo(ChronoUnit.MILLIS).toString());
        try {
            return JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException("an order body could not be written", e);
        }
    }

    private HttpResponse<String> send(HttpRequest request, String action, String idempotencyKey) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new CounterpartUnavailable(what(action, idempotencyKey) + " got no answer within "
                    + (e instanceof java.net.http.HttpConnectTimeoutException ? endpoint.connectTimeout()
                    : endpoint.timeout()), e);
        } catch (ConnectException e) {
            throw new CounterpartUnavailable(what(action, idempotencyKey) + " could not connect", e);
        } catch (IOException e) {
            throw new CounterpartUnavailable(what(action, idempotencyKey) + " failed in transit: "
                    + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CounterpartUnavailable(what(action, idempotencyKey) + " was interrupted", e);
        }
    }

    private ControlReceipt receipt(HttpResponse<String> response, String action, String idempotencyKey) {
        JsonNode answer;
        try {
            answer = JSON.readTree(response.body());
        } catch (IOException e) {
            answer = null;
        }
        String refusal = answer == null || !answer.isObject() ? "a body that is not a JSON object"
                : !answer.path("orderId").isTextual() || answer.path("orderId").asText().isBlank() ? "no orderId"
                : !action.equals(answer.path("action").asText()) ? "another action"
                : !"DONE".equals(answer.path("status").asText()) ? "a status other than DONE"
                : null;
        Instant effectiveAt = null;
        if (refusal == null) {
            try {
                effectiveAt = OffsetDateTime.parse(answer.path("effectiveAt").asText()).toInstant();
            } catch (DateTimeParseException e) {
                refusal = "no effectiveAt date-time";
            }
        }
        if (refusal != null) {
            // the counterpart keeps its first answer for the key, so asking again would read the same
            throw new CounterpartRefused(what(action, idempotencyKey) + " answered " + response.statusCode()
                    + " with " + refusal + " instead of a receipt");
        }
        return new ControlReceipt(answer.path("orderId").asText(), endpoint.provider(), effectiveAt);
    }

    private String what(String action, String idempotencyKey) {
        return endpoint.provider() + " " + action + " order " + idempotencyKey;
    }

    /** The problem's title, which RFC 9457 says does not vary by occurrence; never its detail. */
    private static String problemTitle(HttpResponse<String> response) {
        boolean problem = response.headers().firstValue("Content-Type")
                                  .map(t -> t.toLowerCase().startsWith("application/problem+json")).orElse(false);
        if (!problem) {
            return "";
        }
        try {
            String title = JSON.readTree(response.body()).path("title").asText("");
            title = DIGIT_RUNS.matcher(title).replaceAll("[digits]").strip();
            if (title.length() > MAX_TITLE) {
                title = title.substring(0, MAX_TITLE);
            }
            return title.isEmpty() ? "" : " " + title;
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
