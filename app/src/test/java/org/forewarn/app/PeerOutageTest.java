package org.forewarn.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.IncidentIntent;
import io.camunda.zeebe.protocol.record.value.IncidentRecordValue;
import io.camunda.zeebe.protocol.record.value.VariableRecordValue;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.axonframework.commandhandling.CommandBus;
import org.forewarn.adapters.control.ControlSimulatorProcess;
import org.forewarn.adapters.smpp.TestSmsc;
import org.forewarn.adapters.twilio.FaultyProxy;
import org.forewarn.adapters.twilio.PrismTwilio;
import org.forewarn.bpmn.InProcessZeebe;
import org.forewarn.bpmn.Processes.Variables;
import org.forewarn.domain.Rung;
import org.forewarn.domain.person.api.RecordRungStarted;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.SubmitSm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.SpringApplication;

/**
 * The counterparts fail for a while and come back. A counterpart that fails for less than the
 * retry budget (5 tries, as the models give every channel task) — Twilio answering 5xx and 429,
 * the SMSC dropping its bind and answering error statuses, the carrier answering 5xx and 429 and
 * taking longer than our timeout — gets the warning or the order exactly once after it recovers,
 * and the case records no failure. One that keeps failing past the budget gets nothing twice: the
 * case records one {@code ChannelFailed} and the job becomes one incident.
 *
 * <p>The application runs with Twilio's contract mock behind a proxy that fails on demand, an
 * in-process SMSC and the control simulator; its first back-off is 200 ms instead of 2 s, so a
 * whole retry budget is spent in about 3 s of real engine time.
 */
class PeerOutageTest {

    /**
     * A budget's back-offs add up to 3 s; the engine checks for jobs whose back-off ran out once a
     * second, and a carrier try may take its whole 1 s timeout, so each of four retries may take
     * about 2 s. The bound leaves room for a busy machine, not for a job left idle (the in-process
     * engine once handed a job back 150 s late, docs/reliability.md).
     */
    private static final Duration RETRIED_WITHIN = Duration.ofSeconds(30);
    private static final String SMSC_PASSWORD = "s3cret";
    private static final String CONTROL_SECRET = "peer-outage-secret-0123456789-abcdefgh";

    /** Cases whose ladder cannot record reaching the home visit: the command bus refuses it, as a failing store would. */
    private static final Set<String> REFUSED_HOME_VISIT_RUNGS = ConcurrentHashMap.newKeySet();

    @TempDir
    static Path data;
    private static FaultyProxy twilio;
    private static TestSmsc smsc;
    private static ControlSimulatorProcess control;
    private static RunningApp app;

    @BeforeAll
    static void start() throws Exception {
        twilio = new FaultyProxy(PrismTwilio.get().baseUrl());
        smsc = TestSmsc.start(SMSC_PASSWORD);
        control = ControlSimulatorProcess.start(CONTROL_SECRET);
        app = RunningApp.start(data, PeerOutageTest::refuseRungsOfChosenCases, RunningApp.KEEP_ENGINE_LOG,
                "--forewarn.workers.first-backoff=PT0.2S",
                "--forewarn.channels.sms=twilio",
                "--forewarn.twilio.account-sid=" + PrismTwilio.ACCOUNT_SID,
                "--forewarn.twilio.auth-token=" + PrismTwilio.AUTH_TOKEN,
                "--forewarn.twilio.messaging-service-sid=" + PrismTwilio.MESSAGING_SERVICE_SID,
                "--forewarn.twilio.webhook-base-url=https://forewarn.example.org",
                "--forewarn.twilio.api-base-url=" + twilio.url(),
                "--forewarn.channels.flash=smpp",
                "--forewarn.smpp.host=127.0.0.1",
                "--forewarn.smpp.port=" + smsc.port(),
                "--forewarn.smpp.system-id=" + TestSmsc.SYSTEM_ID,
                "--forewarn.smpp.password=" + SMSC_PASSWORD,
                "--forewarn.smpp.response-timeout=PT2S",
                "--forewarn.smpp.rebind-initial-backoff=PT0.2S",
                "--forewarn.smpp.rebind-max-backoff=PT1S",
                "--forewarn.channels.carrier=http",
                "--forewarn.carrier.base-url=" + control.carrierBaseUrl(),
                "--forewarn.carrier.key-id=" + ControlSimulatorProcess.KEY_ID,
                "--forewarn.carrier.secret=" + CONTROL_SECRET,
                "--forewarn.carrier.provider-name=Simulated Mobile",
                "--forewarn.carrier.timeout=PT1S",
                "--forewarn.channels.payment=http",
                "--forewarn.payment.base-url=" + control.paymentBaseUrl(),
                "--forewarn.payment.key-id=" + ControlSimulatorProcess.KEY_ID,
                "--forewarn.payment.secret=" + CONTROL_SECRET,
                "--forewarn.payment.provider-name=Simulated Payments",
                "--forewarn.payment.timeout=PT1S");
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        control.close();
        smsc.close();
        twilio.close();
    }

