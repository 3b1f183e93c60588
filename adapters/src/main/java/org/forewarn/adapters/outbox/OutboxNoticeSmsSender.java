package org.forewarn.adapters.outbox;

import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import org.bson.Document;
import org.forewarn.workflows.ports.NoticeSms;
import org.forewarn.workflows.ports.NoticeSmsSender;
import org.forewarn.workflows.ports.SmsReceipt;

/** The embedded default for countermeasure notices: an entry of kind {@code COUNTERMEASURE_NOTICE} in the {@link Outbox}. */
public class OutboxNoticeSmsSender implements NoticeSmsSender {

    private final Outbox outbox;

    public OutboxNoticeSmsSender(MongoDatabase database, Clock clock) {
        this.outbox = new Outbox(database, clock);
    }

    @Override
    public SmsReceipt send(NoticeSms notice) {
        Document message = outbox.writeOnce(notice.idempotencyKey(), "COUNTERMEASURE_NOTICE", "messageId",
                new Document()
                        .append("caseId", notice.caseId())
                        .append("toMasked", notice.to().masked())
                        .append("text", notice.text()));
        return new SmsReceipt(message.getString("messageId"), Outbox.PROVIDER);
    }
}
