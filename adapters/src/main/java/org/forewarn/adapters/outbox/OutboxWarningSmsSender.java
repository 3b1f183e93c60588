package org.forewarn.adapters.outbox;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.util.Date;
import java.util.UUID;
import org.bson.Document;
import org.forewarn.workflows.ports.SmsReceipt;
import org.forewarn.workflows.ports.WarningSms;
import org.forewarn.workflows.ports.WarningSmsSender;

/**
 * The embedded default for outbound messages: instead of reaching a provider, each message is
 * written to the {@code outbox} collection, where the console shows what would have been sent.
 * The idempotency key is the document id, so a retried attempt finds the message already there
 * and answers with its first receipt.
 */
public class OutboxWarningSmsSender implements WarningSmsSender {

    public static final String COLLECTION = "outbox";
    public static final String PROVIDER = "outbox";

    private final MongoCollection<Document> outbox;
    private final Clock clock;

    public OutboxWarningSmsSender(MongoDatabase database, Clock clock) {
        this.outbox = database.getCollection(COLLECTION);
        this.clock = clock;
    }

    @Override
    public SmsReceipt send(WarningSms sms) {
        Document existing = outbox.find(eq("_id", sms.idempotencyKey())).first();
        if (existing != null) {
            return receipt(existing);
        }
        Document message = new Document("_id", sms.idempotencyKey())
                .append("messageId", "outbox-" + UUID.randomUUID())
                .append("kind", "WARNING_SMS")
                .append("caseId", sms.caseId())
                .append("to", sms.to().e164())
                .append("toMasked", sms.to().masked())
                .append("text", sms.text())
                .append("createdAt", Date.from(clock.instant()));
        try {
            outbox.insertOne(message);
            return receipt(message);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            // another delivery of the same attempt got there first
            return receipt(outbox.find(eq("_id", sms.idempotencyKey())).first());
        }
    }

    private static SmsReceipt receipt(Document message) {
        return new SmsReceipt(message.getString("messageId"), PROVIDER);
    }
}
