package org.forewarn.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.forewarn.adapters.control.ControlSimulatorProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Countermeasures carried out over the signed control APIs: the application is started with
 * {@code forewarn.channels.carrier=http} and {@code payment=http} against the control simulator,
 * and an approved countermeasure is ordered from it once and lifted when the case closes.
 */
class CountermeasureControlJourneyTest {

    private static final String SECRET = "journey-secret-0123456789-abcdefghijkl";
    private static final String VICTIM = "13600137123";

    @TempDir
    static Path data;
    private static ControlSimulatorProcess simulator;
    private static RunningApp app;

    @BeforeAll
    static void start() {
        simulator = ControlSimulatorProcess.start(SECRET);
        app = RunningApp.start(data,
                "--forewarn.channels.carrier=http",
                "--forewarn.carrier.base-url=" + simulator.carrierBaseUrl(),
                "--forewarn.carrier.key-id=" + ControlSimulatorProcess.KEY_ID,
                "--forewarn.carrier.secret=" + SECRET,
                "--forewarn.carrier.provider-name=Simulated Mobile",
                "--forewarn.channels.payment=http",
                "--forewarn.payment.base-url=" + simulator.paymentBaseUrl(),
                "--forewarn.payment.key-id=" + ControlSimulatorProcess.KEY_ID,
                "--forewarn.payment.secret=" + SECRET,
                "--forewarn.payment.provider-name=Simulated Payments");
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        simulator.close();
    }

    @Test
    void approvedCountermeasureIsOrderedFromThePaymentSideOnceAndLiftedWhenTheCaseCloses() {
        HttpResponse<String> posted = app.post("/api/v1/clues", "intake", Json.clue("ctl-" + VICTIM, VICTIM, "HIGH"));
        assertThat(posted.statusCode()).isEqualTo(202);
        String caseId = Json.parse(posted.body()).path("caseId").asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> app.get(cases(caseId), "operator").statusCode() == 200);

        HttpResponse<String> proposed = app.post(cases(caseId) + "/countermeasures", "operator",
                "{\"type\":\"RESTRICT_TRANSFERS\",\"reason\":\"正在向安全账户转账\"}");
        String cm = Json.parse(proposed.body()).path("countermeasureId").asText();
        String decision = cases(caseId) + "/countermeasures/" + cm + "/decision";
        assertThat(app.post(decision, "supervisor", "{\"approve\":true}").statusCode()).isEqualTo(200);
        assertThat(app.post(decision, "supervisor2", "{\"approve\":true}").statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(20)).until(() -> history(caseId),
                h -> Json.types(h).contains("CountermeasureApplied"));
        List<JsonNode> orders = simulator.ordersWithKey(cm + ":apply");
        assertThat(orders).singleElement().satisfies(order -> {
            assertThat(order.path("action").asText()).isEqualTo("RESTRICT_TRANSFERS");
            assertThat(order.path("msisdn").asText()).isEqualTo("+86" + VICTIM);
            assertThat(order.path("replays").asInt()).isZero();
        });
        assertThat(simulator.state().path("accounts").path("+86" + VICTIM).path("transfersRestricted").asBoolean())
                .isTrue();

        assertThat(app.post(cases(caseId) + "/resolution", "operator", "{\"outcome\":\"PERSUADED\"}").statusCode())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(simulator.ordersWithKey(cm + ":lift")).singleElement().satisfies(order ->
                        assertThat(order.path("action").asText()).isEqualTo("LIFT_TRANSFER_RESTRICTION")));
        assertThat(simulator.state().path("accounts").path("+86" + VICTIM).path("transfersRestricted").asBoolean())
                .isFalse();
        assertThat(simulator.state().path("lines").has("+86" + VICTIM)).isFalse();
    }

    private static String cases(String caseId) {
        return "/api/v1/cases/" + caseId;
    }

    private static JsonNode history(String caseId) {
        return Json.parse(app.get(cases(caseId) + "/history", "auditor").body());
    }
}
