package org.forewarn.adapters.outbox;

import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import org.bson.Document;
import org.forewarn.workflows.ports.CallReceipt;
import org.forewarn.workflows.ports.WarningCall;
import org.forewarn.workflows.ports.WarningCaller;

/**
 * The embedded default for the automated warning call: an entry of kind {@code AUTOMATED_CALL}
 * in the {@link Outbox} with the script that would have been read. No call rings, so no result
 * follows.
 */
public class OutboxWarningCaller implements WarningCaller {

    private final Outbox outbox;

    public OutboxWarningCaller(MongoDatabase database, Clock clock) {
        this.outbox = new Outbox(database, clock);
    }

    @Override
    public CallReceipt call(WarningCall call) {
        Document entry = outbox.writeOnce(call.idempotencyKey(), "AUTOMATED_CALL", "callId", new Document()
                .append("caseId", call.caseId())
                .append("toMasked", call.to().masked())
                .append("script", call.script()));
        return new CallReceipt(entry.getString("callId"), Outbox.PROVIDER);
    }
}
