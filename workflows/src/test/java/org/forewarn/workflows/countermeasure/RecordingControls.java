package org.forewarn.workflows.countermeasure;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.forewarn.domain.PhoneNumber;
import org.forewarn.workflows.RecordingPort;
import org.forewarn.workflows.ports.CarrierControl;
import org.forewarn.workflows.ports.ControlReceipt;
import org.forewarn.workflows.ports.PaymentControl;

/** The carrier and the payment side as one recording stand-in: each key keeps its action and first receipt. */
final class RecordingControls implements CarrierControl, PaymentControl {

    final RecordingPort port = new RecordingPort();
    private final AtomicInteger references = new AtomicInteger();

    /** An order as the stand-in saw it. */
    record Order(String action, PhoneNumber number) {
    }

    Object actionOf(String key) {
        return ((Order) port.sent.get(key)).action();
    }

    private ControlReceipt order(String key, String action, PhoneNumber number) {
        return port.accept(key, new Order(action, number),
                () -> new ControlReceipt("ref-" + references.incrementAndGet(), "recording", Instant.now()));
    }

    @Override
    public ControlReceipt cancelForwarding(String idempotencyKey, PhoneNumber number) {
        return order(idempotencyKey, "CANCEL_FORWARDING", number);
    }

    @Override
    public ControlReceipt suspendService(String idempotencyKey, PhoneNumber number) {
        return order(idempotencyKey, "SUSPEND_SERVICE", number);
    }

    @Override
    public ControlReceipt restoreService(String idempotencyKey, PhoneNumber number) {
        return order(idempotencyKey, "RESTORE_SERVICE", number);
    }

    @Override
    public ControlReceipt cutData(String idempotencyKey, PhoneNumber number) {
        return order(idempotencyKey, "CUT_DATA", number);
    }

    @Override
    public ControlReceipt restoreData(String idempotencyKey, PhoneNumber number) {
        return order(idempotencyKey, "RESTORE_DATA", number);
    }

    @Override
    public ControlReceipt restrictTransfers(String idempotencyKey, PhoneNumber number) {
        return order(idempotencyKey, "RESTRICT_TRANSFERS", number);
    }

    @Override
    public ControlReceipt liftTransferRestriction(String idempotencyKey, PhoneNumber number) {
        return order(idempotencyKey, "LIFT_TRANSFER_RESTRICTION", number);
    }
}
