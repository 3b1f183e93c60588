package org.forewarn.adapters.smpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import org.forewarn.adapters.channels.SendLedger;
import org.forewarn.adapters.eventstore.TestDatabases;
import org.forewarn.domain.PhoneNumber;
import org.forewarn.workflows.ports.CounterpartRefused;
import org.forewarn.workflows.ports.CounterpartUnavailable;
import org.forewarn.workflows.ports.FlashWarning;
import org.forewarn.workflows.ports.SmsReceipt;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.bean.TypeOfNumber;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The flash warning over SMPP against an in-process SMSC: the PDUs, idempotency, the bind kept up, the window, errors. */
class SmppFlashWarningSenderTest {

    static final String PASSWORD = "secret-1";
    static final PhoneNumber TO = PhoneNumber.parse("to", "13800138000");
    static final String CHINESE = "【反诈预警】您可能正遭遇“冒充公检法”诈骗！请立即停止联系，切勿转账，切勿透露验证码。";

    @TempDir
    Path dir;
    TestSmsc smsc;
    SendLedger ledger;
    SmscConnection connection;
    int attempts;

    @BeforeEach
    void startSmsc() {
        smsc = TestSmsc.start(PASSWORD);
        ledger = new SendLedger(TestDatabases.h2(dir), Clock.systemUTC(), SendLedger.DEFAULT_LEASE);
    }

    @AfterEach
    void stop() {
        if (connection != null) {
            connection.close();
        }
        smsc.close();
    }

    static SmppSettings settings(int port, int window, Duration enquireLink, Duration responseTimeout) {
        return new SmppSettings("127.0.0.1", port, TestSmsc.SYSTEM_ID, PASSWORD, "", "12381", TypeOfNumber.NATIONAL,
                NumberingPlanIndicator.ISDN, SmppSettings.Bind.TRANSCEIVER, window, enquireLink, responseTimeout,
                Duration.ofMillis(100), Duration.ofMillis(500), "smsc-test");
    }

    private SmppFlashWarningSender sender(int window, Duration enquireLink, Duration responseTimeout) {
        connection = new SmscConnection(settings(smsc.port(), window, enquireLink, responseTimeout), null);
        connection.start();
        return new SmppFlashWarningSender(connection, ledger);
    }

    private SmppFlashWarningSender sender() {
        return sender(10, Duration.ofSeconds(30), Duration.ofSeconds(5));
    }

    private FlashWarning flash(String text) {
        attempts++;
        return new FlashWarning("case-" + attempts + ":flash_warning", "p-1", "case-" + attempts, TO, text);
    }

    private static String ucs2(SubmitSm submit, int offset) {
        byte[] message = submit.getShortMessage();
        return new String(message, offset, message.length - offset, StandardCharsets.UTF_16BE);
    }

    @Test
    void chineseWarningIsOneClass0Ucs2SubmitToTheInternationalNumberAskingForAReceipt() {
        SmsReceipt receipt = sender().send(flash(CHINESE));

        assertThat(smsc.binds()).containsExactly(BindType.BIND_TRX);
        assertThat(smsc.submits()).singleElement().satisfies(submit -> {
            assertThat(submit.getSourceAddr()).isEqualTo("12381");
            assertThat(submit.getSourceAddrTon()).isEqualTo(TypeOfNumber.NATIONAL.value());
            assertThat(submit.getSourceAddrNpi()).isEqualTo(NumberingPlanIndicator.ISDN.value());
            assertThat(submit.getDestAddress()).isEqualTo("8613800138000");
            assertThat(submit.getDestAddrTon()).isEqualTo(TypeOfNumber.INTERNATIONAL.value());
            assertThat(submit.getDestAddrNpi()).isEqualTo(NumberingPlanIndicator.ISDN.value());
            assertThat(submit.getDataCoding()).as("UCS2, class 0").isEqualTo((byte) 0x18);
            assertThat(submit.getRegisteredDelivery()).as("receipt on success and failure").isEqualTo((byte) 0x01);
            assertThat(submit.getEsmClass()).as("no UDH").isEqualTo((byte) 0x00);
            assertThat(ucs2(submit, 0)).isEqualTo(CHINESE);
        });
        assertThat(receipt).isEqualTo(new SmsReceipt("smsc-1", "smsc-test"));
    }

    @Test
    void gsm7TextIsOneClass0Gsm7Submit() {
        String text = "Fraud warning: stop the call now, pay nothing {12381} & keep codes secret. €0 fee!";

        sender().send(flash(text));

        assertThat(smsc.submits()).singleElement().satisfies(submit -> {
            assertThat(submit.getDataCoding()).as("GSM 7-bit, class 0").isEqualTo((byte) 0x10);
            assertThat(submit.getEsmClass()).isEqualTo((byte) 0x00);
            byte[] septets = submit.getShortMessage();
            assertThat(Gsm7.decode(septets, 0, septets.length)).isEqualTo(text);
        });
    }

