package org.forewarn.adapters.outbox;

import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import org.forewarn.domain.PhoneNumber;
import org.forewarn.workflows.ports.ControlReceipt;
import org.forewarn.workflows.ports.PaymentControl;

/** The embedded default for the payment side: each order is an entry of kind {@code PAYMENT_ORDER} in the {@link Outbox}. */
public class OutboxPaymentControl implements PaymentControl {

    private final OutboxOrders orders;

    public OutboxPaymentControl(MongoDatabase database, Clock clock) {
        this.orders = new OutboxOrders(database, clock, "PAYMENT_ORDER");
    }

    @Override
    public ControlReceipt restrictTransfers(String idempotencyKey, PhoneNumber number) {
        return orders.order(idempotencyKey, "RESTRICT_TRANSFERS", number);
    }

    @Override
    public ControlReceipt liftTransferRestriction(String idempotencyKey, PhoneNumber number) {
        return orders.order(idempotencyKey, "LIFT_TRANSFER_RESTRICTION", number);
    }
}
