package org.forewarn.adapters.outbox;

import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import org.bson.Document;
import org.forewarn.domain.PhoneNumber;
import org.forewarn.workflows.ports.ControlReceipt;

/**
 * Orders to the carrier or the payment side, as {@link Outbox} entries of one kind: the action and
 * the masked number. The receipt's time is when the order was first written, so a repeated order
 * answers with the moment the first took effect.
 */
final class OutboxOrders {

    private final Outbox outbox;
    private final String kind;

    OutboxOrders(MongoDatabase database, Clock clock, String kind) {
        this.outbox = new Outbox(database, clock);
        this.kind = kind;
    }

    ControlReceipt order(String idempotencyKey, String action, PhoneNumber number) {
        Document entry = outbox.writeOnce(idempotencyKey, kind, "reference", new Document()
                .append("action", action)
                .append("toMasked", number.masked()));
        if (!action.equals(entry.getString("action"))) {
            throw new IllegalStateException("order " + idempotencyKey + " was " + entry.getString("action")
                    + ", not " + action);
        }
        return new ControlReceipt(entry.getString("reference"), Outbox.PROVIDER,
                entry.getDate(Outbox.CREATED_AT).toInstant());
    }
}
