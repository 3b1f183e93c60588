package org.forewarn.workflows.countermeasure;

import org.forewarn.domain.CountermeasureType;
import org.forewarn.domain.PhoneNumber;
import org.forewarn.workflows.ports.CarrierControl;
import org.forewarn.workflows.ports.ControlReceipt;
import org.forewarn.workflows.ports.PaymentControl;

/**
 * Which counterpart carries out each countermeasure: transfers are the payment side's, the rest
 * the carrier's. A cancelled call forwarding is not restored: it was the fraudster's diversion.
 */
final class CountermeasureControls {

    private final CarrierControl carrier;
    private final PaymentControl payment;

    CountermeasureControls(CarrierControl carrier, PaymentControl payment) {
        this.carrier = carrier;
        this.payment = payment;
    }

    ControlReceipt apply(CountermeasureType type, String idempotencyKey, PhoneNumber number) {
        return switch (type) {
            case RESTRICT_TRANSFERS -> payment.restrictTransfers(idempotencyKey, number);
            case SUSPEND_SERVICE -> carrier.suspendService(idempotencyKey, number);
            case CUT_DATA -> carrier.cutData(idempotencyKey, number);
            case CANCEL_FORWARDING -> carrier.cancelForwarding(idempotencyKey, number);
        };
    }

    /** Whether lifting {@code type} asks anything of a counterpart. */
    static boolean restores(CountermeasureType type) {
        return type != CountermeasureType.CANCEL_FORWARDING;
    }

    ControlReceipt restore(CountermeasureType type, String idempotencyKey, PhoneNumber number) {
        return switch (type) {
            case RESTRICT_TRANSFERS -> payment.liftTransferRestriction(idempotencyKey, number);
            case SUSPEND_SERVICE -> carrier.restoreService(idempotencyKey, number);
            case CUT_DATA -> carrier.restoreData(idempotencyKey, number);
            case CANCEL_FORWARDING -> throw new IllegalArgumentException("a cancelled call forwarding is not restored");
        };
    }
}