    @Test
    void longChineseTextGoesInPartsInOrderUnderOneReferenceAndTheReceiptNamesTheFirst() {
        String text = CHINESE.repeat(4);
        int expectedParts = (text.length() + 66) / 67;
        assertThat(expectedParts).isGreaterThanOrEqualTo(3);

        SmsReceipt receipt = sender().send(flash(text));

        List<SubmitSm> parts = smsc.submits();
        assertThat(parts).hasSize(expectedParts);
        StringBuilder assembled = new StringBuilder();
        for (int i = 0; i < parts.size(); i++) {
            SubmitSm part = parts.get(i);
            byte[] message = part.getShortMessage();
            assertThat(part.getEsmClass()).as("UDHI").isEqualTo((byte) 0x40);
            assertThat(part.getDataCoding()).isEqualTo((byte) 0x18);
            assertThat(part.getRegisteredDelivery()).isEqualTo((byte) 0x01);
            assertThat(message.length - 6).as("UCS2 bytes of part %d", i + 1).isLessThanOrEqualTo(134);
            assertThat(Arrays.copyOf(message, 3)).as("concatenation, 8-bit reference").containsExactly(5, 0, 3);
            assertThat(message[3]).as("one reference for all parts").isEqualTo(parts.get(0).getShortMessage()[3]);
            assertThat(message[4]).as("total").isEqualTo((byte) expectedParts);
            assertThat(message[5]).as("sequence").isEqualTo((byte) (i + 1));
            assertThat(part.getDestAddress()).isEqualTo("8613800138000");
            assembled.append(ucs2(part, 6));
        }
        assertThat(assembled.toString()).isEqualTo(text);
        assertThat(receipt.messageId()).isEqualTo("smsc-1");
    }

    @Test
    void attemptSentTwiceReachesTheSmscOnceAndAnswersTheSameReceipt() {
        SmppFlashWarningSender sender = sender();
        FlashWarning flash = flash(CHINESE);

        SmsReceipt first = sender.send(flash);
        SmsReceipt again = sender.send(flash);

        assertThat(again).isEqualTo(first);
        assertThat(smsc.submits()).hasSize(1);
        assertThat(ledger.byProviderRef("smsc-test", first.messageId())).get()
                .satisfies(entry -> assertThat(entry.attemptId()).isEqualTo(flash.idempotencyKey()));
    }

    @Test
    void bindDroppedWhileWaitingFailsTheSendAsUnavailableAndTheClientBindsAgainByItself() {
        SmppFlashWarningSender sender = sender(10, Duration.ofSeconds(30), Duration.ofSeconds(20));
        smsc.holdAnswers();
        FlashWarning flash = flash(CHINESE);
        CompletableFuture<SmsReceipt> inFlight = CompletableFuture.supplyAsync(() -> sender.send(flash));
        await().atMost(Duration.ofSeconds(5)).until(() -> smsc.submits().size() == 1);

        smsc.dropBinds();

        // well before the 20 s response timeout: the loss of the bind ends the wait
        await().atMost(Duration.ofSeconds(5)).until(inFlight::isDone);
        assertThatThrownBy(inFlight::join).isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(CounterpartUnavailable.class)
                .hasMessageContaining("bind to the SMSC smsc-test was lost")
                .hasMessageNotContaining("13800138000");
        smsc.releaseAnswers();
        await().atMost(Duration.ofSeconds(5)).until(() -> smsc.binds().size() == 2 && connection.isBound());

        SmsReceipt next = sender.send(flash(CHINESE));
        assertThat(next.messageId()).isNotBlank();
        assertThat(smsc.submits()).hasSize(2);
        // the lost submit may have been taken: its attempt waits for the ledger's lease before it is sent again
        assertThatThrownBy(() -> sender.send(flash)).isInstanceOf(CounterpartUnavailable.class)
                .hasMessageContaining("being sent by another delivery");
    }

    @Test
    void idleBindIsKeptAliveByEnquireLink() {
        sender(10, Duration.ofMillis(200), Duration.ofSeconds(5));

        await().atMost(Duration.ofSeconds(5)).until(() -> smsc.enquireLinks() >= 3);
        assertThat(connection.isBound()).isTrue();
    }