    @Test
    void twilioAnswering5xxAnd429ForAWhileSendsTheWarningOnceAfterItRecovers() {
        String victim = "13800139001";
        twilio.answerNextTo(e164(victim), 503, twilioError(20503, "Service Unavailable", 503), null);
        twilio.answerNextTo(e164(victim), 429, twilioError(20429, "Too Many Requests", 429), "1");
        twilio.answerNextTo(e164(victim), 500, twilioError(20500, "Internal Server Error", 500), null);
        String caseId = openCase("peer-tw-ok", victim);

        await().atMost(RETRIED_WITHIN).until(() -> types(caseId).contains("WarningSmsSent"));

        assertThat(twilio.pendingFaults()).as("every failure was met by a try").isZero();
        assertThat(twilio.forwardedTo("/Messages.json")).filteredOn(r -> e164(victim).equals(r.form().get("To")))
                .as("the failed tries took nothing; the fourth sent once").singleElement()
                .satisfies(r -> assertThat(r.status()).isEqualTo("201"));
        assertThat(types(caseId)).containsOnlyOnce("WarningSmsSent").doesNotContain("ChannelFailed");
        assertThat(incidents(caseId)).isEmpty();
    }

    @Test
    void twilioFailingPastTheRetryBudgetRecordsOneChannelFailedAndOneIncidentAndSendsNothing() {
        String victim = "13800139002";
        for (int i = 0; i < 5; i++) {
            twilio.answerNextTo(e164(victim), 503, twilioError(20503, "Service Unavailable", 503), null);
        }
        String caseId = openCase("peer-tw-down", victim);

        JsonNode failed = await().atMost(RETRIED_WITHIN).until(() -> event(caseId, "ChannelFailed"),
                e -> e != null);

        assertThat(failed.path("data").path("rung").asText()).isEqualTo("WARNING_SMS");
        assertThat(failed.path("data").path("failure").asText()).contains("503").doesNotContain(victim.substring(3));
        await().atMost(Duration.ofSeconds(10)).until(() -> incidents(caseId).size() == 1);
        assertThat(twilio.pendingFaults()).as("five tries, each failed").isZero();
        assertThat(twilio.forwardedTo("/Messages.json")).filteredOn(r -> e164(victim).equals(r.form().get("To")))
                .isEmpty();
        assertThat(types(caseId)).containsOnlyOnce("ChannelFailed").doesNotContain("WarningSmsSent");

        // the shift sees the stalled ladder in its queue, and an operator's skip takes it on
        JsonNode stall = await().atMost(Duration.ofSeconds(10)).until(() -> stallOf(caseId), s -> s != null);
        assertThat(stall.path("kind").asText()).isEqualTo("channel");
        assertThat(stall.path("rung").asText()).isEqualTo("WARNING_SMS");
        assertThat(stall.path("id").asText()).isEqualTo(failed.path("data").path("attemptId").asText());
        assertThat(stalledQueue()).contains(caseId);
        skipTo(caseId, "FLASH_WARNING");
        await().atMost(Duration.ofSeconds(20)).until(() -> types(caseId).contains("FlashWarningSent"));
        await().atMost(Duration.ofSeconds(10)).until(() -> !stalledQueue().contains(caseId));
        assertThat(stallOf(caseId)).isNull();
        assertThat(twilio.forwardedTo("/Messages.json")).filteredOn(r -> e164(victim).equals(r.form().get("To")))
                .as("the skip sent no SMS").isEmpty();
    }

