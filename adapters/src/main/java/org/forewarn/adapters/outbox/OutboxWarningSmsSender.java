package org.forewarn.adapters.outbox;

import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import org.bson.Document;
import org.forewarn.workflows.ports.SmsReceipt;
import org.forewarn.workflows.ports.WarningSms;
import org.forewarn.workflows.ports.WarningSmsSender;

/**
 * The embedded default for the warning SMS: instead of reaching a provider, each message is
 * written to the {@link Outbox}, where the console shows what would have been sent, with the
 * whole number as a provider would receive it.
 */
public class OutboxWarningSmsSender implements WarningSmsSender {

    public static final String COLLECTION = Outbox.COLLECTION;
    public static final String PROVIDER = Outbox.PROVIDER;

    private final Outbox outbox;

    public OutboxWarningSmsSender(MongoDatabase database, Clock clock) {
        this.outbox = new Outbox(database, clock);
    }

    @Override
    public SmsReceipt send(WarningSms sms) {
        Document message = outbox.writeOnce(sms.idempotencyKey(), "WARNING_SMS", "messageId", new Document()
                .append("caseId", sms.caseId())
                .append("to", sms.to().e164())
                .append("toMasked", sms.to().masked())
                .append("text", sms.text()));
        return new SmsReceipt(message.getString("messageId"), PROVIDER);
    }
}
