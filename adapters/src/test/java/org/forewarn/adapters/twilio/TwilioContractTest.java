package org.forewarn.adapters.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.forewarn.adapters.channels.MovableClock;
import org.forewarn.adapters.channels.SendLedger;
import org.forewarn.adapters.eventstore.TestDatabases;
import org.forewarn.domain.FraudCategory;
import org.forewarn.domain.PhoneNumber;
import org.forewarn.workflows.ports.CallReceipt;
import org.forewarn.workflows.ports.CounterpartRefused;
import org.forewarn.workflows.ports.CounterpartUnavailable;
import org.forewarn.workflows.ports.NoticeSms;
import org.forewarn.workflows.ports.SmsReceipt;
import org.forewarn.workflows.ports.WarningCall;
import org.forewarn.workflows.ports.WarningSms;
import org.forewarn.workflows.warning.WarningTexts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Twilio SDK, through our HTTP client, against Twilio's own published description of
 * its API (Prism, behind a proxy that can fail on demand). A request that breaks Twilio's
 * contract is refused by Prism with 422 and fails the test that made it.
 */
class TwilioContractTest {

    private static final PhoneNumber VICTIM = PhoneNumber.parse("to", "13800138000");
    private static final String PERSON = "p-1";
    private static final String WEBHOOKS = "https://forewarn.example.org";
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    @TempDir
    Path dir;
    private FaultyProxy twilio;
    private SendLedger ledger;
    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-22T08:00:00Z"));

    @BeforeEach
    void start() throws IOException {
        twilio = new FaultyProxy(PrismTwilio.get().baseUrl());
        ledger = new SendLedger(TestDatabases.h2(dir), clock, SendLedger.DEFAULT_LEASE);
    }

    @AfterEach
    void stop() {
        twilio.close();
    }

    private TwilioSettings settings(String messagingService, String smsFrom) {
        return new TwilioSettings(PrismTwilio.ACCOUNT_SID, PrismTwilio.AUTH_TOKEN, messagingService, smsFrom,
                "+14155550100", URI.create(WEBHOOKS), twilio.url(), TIMEOUT, "twilio");
    }

    private TwilioSmsSender smsSender() {
        return new TwilioSmsSender(settings(PrismTwilio.MESSAGING_SERVICE_SID, null), ledger);
    }

    private static WarningSms warning(String caseId) {
        return new WarningSms(caseId + ":send_warning_sms", PERSON, caseId, VICTIM,
                WarningTexts.warningSms(FraudCategory.IMPERSONATING_AUTHORITIES));
    }