    @Test
    void smscDroppingItsBindAndAnsweringErrorsForAWhileGetsTheFlashWarningOutOnce() {
        String victim = "13800139003";
        String caseId = openCase("peer-smsc-ok", victim);
        await().atMost(Duration.ofSeconds(20)).until(() -> types(caseId).contains("WarningSmsSent"));
        int binds = smsc.binds().size();

        smsc.dropBinds();
        smsc.answerNextWith(SMPPConstant.STAT_ESME_RSYSERR, SMPPConstant.STAT_ESME_RSUBMITFAIL);
        skipTo(caseId, "FLASH_WARNING");

        JsonNode sent = await().atMost(RETRIED_WITHIN).until(() -> event(caseId, "FlashWarningSent"),
                e -> e != null);
        assertThat(smsc.binds()).as("bound again after the drop").hasSizeGreaterThan(binds);
        List<SubmitSm> submits = submitsTo(victim);
        assertThat(submits).as("two refused, then one taken").hasSize(3);
        assertThat(sent.path("data").path("messageId").asText()).startsWith("smsc-");
        assertThat(types(caseId)).containsOnlyOnce("FlashWarningSent").doesNotContain("ChannelFailed");
        assertThat(incidents(caseId)).isEmpty();
    }

    @Test
    void smscRefusingPastTheRetryBudgetRecordsOneChannelFailedAndOneIncident() {
        String victim = "13800139004";
        String caseId = openCase("peer-smsc-down", victim);
        await().atMost(Duration.ofSeconds(20)).until(() -> types(caseId).contains("WarningSmsSent"));

        smsc.answerNextWith(SMPPConstant.STAT_ESME_RSYSERR, SMPPConstant.STAT_ESME_RSYSERR,
                SMPPConstant.STAT_ESME_RSYSERR, SMPPConstant.STAT_ESME_RSYSERR, SMPPConstant.STAT_ESME_RSYSERR);
        skipTo(caseId, "FLASH_WARNING");

        JsonNode failed = await().atMost(RETRIED_WITHIN).until(() -> event(caseId, "ChannelFailed"),
                e -> e != null);
        assertThat(failed.path("data").path("rung").asText()).isEqualTo("FLASH_WARNING");
        await().atMost(Duration.ofSeconds(10)).until(() -> incidents(caseId).size() == 1);
        assertThat(submitsTo(victim)).as("five tries, each refused").hasSize(5);
        assertThat(types(caseId)).containsOnlyOnce("ChannelFailed").doesNotContain("FlashWarningSent");
    }

    @Test
    void carrierAnsweringErrorsAndTimingOutForAWhileCarriesOutTheOrderOnce() {
        String victim = "13800139005";
        String caseId = openCase("peer-carrier-ok", victim);
        control.fault("{\"side\":\"carrier\",\"status\":503,\"retryAfter\":\"1\"}");
        control.fault("{\"side\":\"carrier\",\"status\":429}");
        control.fault("{\"side\":\"carrier\",\"delayMillis\":1500}"); // past our 1 s timeout; it acts all the same
        String cm = approveCountermeasure(caseId, "CUT_DATA");

        await().atMost(RETRIED_WITHIN).until(() -> types(caseId).contains("CountermeasureApplied"));

        assertThat(control.state().path("pendingFaults").asInt()).isZero();
        assertThat(control.ordersWithKey(cm + ":apply")).as("acted on once; the retry after the timeout replayed")
                .singleElement().satisfies(order -> {
                    assertThat(order.path("action").asText()).isEqualTo("CUT_DATA");
                    assertThat(order.path("replays").asInt()).isPositive();
                });
        assertThat(control.state().path("lines").path(e164(victim)).path("dataCut").asBoolean()).isTrue();
        assertThat(types(caseId)).containsOnlyOnce("CountermeasureApplied").doesNotContain("ChannelFailed");
        assertThat(incidents(caseId)).isEmpty();
    }

