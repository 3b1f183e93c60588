package org.forewarn.bpmn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.response.ActivatedJob;
import io.grpc.Status;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.regex.Pattern;
import org.forewarn.bpmn.LadderEngine.RungStart;
import org.forewarn.bpmn.Processes.JobTypes;
import org.forewarn.bpmn.Processes.Messages;
import org.forewarn.bpmn.Processes.Variables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Walks every path of the {@code dissuasion} ladder on the in-process engine. Time moves only
 * through {@code increaseTime}; jobs are completed as the workers complete them; messages are
 * published as the bridge publishes them. Each test runs one case on a fresh engine.
 */
class DissuasionProcessTest {

    private static final String CASE = "c-walk";
    /** Anything that looks like a phone number: a plus and digits, or a run of nine or more digits that is not a fraction of a second. */
    private static final Pattern PHONE_LIKE = Pattern.compile("\\+\\d{6,}|(?<![\\d.])\\d{9,}");

    private LadderEngine engine;

    @BeforeEach
    void start() {
        engine = new LadderEngine();
    }

    @AfterEach
    void stop() {
        // no variable of any instance a test left behind may look like a phone number
        assertThat(engine.variables()).allSatisfy(v ->
                assertThat(PHONE_LIKE.matcher(v.getValue()).find())
                        .as("variable %s = %s looks like a phone number", v.getName(), v.getValue()).isFalse());
        engine.close();
    }

    // ---- the ladder in order --------------------------------------------------------------

    @Test
    void persuadedAfterTheWarningSmsEndsTheCaseBeforeAnyOtherRung() {
        long pi = highRiskAdultCase();
        assertThat(engine.rungStarts).extracting(RungStart::rung).containsExactly("WARNING_SMS");
        engine.complete(pi, JobTypes.SEND_WARNING_SMS);
        assertThat(engine.active(pi)).contains("sms_wait");

        engine.publish(Messages.CASE_RESOLVED, CASE);

        assertThat(engine.ended(pi)).isTrue();
        assertThat(engine.completed(pi)).contains("warning_sms", "case_closed").doesNotContain("flash_warning");
    }

    @Test
    void noReactionMovesFromTheSmsToTheFlashWarningToTheAutomatedCallToTheOperator() {
        long pi = highRiskAdultCase();
        engine.complete(pi, JobTypes.SEND_WARNING_SMS);
        engine.increaseTime(Duration.ofMinutes(14));
        assertThat(engine.active(pi)).contains("sms_wait").doesNotContain("flash_warning");

        engine.increaseTime(Duration.ofMinutes(2)); // the plan's wait for HIGH is PT15M
        assertThat(engine.active(pi)).contains("flash_warning");
        engine.complete(pi, JobTypes.SEND_FLASH_WARNING);
        engine.increaseTime(Duration.ofMinutes(16));
        assertThat(engine.active(pi)).contains("automated_call");
        engine.complete(pi, JobTypes.PLACE_AUTOMATED_CALL);
        engine.publish(Messages.AUTOMATED_CALL_RESULT, CASE, Map.of("callResult", "NO_ANSWER", "heardWarning", false));

        assertThat(engine.active(pi)).contains("operator_call");
        assertThat(engine.rungStarts).extracting(RungStart::rung)
                .containsExactly("WARNING_SMS", "FLASH_WARNING", "AUTOMATED_CALL", "OPERATOR_CALL");
    }

    @Test
    void anUndeliveredSmsMovesOnAtOnce() {
        long pi = highRiskAdultCase();
        engine.complete(pi, JobTypes.SEND_WARNING_SMS);
        engine.publish(Messages.WARNING_SMS_FAILED, CASE);
        assertThat(engine.active(pi)).contains("flash_warning");
    }

    @Test
    void unreachableByPhoneGoesToTheFamilyAndThenToAHomeVisit() {
        long pi = atOperatorCall();
        engine.publish(Messages.CALL_OUTCOME, CASE, Map.of(Variables.OUTCOME, "UNREACHABLE"));
        assertThat(engine.active(pi)).contains("family_contact");
        assertThat(engine.familySmsSteps).as("the relatives are warned by SMS first").containsExactly("family_contact");

        engine.publish(Messages.FAMILY_CONTACTED, CASE, Map.of(Variables.FAMILY_RESULT, "UNREACHABLE"));
        ActivatedJob request = engine.job(pi, JobTypes.REQUEST_HOME_VISIT);
        assertThat(request.getVariablesAsMap()).containsKey(Variables.DUE_AT);
        assertThat(ZonedDateTime.parse((String) request.getVariablesAsMap().get(Variables.DUE_AT)).toInstant())
                .isAfter(Instant.now().plus(Duration.ofHours(23))); // HIGH: face to face within 24 h
        engine.client.newCompleteCommand(request).send().join();
        engine.settle();
        assertThat(engine.active(pi)).contains("home_visit_report");

        engine.publish(Messages.HOME_VISIT_REPORTED, CASE, Map.of(Variables.VISIT_RESULT, "PERSON_SAFE"));
        assertThat(engine.completed(pi)).contains("visit_safe", "ladder_done");
        assertThat(engine.ended(pi)).isTrue();
    }

