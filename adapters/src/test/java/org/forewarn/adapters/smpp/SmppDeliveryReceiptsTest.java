package org.forewarn.adapters.smpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.forewarn.adapters.channels.SendLedger;
import org.forewarn.adapters.eventstore.TestDatabases;
import org.forewarn.domain.AgeGroup;
import org.forewarn.domain.Clue;
import org.forewarn.domain.ClueChannel;
import org.forewarn.domain.ClueId;
import org.forewarn.domain.FraudCategory;
import org.forewarn.domain.RiskLevel;
import org.forewarn.domain.person.AtRiskPerson;
import org.forewarn.domain.person.api.FlashWarningDelivered;
import org.forewarn.domain.person.api.FlashWarningFailed;
import org.forewarn.domain.person.api.OpenCase;
import org.forewarn.domain.person.api.RecordFlashWarningSent;
import org.forewarn.workflows.ports.FlashWarning;
import org.forewarn.workflows.ports.SmsReceipt;
import org.jsmpp.util.DeliveryReceiptState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Delivery receipts from the in-process SMSC become {@code FlashWarningDelivered}/{@code FlashWarningFailed}
 * on the real person aggregate (Axon, in-memory event store), through the send ledger on H2.
 */
class SmppDeliveryReceiptsTest {

    static final String PERSON = "p-00000000000000000000000000000001";

    @TempDir
    Path dir;
    TestSmsc smsc;
    Configuration axon;
    SendLedger ledger;
    SmppDeliveryReceipts receipts;
    SmscConnection connection;
    SmppFlashWarningSender sender;

    @BeforeEach
    void start() {
        smsc = TestSmsc.start(SmppFlashWarningSenderTest.PASSWORD);
        axon = DefaultConfigurer.defaultConfiguration()
                                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                                .configureAggregate(AtRiskPerson.class)
                                .buildConfiguration();
        axon.start();
        ledger = new SendLedger(TestDatabases.h2(dir), Clock.systemUTC(), SendLedger.DEFAULT_LEASE);
        receipts = new SmppDeliveryReceipts(ledger, axon.commandGateway(), "smsc-test", Clock.systemUTC(),
                Duration.ofSeconds(10));
        connection = new SmscConnection(SmppFlashWarningSenderTest.settings(smsc.port(), 10, Duration.ofSeconds(30),
                Duration.ofSeconds(5)), receipts);
        connection.start();
        sender = new SmppFlashWarningSender(connection, ledger);
    }

    @AfterEach
    void stop() {
        connection.close();
        receipts.close();
        smsc.close();
        axon.shutdown();
    }

    private String openCase(String clueId) {
        String caseId = "case-" + clueId;
        Clue clue = new Clue(new ClueId(clueId), SmppFlashWarningSenderTest.TO, null,
                FraudCategory.IMPERSONATING_AUTHORITIES, RiskLevel.HIGH, Instant.now(), ClueChannel.CALL, "test",
                AgeGroup.ADULT);
        axon.commandGateway().sendAndWait(new OpenCase(PERSON, caseId, clue, "intake"));
        return caseId;
    }

    /** What the flash warning worker does: send through the port, then record the send on the person. */
    private SmsReceipt sendAndRecord(String caseId) {
        String attemptId = caseId + ":flash_warning";
        SmsReceipt receipt = sender.send(new FlashWarning(attemptId, PERSON, caseId, SmppFlashWarningSenderTest.TO,
                SmppFlashWarningSenderTest.CHINESE));
        axon.commandGateway().sendAndWait(new RecordFlashWarningSent(PERSON, caseId, attemptId, receipt.messageId(),
                receipt.provider(), "system:send-flash-warning"));
        return receipt;
    }

    private <T> List<T> eventsOf(Class<T> type) {
        return axon.eventStore().readEvents(PERSON).asStream().map(EventMessage::getPayload)
                   .filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void deliveredReceiptBecomesFlashWarningDelivered() {
        String caseId = openCase("c1");
        SmsReceipt receipt = sendAndRecord(caseId);

        smsc.deliverReceipt(receipt.messageId(), DeliveryReceiptState.DELIVRD, true);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(eventsOf(FlashWarningDelivered.class))
                .singleElement().satisfies(delivered -> {
                    assertThat(delivered.caseId()).isEqualTo(caseId);
                    assertThat(delivered.attemptId()).isEqualTo(caseId + ":flash_warning");
                    assertThat(delivered.providerStatus()).isEqualTo("DELIVRD");
                    assertThat(delivered.actor()).isEqualTo("system:smsc");
                }));
        assertThat(ledger.byProviderRef("smsc-test", receipt.messageId())).get()
                .satisfies(entry -> assertThat(entry.status()).isEqualTo("DELIVRD"));
    }