    @Test
    void paymentSideFailingPastTheRetryBudgetRecordsOneChannelFailedAndOneIncidentAndOrdersNothing() {
        String victim = "13800139006";
        String caseId = openCase("peer-payment-down", victim);
        control.fault("{\"side\":\"payment\",\"status\":502,\"count\":5}");
        String cm = approveCountermeasure(caseId, "RESTRICT_TRANSFERS");

        JsonNode failed = await().atMost(RETRIED_WITHIN).until(() -> event(caseId, "ChannelFailed"),
                e -> e != null);

        assertThat(failed.path("data").path("rung").asText()).isEqualTo("COUNTERMEASURE");
        await().atMost(Duration.ofSeconds(10)).until(() -> incidents(caseId).size() == 1);
        assertThat(control.state().path("pendingFaults").asInt()).as("five tries, each failed").isZero();
        assertThat(control.ordersWithKey(cm + ":apply")).isEmpty();
        assertThat(types(caseId)).containsOnlyOnce("ChannelFailed").doesNotContain("CountermeasureApplied");
        JsonNode stall = await().atMost(Duration.ofSeconds(10)).until(() -> stallOf(caseId), s -> s != null);
        assertThat(stall.path("id").asText()).isEqualTo(cm + ":apply");
        assertThat(stall.path("rung").asText()).isEqualTo("COUNTERMEASURE");
        assertThat(stalledQueue()).contains(caseId);
    }

    @Test
    void aLadderStepTheStoreKeepsRefusingShowsOnTheCaseAsStepFailedAndEndsAsOneIncident() {
        String caseId = openCase("peer-step-down", "13800139008");
        await().atMost(Duration.ofSeconds(20)).until(() -> types(caseId).contains("WarningSmsSent"));
        REFUSED_HOME_VISIT_RUNGS.add(caseId);

        skipTo(caseId, "HOME_VISIT");

        JsonNode failed = await().atMost(RETRIED_WITHIN).until(() -> event(caseId, "StepFailed"), e -> e != null);
        assertThat(failed.path("data").path("step").asText()).isEqualTo("rung-started");
        assertThat(failed.path("data").path("rung").asText()).isEqualTo("HOME_VISIT");
        assertThat(failed.path("data").path("failure").asText())
                .isEqualTo("IllegalStateException: the event store refused the record (test)");
        await().atMost(Duration.ofSeconds(10)).until(() -> incidents(caseId).size() == 1);
        assertThat(types(caseId)).containsOnlyOnce("StepFailed").doesNotContain("ChannelFailed", "HomeVisitRequested");
        JsonNode view = Json.parse(app.get(cases(caseId), "operator").body());
        assertThat(view.path("stepFailures")).singleElement().satisfies(f -> {
            assertThat(f.path("step").asText()).isEqualTo("rung-started");
            assertThat(f.path("rung").asText()).isEqualTo("HOME_VISIT");
            assertThat(f.path("stepId").asText()).startsWith(caseId + ":");
        });
        JsonNode stall = await().atMost(Duration.ofSeconds(10)).until(() -> stallOf(caseId), s -> s != null);
        assertThat(stall.path("kind").asText()).isEqualTo("step");
        assertThat(stall.path("step").asText()).isEqualTo("rung-started");
        assertThat(stall.path("id").asText()).isEqualTo(view.path("stepFailures").get(0).path("stepId").asText());
        assertThat(stalledQueue()).contains(caseId);
    }

    /** The case's one unsettled stall as the case API shows it; null when it has none. */
    private static JsonNode stallOf(String caseId) {
        JsonNode stalls = Json.parse(app.get(cases(caseId), "operator").body()).path("stalls");
        assertThat(stalls.size()).isLessThanOrEqualTo(1);
        return stalls.isEmpty() ? null : stalls.get(0);
    }

    /** The ids of the open cases the work queue lists as stalled. */
    private static List<String> stalledQueue() {
        JsonNode page = Json.parse(app.get("/api/v1/cases?stalled=true&size=200", "operator").body());
        List<String> ids = new java.util.ArrayList<>();
        page.path("items").forEach(item -> {
            assertThat(item.path("stalledSince").isTextual()).isTrue();
            ids.add(item.path("caseId").asText());
        });
        return ids;
    }