    @Test
    void aHomeVisitThatFindsNobodyLeadsToACountermeasureProposal() {
        long pi = atOperatorCall();
        engine.publish(Messages.CALL_OUTCOME, CASE, Map.of(Variables.OUTCOME, "UNREACHABLE"));
        engine.publish(Messages.FAMILY_CONTACTED, CASE, Map.of(Variables.FAMILY_RESULT, "DECLINED"));
        engine.complete(pi, JobTypes.REQUEST_HOME_VISIT);
        engine.publish(Messages.HOME_VISIT_REPORTED, CASE, Map.of(Variables.VISIT_RESULT, "NOT_FOUND"));
        assertThat(engine.active(pi)).contains("cm_proposal");
    }

    @Test
    void anOperatorCallWithASafeOutcomeEndsTheLadder() {
        long pi = atOperatorCall();
        engine.publish(Messages.CALL_OUTCOME, CASE, Map.of(Variables.OUTCOME, "PERSUADED"));
        assertThat(engine.completed(pi)).contains("outcome_recorded", "ladder_done");
    }

    @Test
    void refusalLeadsToAProposalAnApprovalAndTheCountermeasureInForce() {
        long pi = atOperatorCall();
        engine.publish(Messages.CALL_OUTCOME, CASE, Map.of(Variables.OUTCOME, "REFUSED"));
        assertThat(engine.active(pi)).contains("cm_proposal");

        engine.publish(Messages.COUNTERMEASURE_PROPOSED, CASE,
                Map.of(Variables.COUNTERMEASURE_ID, "cm-1", Variables.COUNTERMEASURE_TYPE, "RESTRICT_TRANSFERS"));
        assertThat(engine.active(pi)).contains("cm_decision");
        engine.publish(Messages.COUNTERMEASURE_DECIDED, "cm-1", Map.of(Variables.APPROVED, true));
        assertThat(engine.active(pi)).contains("countermeasure_applied");
        engine.publish(Messages.COUNTERMEASURE_APPLIED, "cm-1");

        assertThat(engine.completed(pi)).contains("countermeasure_in_force", "ladder_done");
        assertThat(engine.rungStarts).extracting(RungStart::elementId)
                .endsWith("operator_call", "cm_proposal", "cm_decision");
    }

    @Test
    void aRejectedProposalWaitsForANewProposalInANewRound() {
        long pi = atOperatorCall();
        engine.publish(Messages.CALL_OUTCOME, CASE, Map.of(Variables.OUTCOME, "REFUSED"));
        engine.publish(Messages.COUNTERMEASURE_PROPOSED, CASE,
                Map.of(Variables.COUNTERMEASURE_ID, "cm-1", Variables.COUNTERMEASURE_TYPE, "SUSPEND_SERVICE"));
        engine.publish(Messages.COUNTERMEASURE_DECIDED, "cm-1", Map.of(Variables.APPROVED, false));

        assertThat(engine.active(pi)).contains("cm_proposal").doesNotContain("countermeasure_applied");
        assertThat(engine.variable(pi, Variables.ROUND)).isEqualTo("1");
        RungStart last = engine.rungStarts.get(engine.rungStarts.size() - 1);
        assertThat(last.elementId()).isEqualTo("cm_proposal");
        assertThat(last.round()).isEqualTo(1);
    }

    @Test
    void aDecisionForAnotherCountermeasureDoesNotCompleteThisOne() {
        long pi = atOperatorCall();
        engine.publish(Messages.CALL_OUTCOME, CASE, Map.of(Variables.OUTCOME, "REFUSED"));
        engine.publish(Messages.COUNTERMEASURE_PROPOSED, CASE,
                Map.of(Variables.COUNTERMEASURE_ID, "cm-1", Variables.COUNTERMEASURE_TYPE, "CUT_DATA"));
        engine.publish(Messages.COUNTERMEASURE_DECIDED, "cm-other", Map.of(Variables.APPROVED, true));
        assertThat(engine.active(pi)).contains("cm_decision");
    }