    @Test
    void warningSmsIsCreatedThroughTheMessagingServiceAsTwiliosContractDescribes() {
        WarningSms sms = warning("case-1");

        SmsReceipt receipt = smsSender().send(sms);

        assertThat(receipt.provider()).isEqualTo("twilio");
        assertThat(receipt.messageId()).matches("SM[0-9a-fA-F]{32}");
        assertThat(twilio.forwardedTo("/Messages.json")).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/2010-04-01/Accounts/" + PrismTwilio.ACCOUNT_SID + "/Messages.json");
            assertThat(request.status()).as("Prism accepted it").isEqualTo("201");
            assertThat(request.form()).containsEntry("To", "+8613800138000")
                    .containsEntry("MessagingServiceSid", PrismTwilio.MESSAGING_SERVICE_SID)
                    .containsEntry("Body", sms.text())
                    .containsEntry("StatusCallback", WEBHOOKS + TwilioWebhooks.MESSAGE_STATUS)
                    .doesNotContainKey("From");
        });
        assertThat(ledger.byAttempt(sms.idempotencyKey())).get().satisfies(entry -> {
            assertThat(entry.providerRef()).isEqualTo(receipt.messageId());
            assertThat(entry.caseId()).isEqualTo("case-1");
        });
    }

    @Test
    void warningTextCarriesNoLinkAndNoNumberToCallBack() {
        for (FraudCategory category : FraudCategory.values()) {
            // the 【12381…】 tag names the sender, as on the real messages; nothing else is a number
            String text = WarningTexts.warningSms(category).replace("【12381反诈预警】", "");
            assertThat(text).doesNotContainPattern("https?://|www\\.|[0-9０-９]{3,}");
        }
    }

    @Test
    void noticeGoesFromTheConfiguredSenderWhenNoMessagingServiceIsSet() {
        TwilioSmsSender sender = new TwilioSmsSender(settings(null, "+14155550199"), ledger);

        sender.send(new NoticeSms("cm-1:notice", PERSON, "case-2", VICTIM, "您的转账限制已解除。"));

        assertThat(twilio.forwardedTo("/Messages.json")).singleElement().satisfies(request -> {
            assertThat(request.status()).isEqualTo("201");
            assertThat(request.form()).containsEntry("From", "+14155550199").doesNotContainKey("MessagingServiceSid");
        });
    }

    @Test
    void sameAttemptSentTwiceCreatesOneMessageAndAnswersTheSameSid() {
        TwilioSmsSender sender = smsSender();

        SmsReceipt first = sender.send(warning("case-3"));
        SmsReceipt again = sender.send(warning("case-3"));

        assertThat(again).isEqualTo(first);
        assertThat(twilio.forwardedTo("/Messages.json")).hasSize(1);
    }

    @Test
    void automatedCallReadsTheScriptTwiceInMandarinAndListensForOneKey() {
        TwilioWarningCaller caller = new TwilioWarningCaller(settings(PrismTwilio.MESSAGING_SERVICE_SID, null), ledger);
        String script = WarningTexts.callScript(FraudCategory.INVESTMENT_SCAM);

        CallReceipt receipt = caller.call(new WarningCall("case-4:place_automated_call", PERSON, "case-4", VICTIM,
                script));

        assertThat(receipt.callId()).matches("CA[0-9a-fA-F]{32}");
        assertThat(twilio.forwardedTo("/Calls.json")).singleElement().satisfies(request -> {
            assertThat(request.status()).as("Prism accepted it").isEqualTo("201");
            assertThat(request.form()).containsEntry("To", "+8613800138000")
                    .containsEntry("From", "+14155550100")
                    .containsEntry("StatusCallback", WEBHOOKS + TwilioWebhooks.CALL_STATUS);
            String twiml = request.form().get("Twiml");
            assertThat(twiml).contains("<Gather action=\"" + WEBHOOKS + TwilioWebhooks.CALL_GATHER + "\"")
                    .contains("numDigits=\"1\"")
                    .contains("<Say language=\"cmn-CN\">" + script + "</Say>");
            assertThat(twiml.split(java.util.regex.Pattern.quote(script), -1)).as("read twice").hasSize(3);
        });
    }

    @Test
    void tooManyRequestsIsRetriedAfterTwiliosRetryAfterAndThenSendsOnce() {
        TwilioSmsSender sender = smsSender();
        twilio.answerNext(429, "{\"code\":20429,\"message\":\"Too Many Requests\",\"status\":429}", "7");

        assertThatThrownBy(() -> sender.send(warning("case-5")))
                .isInstanceOfSatisfying(CounterpartUnavailable.class,
                        e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(7)));
        SmsReceipt receipt = sender.send(warning("case-5"));

        assertThat(receipt.messageId()).startsWith("SM");
        assertThat(twilio.forwardedTo("/Messages.json")).as("the 429 took nothing").hasSize(1);
    }

    @Test
    void serverErrorIsRetriedLaterNotByTheSdkAtOnce() {
        TwilioSmsSender sender = smsSender();
        twilio.answerNext(503, "{\"code\":20503,\"message\":\"Service Unavailable\",\"status\":503}", null);
        twilio.answerNext(503, "{\"code\":20503,\"message\":\"Service Unavailable\",\"status\":503}", null);

        assertThatThrownBy(() -> sender.send(warning("case-6"))).isInstanceOf(CounterpartUnavailable.class)
                .hasMessage("Twilio answered HTTP 503");
        assertThatThrownBy(() -> sender.send(warning("case-6"))).as("the second fault is still queued: one try each")
                .isInstanceOf(CounterpartUnavailable.class);
        sender.send(warning("case-6"));

        assertThat(twilio.forwardedTo("/Messages.json")).hasSize(1);
    }

    @Test
    void refusalIsFinalAndNamesTwiliosErrorButNotTheNumber() {
        TwilioSmsSender sender = smsSender();
        twilio.answerNext(400, "{\"code\":21211,\"message\":\"The 'To' number +8613800138000 is not a valid phone "
                + "number.\",\"more_info\":\"https://www.twilio.com/docs/errors/21211\",\"status\":400}", null);

        assertThatThrownBy(() -> sender.send(warning("case-7")))
                .isInstanceOf(CounterpartRefused.class)
                .hasMessageContaining("HTTP 400, error 21211")
                .hasMessageNotContaining("13800138000");
        assertThat(ledger.byAttempt("case-7:send_warning_sms")).as("nothing was taken").isEmpty();
    }

    /**
     * Twilio took the message but its answer never came: the attempt cannot know, so it keeps
     * its claim. A retry within the lease waits; one after it sends again, and the person gets
     * the warning twice. This is the one window for a duplicate (SendLedger's Javadoc).
     */
    @Test
    void lostAnswerKeepsTheClaimAndAfterItsLeaseTheMessageIsSentAgain() {
        TwilioSmsSender sender = smsSender();
        twilio.delayNext(TIMEOUT.multipliedBy(2));

        assertThatThrownBy(() -> sender.send(warning("case-8"))).isInstanceOf(CounterpartUnavailable.class)
                .hasMessageContaining("did not answer");
        assertThatThrownBy(() -> sender.send(warning("case-8"))).as("within the lease")
                .isInstanceOf(CounterpartUnavailable.class).hasMessageContaining("being sent by another delivery");

        clock.advance(SendLedger.DEFAULT_LEASE.plusSeconds(1));
        SmsReceipt receipt = sender.send(warning("case-8"));

        assertThat(receipt.messageId()).startsWith("SM");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> twilio.forwardedTo("/Messages.json").size() == 2);
    }

    @Test
    void mockRefusesARequestThatBreaksTwiliosContract() throws Exception {
        HttpRequest noRecipient = HttpRequest.newBuilder(twilio.url().resolve(
                        "/2010-04-01/Accounts/" + PrismTwilio.ACCOUNT_SID + "/Messages.json"))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        (PrismTwilio.ACCOUNT_SID + ":" + PrismTwilio.AUTH_TOKEN).getBytes()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("Body=hello"))
                .build();

        HttpResponse<String> answer = HttpClient.newHttpClient().send(noRecipient, HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(422);
        assertThat(answer.body()).contains("must have required property 'To'");
    }
}