    private static void refuseRungsOfChosenCases(SpringApplication application) {
        application.addInitializers(context -> context.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof CommandBus bus) {
                    bus.registerDispatchInterceptor(messages -> (index, command) -> {
                        if (command.getPayload() instanceof RecordRungStarted started && started.rung() == Rung.HOME_VISIT
                                && REFUSED_HOME_VISIT_RUNGS.contains(started.caseId())) {
                            throw new IllegalStateException("the event store refused the record (test)");
                        }
                        return command;
                    });
                }
                return bean;
            }
        }));
    }

    private static String openCase(String clueId, String victim) {
        HttpResponse<String> posted = app.post("/api/v1/clues", "intake", Json.clue(clueId, victim, "HIGH"));
        assertThat(posted.statusCode()).isEqualTo(202);
        String caseId = Json.parse(posted.body()).path("caseId").asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> app.get(cases(caseId), "operator").statusCode() == 200);
        return caseId;
    }

    private static void skipTo(String caseId, String rung) {
        assertThat(app.post(cases(caseId) + "/skip", "operator",
                "{\"rung\":\"" + rung + "\",\"reason\":\"短信未读，改发闪信\"}").statusCode()).isEqualTo(200);
    }

    /** Proposes a countermeasure and has two supervisors approve it; answers its id. */
    private static String approveCountermeasure(String caseId, String type) {
        HttpResponse<String> proposed = app.post(cases(caseId) + "/countermeasures", "operator",
                "{\"type\":\"" + type + "\",\"reason\":\"正在被诈骗\"}");
        assertThat(proposed.statusCode()).as(proposed.body()).isIn(200, 201);
        String cm = Json.parse(proposed.body()).path("countermeasureId").asText();
        String decision = cases(caseId) + "/countermeasures/" + cm + "/decision";
        assertThat(app.post(decision, "supervisor", "{\"approve\":true}").statusCode()).isEqualTo(200);
        assertThat(app.post(decision, "supervisor2", "{\"approve\":true}").statusCode()).isEqualTo(200);
        return cm;
    }

    private static List<SubmitSm> submitsTo(String victim) {
        return smsc.submits().stream().filter(s -> s.getDestAddress().equals("86" + victim)).toList();
    }

    /** The incidents raised on the processes of a case (its ladder and its countermeasures). */
    private static List<IncidentRecordValue> incidents(String caseId) {
        InProcessZeebe zeebe = app.bean(EmbeddedRuntime.ZEEBE_BEAN, InProcessZeebe.class);
        String value = "\"" + caseId + "\"";
        Set<Long> instances = StreamSupport.stream(zeebe.records().getRecords().spliterator(), false)
                .filter(r -> r.getValueType() == ValueType.VARIABLE)
                .map(r -> (VariableRecordValue) r.getValue())
                .filter(v -> v.getName().equals(Variables.CASE_ID) && v.getValue().equals(value))
                .map(VariableRecordValue::getProcessInstanceKey)
                .collect(Collectors.toSet());
        return StreamSupport.stream(zeebe.records().getRecords().spliterator(), false)
                .filter(r -> r.getValueType() == ValueType.INCIDENT && r.getIntent() == IncidentIntent.CREATED)
                .map(r -> (IncidentRecordValue) r.getValue())
                .filter(v -> instances.contains(v.getProcessInstanceKey()))
                .toList();
    }

    private static JsonNode event(String caseId, String type) {
        for (JsonNode event : history(caseId)) {
            if (event.path("type").asText().equals(type)) {
                return event;
            }
        }
        return null;
    }

    private static List<String> types(String caseId) {
        return Json.types(history(caseId));
    }

    private static JsonNode history(String caseId) {
        return Json.parse(app.get(cases(caseId) + "/history", "auditor").body());
    }

    private static String cases(String caseId) {
        return "/api/v1/cases/" + caseId;
    }

    private static String e164(String victim) {
        return "+86" + victim;
    }

    private static String twilioError(int code, String message, int status) {
        return "{\"code\":" + code + ",\"message\":\"" + message + "\",\"status\":" + status + "}";
    }
}