    // ---- deadlines ------------------------------------------------------------------------

    @Test
    void anOperatorCallPastItsDeadlineIsFlaggedAndStillWaitsForItsOutcome() {
        long pi = atOperatorCall();
        engine.increaseTime(Duration.ofMinutes(61)); // HIGH: operator call within PT1H
        ActivatedJob flag = engine.job(pi, JobTypes.FLAG_OVERDUE);
        assertThat(flag.getVariablesAsMap())
                .containsEntry(Variables.RUNG, "OPERATOR_CALL").containsEntry(Variables.STEP, "operator_call");
        engine.client.newCompleteCommand(flag).send().join();
        engine.settle();
        assertThat(engine.active(pi)).contains("operator_call");
    }

    @Test
    void anOverdueSupervisorDecisionIsFlagged() {
        long pi = atOperatorCall();
        engine.publish(Messages.CALL_OUTCOME, CASE, Map.of(Variables.OUTCOME, "REFUSED"));
        engine.publish(Messages.COUNTERMEASURE_PROPOSED, CASE,
                Map.of(Variables.COUNTERMEASURE_ID, "cm-1", Variables.COUNTERMEASURE_TYPE, "CUT_DATA"));
        engine.increaseTime(Duration.ofHours(5)); // HIGH: decision within PT4H
        assertThat(engine.job(pi, JobTypes.FLAG_OVERDUE).getVariablesAsMap())
                .containsEntry(Variables.RUNG, "COUNTERMEASURE").containsEntry(Variables.STEP, "cm_decision");
    }

    // ---- plans ----------------------------------------------------------------------------

    @Test
    void anElderlyHighRiskPersonGetsTheFlashWarningFirstAndTheFamilyBeforeTheCalls() {
        long pi = engine.openCase(CASE, "HIGH", "INVESTMENT_SCAM", "CALL", "ELDERLY");
        assertThat(engine.active(pi)).contains("flash_warning").doesNotContain("warning_sms");
        engine.complete(pi, JobTypes.SEND_FLASH_WARNING);
        engine.increaseTime(Duration.ofMinutes(11));
        assertThat(engine.active(pi)).contains("family_early");
        assertThat(engine.familySmsSteps).containsExactly("family_early");

        engine.publish(Messages.FAMILY_CONTACTED, CASE, Map.of(Variables.FAMILY_RESULT, "REACHED"));
        assertThat(engine.active(pi)).contains("automated_call");
        engine.complete(pi, JobTypes.PLACE_AUTOMATED_CALL);
        engine.publish(Messages.AUTOMATED_CALL_RESULT, CASE, Map.of("callResult", "BUSY", "heardWarning", false));
        engine.publish(Messages.CALL_OUTCOME, CASE, Map.of(Variables.OUTCOME, "UNREACHABLE"));

        // the family was contacted already: straight to the home visit
        assertThat(engine.active(pi)).contains("home_visit_request").doesNotContain("family_contact");
        assertThat(engine.familySmsSteps).as("the relatives are warned once").containsExactly("family_early");
    }

    @Test
    void extremeRiskRunsTheEmergencyBranchAllAtOnce() {
        long pi = engine.openCase(CASE, "EXTREME", "IMPERSONATING_AUTHORITIES", "CALL", null);
        assertThat(engine.active(pi)).contains("em_warning_sms", "em_family",
                "em_visit_request", "em_cancel_fwd");
        assertThat(engine.rungStarts).extracting(RungStart::rung).containsOnly("EMERGENCY").hasSize(4);
        assertThat(engine.familySmsSteps).containsExactly("em_family");

        engine.complete(pi, JobTypes.SEND_WARNING_SMS);
        engine.complete(pi, JobTypes.REQUEST_HOME_VISIT);
        ActivatedJob proposal = engine.job(pi, JobTypes.PROPOSE_COUNTERMEASURE);
        assertThat(proposal.getVariablesAsMap()).containsEntry(Variables.COUNTERMEASURE_TYPE, "CANCEL_FORWARDING");
        engine.client.newCompleteCommand(proposal).variables(Map.of(Variables.COUNTERMEASURE_ID, "cm-cf")).send().join();
        engine.settle();
        assertThat(engine.active(pi)).contains("em_family", "em_visit_report",
                "em_decision");

        engine.publish(Messages.FAMILY_CONTACTED, CASE, Map.of(Variables.FAMILY_RESULT, "WILL_INTERVENE"));
        engine.publish(Messages.HOME_VISIT_REPORTED, CASE, Map.of(Variables.VISIT_RESULT, "PERSUADED"));
        engine.publish(Messages.COUNTERMEASURE_DECIDED, "cm-cf", Map.of(Variables.APPROVED, true));
        engine.publish(Messages.COUNTERMEASURE_APPLIED, "cm-cf");
        assertThat(engine.completed(pi)).contains("em_join", "em_done", "ladder_done");
    }

