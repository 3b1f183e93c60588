package org.forewarn.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.forewarn.adapters.twilio.FaultyProxy;
import org.forewarn.adapters.twilio.PrismTwilio;
import org.forewarn.adapters.twilio.TwilioSignature;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shift's warnings through Twilio: the application configured for Twilio sends the 12381 SMS
 * and places the automated call with the real SDK to Twilio's published contract (Prism), and
 * Twilio's signed reports come back over HTTP as events on the case. Unsigned or wrongly signed
 * reports change nothing.
 */
class TwilioChannelsJourneyTest {

    /** Where Twilio reaches the application, as configured: signatures are made over this URL. */
    private static final String PUBLIC_BASE = "https://forewarn.example.org";
    /** The centre's own warning for the category of the test clues, from configuration. */
    private static final String OWN_WARNING = "【12381反诈预警】您好：自称客服要求退款、理赔的都是诈骗，请立即挂断，切勿转账。";

    @TempDir
    static Path data;
    private static RunningApp app;
    private static FaultyProxy twilio;

    @BeforeAll
    static void start() throws Exception {
        twilio = new FaultyProxy(PrismTwilio.get().baseUrl());
        // the auth token comes from the secrets directory, as in production, not from the arguments
        Path secrets = java.nio.file.Files.createDirectories(data.resolve("secrets"));
        java.nio.file.Files.writeString(secrets.resolve("forewarn.twilio.auth-token"), PrismTwilio.AUTH_TOKEN);
        app = RunningApp.start(data,
                "--FOREWARN_SECRETS_DIR=" + secrets + "/",
                "--forewarn.channels.sms=twilio",
                "--forewarn.channels.call=twilio",
                "--forewarn.twilio.account-sid=" + PrismTwilio.ACCOUNT_SID,
                "--forewarn.twilio.messaging-service-sid=" + PrismTwilio.MESSAGING_SERVICE_SID,
                "--forewarn.twilio.voice-from=+14155550100",
                "--forewarn.twilio.webhook-base-url=" + PUBLIC_BASE,
                "--forewarn.twilio.api-base-url=" + twilio.url(),
                "--forewarn.texts.warning-sms.FAKE_CUSTOMER_SERVICE=" + OWN_WARNING);
    }

    @AfterAll
    static void stop() {
        app.close();
        twilio.close();
    }

    @Test
    void warningSmsGoesThroughTwilioAndItsSignedDeliveryReportIsRecordedOnce() {
        String caseId = openCase("tw-1", "13800138101");
        JsonNode sent = await().atMost(Duration.ofSeconds(20)).until(() -> event(caseId, "WarningSmsSent"),
                e -> e != null);
        assertThat(sent.path("data").path("provider").asText()).isEqualTo("twilio");
        String sid = sent.path("data").path("messageId").asText();
        assertThat(sid).matches("SM[0-9a-fA-F]{32}");
        assertThat(twilio.forwardedTo("/Messages.json")).filteredOn(r -> r.form().get("To").equals("+8613800138101"))
                .singleElement().satisfies(r -> {
                    assertThat(r.status()).isEqualTo("201");
                    assertThat(r.form().get("Body")).as("the configured text").isEqualTo(OWN_WARNING);
                });

        Map<String, String> delivered = form("MessageSid", sid, "MessageStatus", "delivered",
                "To", "+8613800138101", "AccountSid", PrismTwilio.ACCOUNT_SID);
        assertThat(report("/webhooks/twilio/message-status", delivered, null).statusCode())
                .as("unsigned").isEqualTo(403);
        assertThat(report("/webhooks/twilio/message-status", delivered, "bm90IGEgc2lnbmF0dXJl").statusCode())
                .as("wrongly signed").isEqualTo(403);
        Map<String, String> tampered = new LinkedHashMap<>(delivered);
        tampered.put("MessageStatus", "undelivered");
        assertThat(report("/webhooks/twilio/message-status", tampered, sign("/webhooks/twilio/message-status",
                delivered)).statusCode()).as("signed for other values").isEqualTo(403);
        assertThat(types(caseId)).doesNotContain("WarningSmsDelivered", "WarningSmsFailed");

        assertThat(signedReport("/webhooks/twilio/message-status", delivered).statusCode()).isEqualTo(204);
        assertThat(signedReport("/webhooks/twilio/message-status", delivered).statusCode())
                .as("Twilio may report twice").isEqualTo(204);

        JsonNode report = await().atMost(Duration.ofSeconds(10)).until(() -> event(caseId, "WarningSmsDelivered"),
                e -> e != null);
        assertThat(report.path("actor").asText()).isEqualTo("system:twilio");
        assertThat(report.path("data").path("providerStatus").asText()).isEqualTo("delivered");
        assertThat(types(caseId)).containsOnlyOnce("WarningSmsDelivered");
    }

