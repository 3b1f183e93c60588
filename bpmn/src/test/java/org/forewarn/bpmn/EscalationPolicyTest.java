package org.forewarn.bpmn;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.response.EvaluateDecisionResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The DMN {@code escalation-policy}, evaluated by the engine itself: one case per rule of the
 * table, in the table's order, plus the rule order that makes the table a policy (the first
 * match wins).
 */
class EscalationPolicyTest {

    private static LadderEngine engine;

    @BeforeAll
    static void start() {
        engine = new LadderEngine();
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @ParameterizedTest(name = "rule {0}: {1} {2} {3} {4}")
    @CsvSource(nullValues = "null", textBlock = """
            1,  EXTREME, LOAN_SCAM,                 ADULT,   CALL,            WARNING_SMS,   true,  true,  PT5M,  PT15M, PT30M, PT24H, PT1H
            2,  MEDIUM,  FAKE_CUSTOMER_SERVICE,     null,    CALL_FORWARDING, WARNING_SMS,   true,  true,  PT5M,  PT15M, PT30M, PT24H, PT1H
            2,  LOW,     PRIZE_SCAM,                null,    LINE_BUSY,       WARNING_SMS,   true,  true,  PT5M,  PT15M, PT30M, PT24H, PT1H
            3,  HIGH,    INVESTMENT_SCAM,           ELDERLY, CALL,            FLASH_WARNING, false, true,  PT10M, PT30M, PT1H,  PT24H, PT2H
            4,  HIGH,    IMPERSONATING_AUTHORITIES, ADULT,   CALL,            FLASH_WARNING, false, false, PT10M, PT30M, PT1H,  PT24H, PT2H
            5,  HIGH,    GAME_TRADING_SCAM,         MINOR,   INTERNET,        WARNING_SMS,   false, true,  PT10M, PT30M, PT1H,  PT24H, PT2H
            6,  HIGH,    BRUSHING_TASKS,            null,    SMS,             WARNING_SMS,   false, false, PT15M, PT1H,  PT2H,  PT24H, PT4H
            7,  MEDIUM,  SOCIAL_INSURANCE_SCAM,     ELDERLY, CALL,            WARNING_SMS,   false, true,  PT30M, PT2H,  PT4H,  PT48H, PT8H
            8,  MEDIUM,  ROMANCE_SCAM,              ADULT,   INTERNET,        WARNING_SMS,   false, false, PT1H,  PT4H,  PT8H,  P3D,   PT8H
            9,  LOW,     FAKE_SHOPPING,             null,    INTERNET,        WARNING_SMS,   false, false, PT4H,  PT8H,  PT24H, P7D,   PT24H
            10, null,    OTHER,                     null,    CALL,            WARNING_SMS,   false, false, PT1H,  PT4H,  PT8H,  P3D,   PT8H
            """)
    void eachRuleOfThePolicy(int rule, String risk, String category, String age, String channel, String firstRung,
                             boolean parallel, boolean familyBeforeCall, String wait, String callSla,
                             String familySla, String visitSla, String decisionSla) {
        Map<String, Object> plan = evaluate(risk, category, age, channel);
        assertThat(plan).containsEntry("firstRung", firstRung)
                        .containsEntry("parallel", parallel)
                        .containsEntry("familyBeforeCall", familyBeforeCall)
                        .containsEntry("wait", wait)
                        .containsEntry("operatorCallSla", callSla)
                        .containsEntry("familyContactSla", familySla)
                        .containsEntry("homeVisitSla", visitSla)
                        .containsEntry("decisionSla", decisionSla);
        assertThat(matchedRule(risk, category, age, channel)).isEqualTo("rule_" + rule);
    }

    @Test
    void anExtremeRiskWinsOverEveryOtherRuleItAlsoMatches() {
        assertThat(matchedRule("EXTREME", "IMPERSONATING_AUTHORITIES", "ELDERLY", "LINE_BUSY")).isEqualTo("rule_1");
    }

    @Test
    void everyHomeVisitOfAHighOrExtremeRiskIsDueWithinADay() {
        for (String risk : new String[] {"EXTREME", "HIGH"}) {
            for (String age : new String[] {"ELDERLY", "ADULT", "MINOR", null}) {
                assertThat(evaluate(risk, "OTHER", age, "CALL")).containsEntry("homeVisitSla", "PT24H");
            }
        }
    }

    private static Map<String, Object> evaluate(String risk, String category, String age, String channel) {
        return response(risk, category, age, channel).getDecisionOutput() == null ? Map.of()
                : parse(response(risk, category, age, channel).getDecisionOutput());
    }

    private static String matchedRule(String risk, String category, String age, String channel) {
        var matched = response(risk, category, age, channel).getEvaluatedDecisions().get(0).getMatchedRules();
        assertThat(matched).isNotEmpty();
        return matched.get(0).getRuleId();
    }

    private static EvaluateDecisionResponse response(String risk, String category, String age, String channel) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("riskLevel", risk);
        variables.put("category", category);
        variables.put("ageGroup", age);
        variables.put("channel", channel);
        return engine.client.newEvaluateDecisionCommand().decisionId(Processes.ESCALATION_POLICY)
                            .variables(variables).send().join();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(String json) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readValue(json, Map.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }
}
