package org.forewarn.adapters.outbox;

import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import org.bson.Document;
import org.forewarn.workflows.ports.FlashWarning;
import org.forewarn.workflows.ports.FlashWarningSender;
import org.forewarn.workflows.ports.SmsReceipt;

/** The embedded default for the flash-screen warning: an entry of kind {@code FLASH_WARNING} in the {@link Outbox}. */
public class OutboxFlashWarningSender implements FlashWarningSender {

    private final Outbox outbox;

    public OutboxFlashWarningSender(MongoDatabase database, Clock clock) {
        this.outbox = new Outbox(database, clock);
    }

    @Override
    public SmsReceipt send(FlashWarning flash) {
        Document message = outbox.writeOnce(flash.idempotencyKey(), "FLASH_WARNING", "messageId", new Document()
                .append("caseId", flash.caseId())
                .append("toMasked", flash.to().masked())
                .append("text", flash.text()));
        return new SmsReceipt(message.getString("messageId"), Outbox.PROVIDER);
    }
}
