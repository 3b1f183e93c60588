package org.forewarn.bpmn;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.response.ActivatedJob;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.forewarn.bpmn.Processes.JobTypes;
import org.forewarn.bpmn.Processes.Messages;
import org.forewarn.bpmn.Processes.Variables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Walks every path of the {@code countermeasure} process: apply, then lift at expiry or on request, then tell. */
class CountermeasureProcessTest {

    private static final String CM = "c-walk:restrict";

    private LadderEngine engine;

    @BeforeEach
    void start() {
        engine = new LadderEngine();
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    @Test
    void anExpiringCountermeasureIsLiftedAtItsExpiryAndThePersonIsTold() {
        long pi = approve("RESTRICT_TRANSFERS");
        engine.complete(pi, JobTypes.APPLY_COUNTERMEASURE,
                Map.of(Variables.EXPIRES_AT, Instant.now().plus(Duration.ofDays(30)).toString()));
        assertThat(engine.active(pi)).contains("lift_wait");

        engine.increaseTime(Duration.ofDays(29));
        assertThat(engine.active(pi)).contains("lift_wait");
        engine.increaseTime(Duration.ofDays(2));

        ActivatedJob lift = engine.job(pi, JobTypes.LIFT_COUNTERMEASURE);
        assertThat(lift.getVariablesAsMap()).containsEntry(Variables.LIFT_REASON, "EXPIRED");
        engine.client.newCompleteCommand(lift).send().join();
        engine.settle();
        engine.complete(pi, JobTypes.SEND_COUNTERMEASURE_NOTICE);
        assertThat(engine.completed(pi)).containsSubsequence("apply_countermeasure", "expired", "lift_countermeasure",
                "send_countermeasure_notice", "countermeasure_lifted");
    }

    @Test
    void anUpheldAppealLiftsAtOnceBeforeTheExpiry() {
        long pi = approve("SUSPEND_SERVICE");
        engine.complete(pi, JobTypes.APPLY_COUNTERMEASURE,
                Map.of(Variables.EXPIRES_AT, Instant.now().plus(Duration.ofDays(30)).toString()));

        engine.publish(Messages.COUNTERMEASURE_LIFT, CM, Map.of(Variables.LIFT_REASON, "APPEAL_UPHELD"));

        assertThat(engine.job(pi, JobTypes.LIFT_COUNTERMEASURE).getVariablesAsMap())
                .containsEntry(Variables.LIFT_REASON, "APPEAL_UPHELD");
    }

    @Test
    void aCountermeasureWithoutExpiryWaitsForTheCaseToCloseOrAVerification() {
        long pi = approve("CANCEL_FORWARDING");
        Map<String, Object> noExpiry = new HashMap<>();
        noExpiry.put(Variables.EXPIRES_AT, null);
        engine.complete(pi, JobTypes.APPLY_COUNTERMEASURE, noExpiry);
        assertThat(engine.active(pi)).contains("no_expiry_lift_requested");
        engine.increaseTime(Duration.ofDays(100));
        assertThat(engine.active(pi)).contains("no_expiry_lift_requested");

        engine.publish(Messages.COUNTERMEASURE_LIFT, CM, Map.of(Variables.LIFT_REASON, "CASE_CLOSED"));

        assertThat(engine.job(pi, JobTypes.LIFT_COUNTERMEASURE).getVariablesAsMap())
                .containsEntry(Variables.LIFT_REASON, "CASE_CLOSED");
    }

    @Test
    void aLiftRequestedWhileTheApplyIsStillRunningIsKeptUntilTheProcessWaitsForIt() {
        long pi = approve("CUT_DATA");
        engine.publish(Messages.COUNTERMEASURE_LIFT, CM, Map.of(Variables.LIFT_REASON, "CASE_CLOSED"));
        engine.complete(pi, JobTypes.APPLY_COUNTERMEASURE,
                Map.of(Variables.EXPIRES_AT, Instant.now().plus(Duration.ofDays(30)).toString()));
        assertThat(engine.job(pi, JobTypes.LIFT_COUNTERMEASURE).getVariablesAsMap())
                .containsEntry(Variables.LIFT_REASON, "CASE_CLOSED");
    }

    private long approve(String type) {
        engine.client.newPublishMessageCommand().messageName(Messages.COUNTERMEASURE_APPROVED).correlationKey(CM)
                     .messageId("approved:" + CM).timeToLive(Duration.ofMinutes(5))
                     .variables(Map.of(Variables.CASE_ID, "c-walk", Variables.PERSON_ID, "p-walk",
                             Variables.COUNTERMEASURE_ID, CM, Variables.COUNTERMEASURE_TYPE, type))
                     .send().join();
        engine.settle();
        long pi = engine.countermeasureInstance(CM);
        assertThat(engine.active(pi)).contains("apply_countermeasure");
        return pi;
    }
}
