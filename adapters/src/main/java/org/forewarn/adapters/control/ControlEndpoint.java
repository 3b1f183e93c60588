package org.forewarn.adapters.control;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * Where a carrier's or payment side's control API is and how we sign for it, checked once at
 * start so a misconfigured deployment fails before its first order. Orders carry the person's
 * number, so the API is reached over HTTPS; plain HTTP is accepted only to a loopback address
 * (the simulator, a local TLS-terminating sidecar). The secret is never shown by
 * {@link #toString()}.
 *
 * @param baseUrl        the API's base, without {@code /v1}: e.g. {@code https://control.carrier.example/forewarn}
 * @param keyId          which of our keys the counterpart should verify with ({@code X-Forewarn-Key-Id})
 * @param secret         the shared HMAC-SHA256 secret, used as its UTF-8 bytes; at least 32 of them
 * @param connectTimeout how long to wait for a connection
 * @param timeout        how long to wait for the answer once the request is sent
 * @param provider       the counterpart's name as receipts and case histories show it
 */
public record ControlEndpoint(URI baseUrl, String keyId, String secret, Duration connectTimeout, Duration timeout,
                              String provider) {

    static final int MIN_SECRET_BYTES = 32;

    public ControlEndpoint {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(timeout, "timeout");
        String scheme = baseUrl.getScheme() == null ? "" : baseUrl.getScheme().toLowerCase();
        if (!baseUrl.isAbsolute() || baseUrl.getHost() == null
                || !(scheme.equals("https") || (scheme.equals("http") && isLoopback(baseUrl.getHost())))) {
            throw new IllegalArgumentException("the base URL must be https:// (plain http:// only to a loopback "
                    + "address), not " + baseUrl);
        }
        if (baseUrl.getRawQuery() != null || baseUrl.getRawFragment() != null) {
            throw new IllegalArgumentException("the base URL must have no query or fragment: " + baseUrl);
        }
        if (keyId == null || keyId.isBlank() || keyId.length() > 100) {
            throw new IllegalArgumentException("the key id must be 1 to 100 characters");
        }
        if (secret == null || secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the secret must be at least " + MIN_SECRET_BYTES + " bytes");
        }
        if (!isPositive(connectTimeout) || !isPositive(timeout)) {
            throw new IllegalArgumentException("the timeouts must be positive");
        }
        if (provider == null || provider.isBlank()) {
            throw new IllegalArgumentException("the provider name is required");
        }
    }

    /** The URI of the orders collection: the base URL's path, then {@code /v1/orders}. */
    URI orders() {
        String base = baseUrl.toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/v1/orders");
    }

    private static boolean isPositive(Duration d) {
        return !d.isNegative() && !d.isZero();
    }

    private static boolean isLoopback(String host) {
        return host.equals("localhost") || host.equals("[::1]") || host.equals("::1") || host.startsWith("127.");
    }

    @Override
    public String toString() {
        return "ControlEndpoint[baseUrl=" + baseUrl + ", keyId=" + keyId + ", secret=(hidden), connectTimeout="
                + connectTimeout + ", timeout=" + timeout + ", provider=" + provider + "]";
    }
}