    @Test
    void twilioBusyAtFirstIsTriedAgainAfterItsBackoffAndTheWarningGoesOutOnce() {
        twilio.answerNext(429, "{\"code\":20429,\"message\":\"Too Many Requests\",\"status\":429}", "1");
        twilio.answerNext(503, "{\"code\":20503,\"message\":\"Service Unavailable\",\"status\":503}", null);
        String caseId = openCase("tw-3", "13800138103");

        JsonNode sent = await().atMost(Duration.ofSeconds(30)).until(() -> event(caseId, "WarningSmsSent"),
                e -> e != null);

        assertThat(sent.path("data").path("provider").asText()).isEqualTo("twilio");
        assertThat(twilio.forwardedTo("/Messages.json")).filteredOn(r -> r.form().get("To").equals("+8613800138103"))
                .as("the refused tries took nothing; the third sent once").hasSize(1);
        assertThat(types(caseId)).doesNotContain("ChannelFailed").containsOnlyOnce("WarningSmsSent");
    }

    @Test
    void signedReportWithoutItsStatusIsABadRequestAndUnknownSidsChangeNothing() {
        HttpResponse<String> incomplete = signedReport("/webhooks/twilio/message-status",
                form("MessageSid", "SM" + "0".repeat(32)));
        assertThat(incomplete.statusCode()).isEqualTo(400);
        assertThat(incomplete.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(incomplete.body()).contains("MessageStatus");

        assertThat(signedReport("/webhooks/twilio/message-status",
                form("MessageSid", "SM" + "0".repeat(32), "MessageStatus", "delivered")).statusCode())
                .isEqualTo(204);
    }

    @Test
    void automatedCallThroughTwilioEndsAsAnsweredAndHeardWhenOneWasPressed() {
        String caseId = openCase("tw-2", "13800138102");
        await().atMost(Duration.ofSeconds(20)).until(() -> event(caseId, "WarningSmsSent"), e -> e != null);
        assertThat(app.post("/api/v1/cases/" + caseId + "/skip", "operator",
                "{\"rung\":\"AUTOMATED_CALL\",\"reason\":\"对方正在通话，短信未读\"}").statusCode()).isEqualTo(200);

        JsonNode placed = await().atMost(Duration.ofSeconds(20)).until(() -> event(caseId, "AutomatedCallPlaced"),
                e -> e != null);
        String sid = placed.path("data").path("callId").asText();
        assertThat(sid).matches("CA[0-9a-fA-F]{32}");
        assertThat(twilio.forwardedTo("/Calls.json")).filteredOn(r -> r.form().get("To").equals("+8613800138102"))
                .singleElement().satisfies(r -> assertThat(r.form().get("Twiml")).contains("language=\"cmn-CN\""));

        HttpResponse<String> gathered = signedReport("/webhooks/twilio/call-gather",
                form("CallSid", sid, "Digits", "1", "AccountSid", PrismTwilio.ACCOUNT_SID));
        assertThat(gathered.statusCode()).isEqualTo(200);
        assertThat(gathered.body()).contains("<Say language=\"cmn-CN\">").contains("<Hangup/>");

        assertThat(signedReport("/webhooks/twilio/call-status",
                form("CallSid", sid, "CallStatus", "completed", "CallDuration", "41")).statusCode()).isEqualTo(204);

        JsonNode completed = await().atMost(Duration.ofSeconds(10)).until(
                () -> event(caseId, "AutomatedCallCompleted"), e -> e != null);
        assertThat(completed.path("data").path("result").asText()).isEqualTo("ANSWERED");
        assertThat(completed.path("data").path("heardWarning").asBoolean()).isTrue();
        assertThat(completed.path("actor").asText()).isEqualTo("system:twilio");
    }

    @Test
    void apiStillAnswersJsonWhenAClientAsksForXml() {
        HttpResponse<String> answer = app.getAs("/api/v1/cases/case-none", null);
        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.body()).doesNotStartWith("<");
    }

    private static String openCase(String clueId, String victim) {
        HttpResponse<String> posted = app.post("/api/v1/clues", "intake", Json.clue(clueId, victim, "HIGH"));
        assertThat(posted.statusCode()).isEqualTo(202);
        return Json.parse(posted.body()).path("caseId").asText();
    }

    private static JsonNode event(String caseId, String type) {
        HttpResponse<String> history = app.get("/api/v1/cases/" + caseId + "/history", "operator");
        if (history.statusCode() != 200) {
            return null;
        }
        for (JsonNode event : Json.parse(history.body())) {
            if (event.path("type").asText().equals(type)) {
                return event;
            }
        }
        return null;
    }

    private static java.util.List<String> types(String caseId) {
        return Json.types(Json.parse(app.get("/api/v1/cases/" + caseId + "/history", "operator").body()));
    }

    private static Map<String, String> form(String... pairs) {
        Map<String, String> form = new LinkedHashMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            form.put(pairs[i], pairs[i + 1]);
        }
        return form;
    }

    private static String sign(String path, Map<String, String> form) {
        return TwilioSignature.sign(PrismTwilio.AUTH_TOKEN, PUBLIC_BASE + path, form);
    }

    private static HttpResponse<String> signedReport(String path, Map<String, String> form) {
        return report(path, form, sign(path, form));
    }

    private static HttpResponse<String> report(String path, Map<String, String> form, String signature) {
        String body = TwilioSignature.encode(form);
        return signature == null ? app.postForm(path, body) : app.postForm(path, body, "X-Twilio-Signature", signature);
    }
}
