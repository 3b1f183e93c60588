package org.forewarn.adapters.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Limits how fast each client may push clues: a token bucket per authenticated client (the user
 * name, or the JWT's subject), refilled at {@code perSecond} up to {@code burst}. A clue over the
 * limit is answered 429 with {@code Retry-After} (whole seconds until a token is back) before
 * its body is read, so it changes nothing. Every request counts, valid or not: the limit
 * protects the intake, not the event store alone. Buckets are kept for the most recently seen
 * {@value #MAX_CLIENTS} clients, so a flood of identities cannot exhaust memory; a client
 * forgotten that way starts again with a full bucket.
 */
public class IntakeRateLimit implements HandlerInterceptor {

    static final int MAX_CLIENTS = 10_000;
    private static final double NANOS_PER_SECOND = 1_000_000_000d;

    private final double perSecond;
    private final double burst;
    private final ObjectMapper json;
    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
            return size() > MAX_CLIENTS;
        }
    };

    public IntakeRateLimit(double perSecond, int burst, ObjectMapper json) {
        this(perSecond, burst, json, System::nanoTime);
    }

    IntakeRateLimit(double perSecond, int burst, ObjectMapper json, LongSupplier nanoTime) {
        if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
            throw new IllegalArgumentException("forewarn.api.intake-rate.per-second must be a positive number");
        }
        if (burst < 1) {
            throw new IllegalArgumentException("forewarn.api.intake-rate.burst must be at least 1");
        }
        this.perSecond = perSecond;
        this.burst = burst;
        this.json = json;
        this.nanoTime = nanoTime;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws IOException {
        Principal client = request.getUserPrincipal();
        if (!"POST".equals(request.getMethod()) || client == null) {
            return true; // the security chain has refused anonymous callers already
        }
        long waitNanos = take(client.getName());
        if (waitNanos == 0) {
            return true;
        }
        long seconds = Math.max(1, (long) Math.ceil(waitNanos / NANOS_PER_SECOND));
        ProblemDetail problem = Problems.of(HttpStatus.TOO_MANY_REQUESTS, "rate-limited",
                "this client sends clues faster than " + rate() + " per second (bursts up to " + (long) burst
                        + "); nothing was taken in: retry after " + seconds + " s");
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        Problems.write(response, json, problem);
        return false;
    }

    /** Takes one token of {@code client}'s bucket: 0 when there was one, else the nanoseconds until there is. */
    long take(String client) {
        Bucket bucket;
        synchronized (buckets) {
            bucket = buckets.computeIfAbsent(client, c -> new Bucket(burst, nanoTime.getAsLong()));
        }
        return bucket.take(nanoTime.getAsLong());
    }

    private String rate() {
        return perSecond == Math.rint(perSecond) ? Long.toString((long) perSecond) : Double.toString(perSecond);
    }

    private final class Bucket {
        private double tokens;
        private long refilledAt;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.refilledAt = now;
        }

        synchronized long take(long now) {
            if (now > refilledAt) {
                tokens = Math.min(burst, tokens + (now - refilledAt) / NANOS_PER_SECOND * perSecond);
                refilledAt = now;
            }
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) / perSecond * NANOS_PER_SECOND));
        }
    }
}
