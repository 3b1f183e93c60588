package org.forewarn.adapters.outbox;

import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import org.forewarn.domain.PhoneNumber;
import org.forewarn.workflows.ports.CarrierControl;
import org.forewarn.workflows.ports.ControlReceipt;

/** The embedded default for the carrier: each order is an entry of kind {@code CARRIER_ORDER} in the {@link Outbox}. */
public class OutboxCarrierControl implements CarrierControl {

    private final OutboxOrders orders;

    public OutboxCarrierControl(MongoDatabase database, Clock clock) {
        this.orders = new OutboxOrders(database, clock, "CARRIER_ORDER");
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
}