    @Test
    void aForwardedLineRunsTheEmergencyBranchWhateverTheRisk() {
        long pi = engine.openCase(CASE, "MEDIUM", "FAKE_CUSTOMER_SERVICE", "CALL_FORWARDING", null);
        assertThat(engine.active(pi)).contains("em_cancel_fwd", "em_family");
    }

    @Test
    void aRejectedEmergencyProposalStillLetsTheBranchFinish() {
        long pi = engine.openCase(CASE, "EXTREME", "LOAN_SCAM", "CALL", null);
        engine.complete(pi, JobTypes.SEND_WARNING_SMS);
        engine.complete(pi, JobTypes.REQUEST_HOME_VISIT);
        engine.complete(pi, JobTypes.PROPOSE_COUNTERMEASURE, Map.of(Variables.COUNTERMEASURE_ID, "cm-cf"));
        engine.publish(Messages.COUNTERMEASURE_DECIDED, "cm-cf", Map.of(Variables.APPROVED, false));
        engine.publish(Messages.FAMILY_CONTACTED, CASE, Map.of(Variables.FAMILY_RESULT, "REACHED"));
        engine.publish(Messages.HOME_VISIT_REPORTED, CASE, Map.of(Variables.VISIT_RESULT, "PERSON_SAFE"));
        assertThat(engine.completed(pi)).contains("em_decided", "em_done");
    }

    // ---- interruptions --------------------------------------------------------------------

    @Test
    void resolvingTheCaseMidLadderEndsEveryBranch() {
        long pi = engine.openCase(CASE, "EXTREME", "IMPERSONATING_AUTHORITIES", "CALL", null);
        engine.complete(pi, JobTypes.REQUEST_HOME_VISIT);
        assertThat(engine.active(pi)).hasSizeGreaterThan(3);

        engine.publish(Messages.CASE_RESOLVED, CASE);

        assertThat(engine.active(pi)).isEmpty();
        assertThat(engine.ended(pi)).isTrue();
        assertThat(engine.completed(pi)).contains("case_closed").doesNotContain("em_done", "ladder_done");
    }

    @Test
    void aRaisedRiskJumpsAheadToTheEmergencyBranch() {
        long pi = engine.openCase(CASE, "MEDIUM", "BRUSHING_TASKS", "SMS", null);
        engine.complete(pi, JobTypes.SEND_WARNING_SMS);
        assertThat(engine.active(pi)).contains("sms_wait");

        engine.publish(Messages.RISK_RAISED, CASE, Map.of(Variables.RISK_LEVEL, "EXTREME", Variables.CHANNEL, "CALL"));

        assertThat(engine.active(pi)).contains("em_warning_sms", "em_cancel_fwd").doesNotContain("sms_wait");
        assertThat(engine.variable(pi, Variables.RISK_LEVEL)).isEqualTo("\"EXTREME\"");
        assertThat(engine.variable(pi, Variables.CURRENT_RUNG)).isEqualTo("\"EMERGENCY\"");
    }

    @Test
    void aRaisedRiskWhosePlanStartsLowerKeepsTheRungButTakesTheShorterDeadlines() {
        long pi = engine.openCase(CASE, "LOW", "PRIZE_SCAM", "SMS", null);
        engine.complete(pi, JobTypes.SEND_WARNING_SMS);
        engine.increaseTime(Duration.ofHours(4)); // LOW waits PT4H after each message
        engine.complete(pi, JobTypes.SEND_FLASH_WARNING);
        engine.increaseTime(Duration.ofHours(4));
        engine.complete(pi, JobTypes.PLACE_AUTOMATED_CALL);
        engine.increaseTime(Duration.ofHours(4));
        assertThat(engine.active(pi)).contains("operator_call");

        engine.publish(Messages.RISK_RAISED, CASE, Map.of(Variables.RISK_LEVEL, "HIGH", Variables.CHANNEL, "CALL"));

        assertThat(engine.active(pi)).contains("operator_call");
        assertThat(engine.completed(pi)).contains("plan_updated");
        assertThat(engine.variable(pi, Variables.PLAN)).contains("\"operatorCallSla\":\"PT1H\"");
    }

