package org.forewarn.workflows;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.forewarn.workflows.ports.CounterpartRefused;

/**
 * A stand-in for the edge of a port: acts on nothing, keeps one entry and one receipt per
 * idempotency key, as every real counterpart must, and fails on demand.
 */
public final class RecordingPort {

    public final Map<String, Object> sent = new ConcurrentHashMap<>();
    private final Map<String, Object> receipts = new ConcurrentHashMap<>();
    public final AtomicInteger attempts = new AtomicInteger();
    public final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile boolean refusing;
    private volatile Error error;

    /** Records {@code what} under {@code key} and answers the key's receipt, made once. */
    @SuppressWarnings("unchecked")
    public <R> R accept(String key, Object what, Supplier<R> receipt) {
        attempts.incrementAndGet();
        if (error != null) {
            throw error;
        }
        if (refusing) {
            throw new CounterpartRefused("HTTP 400: the destination is not a mobile number");
        }
        if (failuresLeft.getAndDecrement() > 0) {
            throw new IllegalStateException("gateway down");
        }
        sent.putIfAbsent(key, what);
        return (R) receipts.computeIfAbsent(key, k -> receipt.get());
    }

    public void failAlways() {
        failuresLeft.set(Integer.MAX_VALUE);
    }

    /** From now on every request throws {@code error}, as a defect or a broken library would. */
    public void throwAlways(Error error) {
        this.error = error;
    }

    /** From now on the counterpart refuses every request for good, as on a 4xx. */
    public void refuseAlways() {
        refusing = true;
    }
}