    @Test
    void receiptWithTheTextOnlyIsReadFromTheText() {
        String caseId = openCase("c2");
        SmsReceipt receipt = sendAndRecord(caseId);

        smsc.deliverReceipt(receipt.messageId(), DeliveryReceiptState.EXPIRED, false);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(eventsOf(FlashWarningFailed.class))
                .singleElement().satisfies(failed -> assertThat(failed.providerStatus()).isEqualTo("EXPIRED")));
    }

    @Test
    void intermediateStateIsKeptInTheLedgerOnlyAndTheFinalOneCounts() {
        String caseId = openCase("c3");
        SmsReceipt receipt = sendAndRecord(caseId);

        smsc.deliverReceipt(receipt.messageId(), DeliveryReceiptState.ENROUTE, true);
        await().atMost(Duration.ofSeconds(5)).until(() -> "ENROUTE".equals(
                ledger.byProviderRef("smsc-test", receipt.messageId()).orElseThrow().status()));
        assertThat(eventsOf(FlashWarningDelivered.class)).isEmpty();
        assertThat(eventsOf(FlashWarningFailed.class)).isEmpty();

        smsc.deliverReceipt(receipt.messageId(), DeliveryReceiptState.UNDELIV, true);
        await().atMost(Duration.ofSeconds(5)).until(() -> eventsOf(FlashWarningFailed.class).size() == 1);
        smsc.deliverReceipt(receipt.messageId(), DeliveryReceiptState.DELIVRD, true);
        await().atMost(Duration.ofSeconds(5)).until(() -> "DELIVRD".equals(
                ledger.byProviderRef("smsc-test", receipt.messageId()).orElseThrow().status()));
        assertThat(eventsOf(FlashWarningDelivered.class)).as("the first final status counts").isEmpty();
    }

    @Test
    void receiptArrivingBeforeTheSendIsRecordedIsTriedAgainUntilItIs() {
        String caseId = openCase("c4");
        String attemptId = caseId + ":flash_warning";
        SmsReceipt receipt = sender.send(new FlashWarning(attemptId, PERSON, caseId, SmppFlashWarningSenderTest.TO,
                SmppFlashWarningSenderTest.CHINESE));

        // the SMSC is quicker than the worker: the person knows no such attempt yet
        smsc.deliverReceipt(receipt.messageId(), DeliveryReceiptState.DELIVRD, true);
        await().atMost(Duration.ofSeconds(5)).until(() -> "DELIVRD".equals(
                ledger.byProviderRef("smsc-test", receipt.messageId()).orElseThrow().status()));
        assertThat(eventsOf(FlashWarningDelivered.class)).isEmpty();
        axon.commandGateway().sendAndWait(new RecordFlashWarningSent(PERSON, caseId, attemptId, receipt.messageId(),
                receipt.provider(), "system:send-flash-warning"));

        await().atMost(Duration.ofSeconds(8)).until(() -> eventsOf(FlashWarningDelivered.class).size() == 1);
    }

    @Test
    void receiptOfAnUnknownMessageIsAcknowledgedAndChangesNothing() {
        String caseId = openCase("c5");
        SmsReceipt receipt = sendAndRecord(caseId);

        smsc.deliverReceipt("not-ours-42", DeliveryReceiptState.DELIVRD, true);
        // the session is still up and the next receipt goes through: the unknown one was answered
        smsc.deliverReceipt(receipt.messageId(), DeliveryReceiptState.DELIVRD, true);

        await().atMost(Duration.ofSeconds(5)).until(() -> eventsOf(FlashWarningDelivered.class).size() == 1);
        assertThat(connection.isBound()).isTrue();
        assertThat(ledger.byProviderRef("smsc-test", "not-ours-42")).isEmpty();
    }
}
