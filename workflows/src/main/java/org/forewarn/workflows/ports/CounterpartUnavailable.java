package org.forewarn.workflows.ports;

import java.time.Duration;
import java.util.Optional;

/**
 * A counterpart could not take the request now: it answered 429 or 5xx, timed out, or the
 * connection or bind was lost. The job is tried again after its back-off, or after the time the
 * counterpart asked for ({@code Retry-After}) when that is longer. The message must carry no
 * personal data.
 */
public class CounterpartUnavailable extends RuntimeException {

    private final transient Duration retryAfter;

    public CounterpartUnavailable(String message) {
        this(message, null, null);
    }

    public CounterpartUnavailable(String message, Throwable cause) {
        this(message, null, cause);
    }

    /** @param retryAfter how long the counterpart asked us to wait, or null */
    public CounterpartUnavailable(String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
