package org.forewarn.adapters.carrier;

import java.time.Clock;
import org.forewarn.adapters.control.ControlEndpoint;
import org.forewarn.adapters.control.SignedOrders;
import org.forewarn.domain.PhoneNumber;
import org.forewarn.workflows.ports.CarrierControl;
import org.forewarn.workflows.ports.ControlReceipt;

/**
 * Our end of the carrier's control API ({@code docs/openapi/carrier-control.yaml}): each port
 * call is one signed order whose {@code action} names it, keyed by the attempt id.
 */
public class HttpCarrierControl implements CarrierControl, AutoCloseable {

    private final SignedOrders orders;

    public HttpCarrierControl(ControlEndpoint endpoint, Clock clock) {
        this.orders = new SignedOrders(endpoint, clock);
    }

    @Override
    public ControlReceipt cancelForwarding(String idempotencyKey, PhoneNumber number) {
        return orders.order(idempotencyKey, "CANCEL_FORWARDING", number);
    }

    @Override
    public ControlReceipt suspendService(String idempotencyKey, PhoneNumber number) {
        return orders.order(idempotencyKey, "SUSPEND_SERVICE", number);
    }

    @Override
    public ControlReceipt restoreService(String idempotencyKey, PhoneNumber number) {
        return orders.order(idempotencyKey, "RESTORE_SERVICE", number);
    }

    @Override
    public ControlReceipt cutData(String idempotencyKey, PhoneNumber number) {
        return orders.order(idempotencyKey, "CUT_DATA", number);
    }

    @Override
    public ControlReceipt restoreData(String idempotencyKey, PhoneNumber number) {
        return orders.order(idempotencyKey, "RESTORE_DATA", number);
    }

    @Override
    public void close() {
        orders.close();
    }
}