    @Test
    void windowOfOneNeverLetsTwoSubmitsWaitAtOnce() {
        SmppFlashWarningSender sender = sender(1, Duration.ofSeconds(30), Duration.ofSeconds(10));
        smsc.holdAnswers();

        CompletableFuture<SmsReceipt> first = CompletableFuture.supplyAsync(() -> sender.send(flash(CHINESE)));
        CompletableFuture<SmsReceipt> second = CompletableFuture.supplyAsync(() -> sender.send(flash(CHINESE)));
        await().atMost(Duration.ofSeconds(5)).until(() -> smsc.submits().size() == 1);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
               .until(() -> smsc.submits().size() == 1 && !first.isDone() && !second.isDone());
        smsc.releaseAnswers();

        assertThat(Stream.of(first.join(), second.join()).map(SmsReceipt::messageId))
                .containsExactlyInAnyOrder("smsc-1", "smsc-2");
        assertThat(smsc.maxInFlight()).isEqualTo(1);
    }

    @Test
    void sendFindingTheWindowFullForHalfTheResponseTimeoutFailsAsUnavailableAndHandsNothingOver() {
        SmppFlashWarningSender sender = sender(1, Duration.ofSeconds(30), Duration.ofSeconds(2));
        smsc.holdAnswers();
        CompletableFuture<SmsReceipt> first = CompletableFuture.supplyAsync(() -> sender.send(flash(CHINESE)));
        await().atMost(Duration.ofSeconds(5)).until(() -> smsc.submits().size() == 1);
        FlashWarning second = flash(CHINESE);

        assertThatThrownBy(() -> sender.send(second)).isInstanceOf(CounterpartUnavailable.class)
                .hasMessageContaining("window of 1 submits");
        assertThat(smsc.submits()).hasSize(1);
        assertThat(ledger.byAttempt(second.idempotencyKey())).as("released: nothing was handed over").isEmpty();
        smsc.releaseAnswers();
        assertThat(first.join().messageId()).as("the send ahead is unaffected").isEqualTo("smsc-1");
    }

    static Stream<Arguments> errorStatuses() {
        return Stream.of(
                Arguments.of(SMPPConstant.STAT_ESME_RINVDSTADR, CounterpartRefused.class, "ESME_RINVDSTADR"),
                Arguments.of(SMPPConstant.STAT_ESME_RINVDCS, CounterpartRefused.class, "ESME_RINVDCS"),
                Arguments.of(SMPPConstant.STAT_ESME_RINVSRCADR, CounterpartRefused.class, "ESME_RINVSRCADR"),
                Arguments.of(SMPPConstant.STAT_ESME_RTHROTTLED, CounterpartUnavailable.class, "ESME_RTHROTTLED"),
                Arguments.of(SMPPConstant.STAT_ESME_RMSGQFUL, CounterpartUnavailable.class, "ESME_RMSGQFUL"),
                Arguments.of(SMPPConstant.STAT_ESME_RSYSERR, CounterpartUnavailable.class, "ESME_RSYSERR"),
                Arguments.of(0x0400, CounterpartUnavailable.class, "command_status 0x00000400"));
    }

    @ParameterizedTest
    @MethodSource("errorStatuses")
    void smscErrorStatusIsARefusalOrAWaitAndReleasesTheAttempt(int status, Class<? extends Exception> expected,
                                                               String named) {
        SmppFlashWarningSender sender = sender();
        smsc.answerNextWith(status);
        FlashWarning flash = flash(CHINESE);

        assertThatThrownBy(() -> sender.send(flash)).isInstanceOf(expected)
                .hasMessage("the SMSC smsc-test answered submit_sm with " + named);

        assertThat(sender.send(flash).messageId()).as("sent at once on retry").isEqualTo("smsc-1");
        assertThat(smsc.submits()).hasSize(2);
    }

    @Test
    void throttledSmscIsGivenTimeBeforeTheNextTry() {
        SmppFlashWarningSender sender = sender();
        smsc.answerNextWith(SMPPConstant.STAT_ESME_RTHROTTLED);

        assertThatThrownBy(() -> sender.send(flash(CHINESE))).isInstanceOfSatisfying(CounterpartUnavailable.class,
                e -> assertThat(e.retryAfter()).contains(SmscErrors.THROTTLED_WAIT));
    }

    @Test
    void smscThatCannotBeBoundAtStartLeavesTheSenderUnavailableUntilABindSucceeds() {
        smsc.setPassword("another");
        SmppFlashWarningSender sender = sender();

        assertThat(connection.isBound()).isFalse();
        assertThatThrownBy(() -> sender.send(flash(CHINESE))).isInstanceOf(CounterpartUnavailable.class)
                .hasMessageContaining("not bound to the SMSC smsc-test");

        smsc.setPassword(PASSWORD);
        await().atMost(Duration.ofSeconds(5)).until(connection::isBound);
        assertThat(sender.send(flash(CHINESE)).messageId()).isEqualTo("smsc-1");
    }

    @Test
    void settingsNeverShowThePassword() {
        assertThat(settings(2775, 1, Duration.ofSeconds(1), Duration.ofSeconds(1)).toString())
                .doesNotContain(PASSWORD).contains("forewarn@127.0.0.1:2775");
    }
}
