package org.forewarn.adapters.outbox;

import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import org.bson.Document;
import org.forewarn.workflows.ports.FamilySms;
import org.forewarn.workflows.ports.FamilySmsSender;
import org.forewarn.workflows.ports.SmsReceipt;

/**
 * The embedded default for the family rung's SMS: an entry of kind {@code FAMILY_SMS} in the
 * {@link Outbox}, naming the relative by id and their number masked.
 */
public class OutboxFamilySmsSender implements FamilySmsSender {

    private final Outbox outbox;

    public OutboxFamilySmsSender(MongoDatabase database, Clock clock) {
        this.outbox = new Outbox(database, clock);
    }

    @Override
    public SmsReceipt send(FamilySms sms) {
        Document message = outbox.writeOnce(sms.idempotencyKey(), "FAMILY_SMS", "messageId", new Document()
                .append("caseId", sms.caseId())
                .append("relativeId", sms.relativeId())
                .append("toMasked", sms.to().masked())
                .append("text", sms.text()));
        return new SmsReceipt(message.getString("messageId"), Outbox.PROVIDER);
    }
}
