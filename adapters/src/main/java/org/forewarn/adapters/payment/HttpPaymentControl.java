package org.forewarn.adapters.payment;

import java.time.Clock;
import org.forewarn.adapters.control.ControlEndpoint;
import org.forewarn.adapters.control.SignedOrders;
import org.forewarn.domain.PhoneNumber;
import org.forewarn.workflows.ports.ControlReceipt;
import org.forewarn.workflows.ports.PaymentControl;

/**
 * Our end of the payment side's control API ({@code docs/openapi/payment-control.yaml}): each
 * port call is one signed order whose {@code action} names it, keyed by the attempt id; the
 * person's accounts are found by the mobile number they are registered with.
 */
public class HttpPaymentControl implements PaymentControl, AutoCloseable {

    private final SignedOrders orders;

    public HttpPaymentControl(ControlEndpoint endpoint, Clock clock) {
        this.orders = new SignedOrders(endpoint, clock);
    }

    @Override
    public ControlReceipt restrictTransfers(String idempotencyKey, PhoneNumber number) {
        return orders.order(idempotencyKey, "RESTRICT_TRANSFERS", number);
    }

    @Override
    public ControlReceipt liftTransferRestriction(String idempotencyKey, PhoneNumber number) {
        return orders.order(idempotencyKey, "LIFT_TRANSFER_RESTRICTION", number);
    }

    @Override
    public void close() {
        orders.close();
    }
}