    @Test
    void anOperatorSkipMovesTheLadderStraightToTheHomeVisit() {
        long pi = highRiskAdultCase();
        engine.complete(pi, JobTypes.SEND_WARNING_SMS);

        engine.publish(Messages.RUNG_SKIPPED, CASE, Map.of(Variables.TARGET_RUNG, "HOME_VISIT"));

        assertThat(engine.active(pi)).contains("home_visit_request").doesNotContain("sms_wait");
        assertThat(engine.completed(pi)).contains("rung_skipped");
    }

    @Test
    void aChannelThatKeepsFailingBecomesAnIncident() {
        long pi = highRiskAdultCase();
        ActivatedJob sms = engine.job(pi, JobTypes.SEND_WARNING_SMS);
        engine.fail(sms, 0, "SmsProviderException: 503 from the provider");

        assertThat(engine.incidents(pi)).singleElement().satisfies(incident -> {
            assertThat(incident.getElementId()).isEqualTo("warning_sms");
            assertThat(incident.getErrorMessage()).contains("503");
        });
        // the ladder waits at the failed rung; an operator skip takes it on
        engine.publish(Messages.RUNG_SKIPPED, CASE, Map.of(Variables.TARGET_RUNG, "OPERATOR_CALL"));
        assertThat(engine.active(pi)).contains("operator_call").doesNotContain("warning_sms");
    }

    // ---- recovery -------------------------------------------------------------------------

    @Test
    void aProcessReopenedByRecoveryEntersAtItsRungWithItsRemainingDeadline() {
        Instant due = Instant.now().plus(Duration.ofMinutes(10));
        long pi = engine.openCase(CASE, "HIGH", "LOAN_SCAM", "CALL", "ADULT",
                Map.of(Variables.RESUME_RUNG, "OPERATOR_CALL", Variables.RESUME_DUE_AT, due.toString()));

        assertThat(engine.active(pi)).contains("operator_call");
        assertThat(engine.rungStarts).singleElement().satisfies(s -> {
            assertThat(s.rung()).isEqualTo("OPERATOR_CALL");
            assertThat(s.dueAt().toInstant()).isEqualTo(due);
        });
        engine.increaseTime(Duration.ofMinutes(11));
        assertThat(engine.job(pi, JobTypes.FLAG_OVERDUE).getVariablesAsMap())
                .containsEntry(Variables.STEP, "operator_call");
    }

    // ---- the start message ----------------------------------------------------------------

    @Test
    void theSameCaseOpenedTwiceStartsOneProcess() {
        engine.openCase(CASE, "HIGH", "LOAN_SCAM", "CALL", null);
        assertThatThrownBy(() -> engine.openCase(CASE, "HIGH", "LOAN_SCAM", "CALL", null))
                .isInstanceOf(ClientStatusException.class)
                .satisfies(e -> assertThat(((ClientStatusException) e).getStatusCode())
                        .isEqualTo(Status.Code.ALREADY_EXISTS));
        assertThat(engine.variables().filter(v -> v.getName().equals(Variables.CASE_ID))
                         .map(v -> v.getProcessInstanceKey()).distinct()).hasSize(1);
    }

    @Test
    void gatewayListensOnLoopbackOnly() {
        assertThat(engine.zeebe.listenAddresses()).isNotEmpty().allSatisfy(address ->
                assertThat(((InetSocketAddress) address).getAddress().isLoopbackAddress()).isTrue());
    }

    // ---- helpers --------------------------------------------------------------------------

    private long highRiskAdultCase() {
        long pi = engine.openCase(CASE, "HIGH", "FAKE_CUSTOMER_SERVICE", "CALL", "ADULT");
        assertThat(engine.active(pi)).contains("warning_sms");
        return pi;
    }

    /** A HIGH/adult case walked up to the operator call. */
    private long atOperatorCall() {
        long pi = highRiskAdultCase();
        engine.complete(pi, JobTypes.SEND_WARNING_SMS);
        engine.publish(Messages.WARNING_SMS_FAILED, CASE);
        engine.complete(pi, JobTypes.SEND_FLASH_WARNING);
        engine.increaseTime(Duration.ofMinutes(16));
        engine.complete(pi, JobTypes.PLACE_AUTOMATED_CALL);
        engine.publish(Messages.AUTOMATED_CALL_RESULT, CASE, Map.of("callResult", "ANSWERED", "heardWarning", true));
        assertThat(engine.active(pi)).contains("operator_call");
        return pi;
    }
}
