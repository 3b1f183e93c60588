package org.forewarn.adapters.twilio;

import com.twilio.http.HttpClient;
import com.twilio.http.HttpMethod;
import com.twilio.http.HttpUtility;
import com.twilio.http.Request;
import com.twilio.http.Response;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.message.BasicHeader;
import org.forewarn.workflows.ports.CounterpartUnavailable;

/**
 * Our end of the wire for the Twilio SDK: its pluggable {@link HttpClient}, on the JDK's HTTP
 * client. The SDK builds and signs each request and reads each answer; this class carries them,
 * with three rules of ours:
 * <ul>
 *   <li>one try per call: the SDK's own retry would send a message again at once, behind the
 *       job's back-off and its retry budget, which decide when to try again;</li>
 *   <li>an answer that says "not now" (429, 5xx) and a lost or timed-out connection become
 *       {@link CounterpartUnavailable}, with Twilio's {@code Retry-After} when it sent one;</li>
 *   <li>the requests go to {@link TwilioSettings#apiBaseUrl()} when one is set (a contract mock),
 *       keeping the SDK's path and query.</li>
 * </ul>
 */
final class TwilioHttp extends HttpClient {

    private final java.net.http.HttpClient http;
    private final URI apiBaseUrl;
    private final Duration timeout;

    TwilioHttp(URI apiBaseUrl, Duration timeout) {
        this.apiBaseUrl = apiBaseUrl;
        this.timeout = timeout;
        this.http = java.net.http.HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(java.net.http.HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public Response reliableRequest(Request request) {
        return makeRequest(request);
    }

    @Override
    public Response reliableRequest(Request request, int[] retryCodes, int retries, long delayMillis) {
        return makeRequest(request);
    }

    @Override
    public Response makeRequest(Request request) {
        URI target = target(request.constructURL());
        HttpRequest.Builder builder = HttpRequest.newBuilder(target).timeout(timeout);
        if (request.requiresAuthentication()) {
            builder.header("Authorization", request.getAuthString());
        }
        for (Map.Entry<String, List<String>> header : request.getHeaderParams().entrySet()) {
            for (String value : header.getValue()) {
                builder.header(header.getKey(), value);
            }
        }
        builder.header("User-Agent", HttpUtility.getUserAgentString(request.getUserAgentExtensions(), true));
        builder.header("Accept", "application/json");
        if (request.getMethod() == HttpMethod.GET) {
            builder.GET();
        } else {
            builder.header("Content-Type", "application/x-www-form-urlencoded");
            builder.method(request.getMethod().toString().toUpperCase(java.util.Locale.ROOT),
                    HttpRequest.BodyPublishers.ofString(request.encodeFormBody()));
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new CounterpartUnavailable("Twilio did not answer within " + timeout, e);
        } catch (IOException e) {
            throw new CounterpartUnavailable("Twilio could not be reached: " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CounterpartUnavailable("interrupted while waiting for Twilio", e);
        }
        int status = response.statusCode();
        if (status == 429 || status >= 500) {
            Duration retryAfter = response.headers().firstValue("Retry-After").map(TwilioHttp::retryAfter)
                                          .orElse(null);
            throw new CounterpartUnavailable("Twilio answered HTTP " + status, retryAfter, null);
        }
        Header[] headers = response.headers().map().entrySet().stream()
                .flatMap(e -> e.getValue().stream().map(v -> (Header) new BasicHeader(e.getKey(), v)))
                .toArray(Header[]::new);
        return new Response(new String(response.body(), java.nio.charset.StandardCharsets.UTF_8), status, headers);
    }

    /** The SDK's URL, moved onto the configured API base when there is one. */
    private URI target(URL sdkUrl) {
        try {
            URI uri = sdkUrl.toURI();
            if (apiBaseUrl == null) {
                return uri;
            }
            String base = apiBaseUrl.toString();
            if (base.endsWith("/")) {
                base = base.substring(0, base.length() - 1);
            }
            return URI.create(base + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException("the Twilio SDK built a URL that is no URI", e);
        }
    }

    /** {@code Retry-After} in seconds or as an HTTP date; null when it is neither. */
    static Duration retryAfter(String value) {
        String trimmed = value.trim();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(trimmed)));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration wait = Duration.between(Instant.now(), at);
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }
}
