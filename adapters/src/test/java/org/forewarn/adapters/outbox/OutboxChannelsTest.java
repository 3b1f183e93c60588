package org.forewarn.adapters.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoCollection;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.Document;
import org.forewarn.adapters.mongo.InProcessMongo;
import org.forewarn.domain.PhoneNumber;
import org.forewarn.workflows.ports.CallReceipt;
import org.forewarn.workflows.ports.ControlReceipt;
import org.forewarn.workflows.ports.FlashWarning;
import org.forewarn.workflows.ports.NoticeSms;
import org.forewarn.workflows.ports.SmsReceipt;
import org.forewarn.workflows.ports.WarningCall;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outbox stand-ins for the flash warning, the automated call, the notice SMS, the carrier and the payment side. */
class OutboxChannelsTest {

    private static final PhoneNumber TO = PhoneNumber.parse("to", "13800138000");

    private static final String PERSON = "p-1";
    private static final Instant FIRST = Instant.parse("2026-11-22T15:00:00Z");
    private static final Instant LATER = Instant.parse("2026-11-22T15:05:00Z");

    @TempDir
    Path dir;
    private InProcessMongo mongo;
    private Clock clock;

    @BeforeEach
    void start() {
        mongo = new InProcessMongo(dir);
        clock = Clock.fixed(FIRST, ZoneOffset.UTC);
    }

    @AfterEach
    void stop() {
        mongo.close();
    }

    @Test
    void flashWarningIsWrittenOnceWithTheNumberMasked() {
        OutboxFlashWarningSender sender = new OutboxFlashWarningSender(mongo.database(), clock);
        SmsReceipt first = sender.send(new FlashWarning("case-1:send_flash_warning", PERSON, "case-1", TO, "flash"));
        SmsReceipt second = sender.send(new FlashWarning("case-1:send_flash_warning", PERSON, "case-1", TO, "flash"));

        assertThat(second).isEqualTo(first);
        assertThat(first.provider()).isEqualTo("outbox");
        assertThat(onlyEntry()).containsEntry("kind", "FLASH_WARNING").containsEntry("caseId", "case-1")
                .containsEntry("toMasked", "+86138****8000").containsEntry("text", "flash")
                .containsEntry("messageId", first.messageId());
    }

    @Test
    void automatedCallIsWrittenOnceWithItsScript() {
        OutboxWarningCaller caller = new OutboxWarningCaller(mongo.database(), clock);
        CallReceipt first = caller.call(new WarningCall("case-1:place_automated_call", PERSON, "case-1", TO, "script"));
        CallReceipt second = caller.call(new WarningCall("case-1:place_automated_call", PERSON, "case-1", TO, "script"));

        assertThat(second).isEqualTo(first);
        assertThat(onlyEntry()).containsEntry("kind", "AUTOMATED_CALL").containsEntry("script", "script")
                .containsEntry("callId", first.callId());
    }

    @Test
    void noticeIsWrittenOnce() {
        OutboxNoticeSmsSender sender = new OutboxNoticeSmsSender(mongo.database(), clock);
        SmsReceipt first = sender.send(new NoticeSms("cm-1:notice", PERSON, "case-1", TO, "lifted"));
        SmsReceipt second = sender.send(new NoticeSms("cm-1:notice", PERSON, "case-1", TO, "lifted"));

        assertThat(second).isEqualTo(first);
        assertThat(onlyEntry()).containsEntry("kind", "COUNTERMEASURE_NOTICE").containsEntry("text", "lifted");
    }

    @Test
    void repeatedOrderAnswersTheMomentTheFirstTookEffect() {
        ControlReceipt first = new OutboxCarrierControl(mongo.database(), clock).suspendService("cm-1:apply", TO);
        ControlReceipt again = new OutboxCarrierControl(mongo.database(), Clock.fixed(LATER, ZoneOffset.UTC))
                .suspendService("cm-1:apply", TO);

        assertThat(again).isEqualTo(first);
        assertThat(first.at()).isEqualTo(FIRST);
        assertThat(onlyEntry()).containsEntry("kind", "CARRIER_ORDER").containsEntry("action", "SUSPEND_SERVICE")
                .containsEntry("toMasked", "+86138****8000").containsEntry("reference", first.reference());
    }

    @Test
    void eachOrderIsFiledWithItsAction() {
        OutboxCarrierControl carrier = new OutboxCarrierControl(mongo.database(), clock);
        OutboxPaymentControl payment = new OutboxPaymentControl(mongo.database(), clock);
        carrier.cancelForwarding("k1", TO);
        carrier.suspendService("k2", TO);
        carrier.restoreService("k3", TO);
        carrier.cutData("k4", TO);
        carrier.restoreData("k5", TO);
        payment.restrictTransfers("k6", TO);
        payment.liftTransferRestriction("k7", TO);

        assertThat(outbox().find().map(d -> d.getString("kind") + "/" + d.getString("action")).into(new ArrayList<>()))
                .containsExactlyInAnyOrder("CARRIER_ORDER/CANCEL_FORWARDING", "CARRIER_ORDER/SUSPEND_SERVICE",
                        "CARRIER_ORDER/RESTORE_SERVICE", "CARRIER_ORDER/CUT_DATA", "CARRIER_ORDER/RESTORE_DATA",
                        "PAYMENT_ORDER/RESTRICT_TRANSFERS", "PAYMENT_ORDER/LIFT_TRANSFER_RESTRICTION");
    }

    @Test
    void keyAlreadyUsedForAnotherActionOrKindIsRefused() {
        OutboxCarrierControl carrier = new OutboxCarrierControl(mongo.database(), clock);
        carrier.suspendService("cm-1:apply", TO);

        assertThatThrownBy(() -> carrier.restoreService("cm-1:apply", TO))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("SUSPEND_SERVICE");
        assertThatThrownBy(() -> new OutboxPaymentControl(mongo.database(), clock).restrictTransfers("cm-1:apply", TO))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("CARRIER_ORDER");
    }

    @Test
    void concurrentDeliveriesOfOneOrderWriteOneEntry() throws Exception {
        OutboxPaymentControl payment = new OutboxPaymentControl(mongo.database(), clock);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<ControlReceipt>> orders = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                orders.add(() -> payment.restrictTransfers("cm-2:apply", TO));
            }
            List<String> references = new ArrayList<>();
            for (Future<ControlReceipt> f : pool.invokeAll(orders)) {
                references.add(f.get().reference());
            }
            assertThat(references).containsOnly(references.get(0));
        } finally {
            pool.shutdownNow();
        }
        assertThat(outbox().countDocuments()).isEqualTo(1);
    }

    private Document onlyEntry() {
        assertThat(outbox().countDocuments()).isEqualTo(1);
        Document entry = outbox().find().first();
        assertThat(entry).doesNotContainKey("to");
        assertThat(entry.toJson()).doesNotContain(TO.e164());
        return entry;
    }

    private MongoCollection<Document> outbox() {
        return mongo.database().getCollection(Outbox.COLLECTION);
    }
}
