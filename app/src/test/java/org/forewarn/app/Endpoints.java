package org.forewarn.app;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every endpoint of the running application, as data: its method and path, who may call it
 * (DESIGN.md's table and docs/api.md's, as {@code ApiSecurity} enforces them), what its body
 * is, and the kind of each body field, so that one generator can aim bad input at all of them
 * and one matrix can check every role against each. Path parameters are written
 * {@code {caseId}}, {@code {personId}}, {@code {suspectId}} and {@code {id}}.
 */
final class Endpoints {

    /** The demo users, by role. */
    static final String INTAKE = "intake";
    static final String OPERATOR = "operator";
    static final String SUPERVISOR = "supervisor";
    static final String SUPERVISOR2 = "supervisor2";
    static final String AUDITOR = "auditor";
    static final List<String> USERS = List.of(INTAKE, OPERATOR, SUPERVISOR, SUPERVISOR2, AUDITOR);

    /** How a body is sent. */
    enum Body { NONE, JSON, FORM }

    /** What a body field holds, for the generator's aim and for what must be refused. */
    enum Kind { ID, PHONE, CODE, DATE, AMOUNT, TEXT, BOOL, LIST }

    /**
     * @param allowed the users that may call it; {@link #ANYONE} for a public endpoint, {@link #SIGNED}
     *                for one that takes no user credentials but a provider's signature
     * @param fields  the body's fields and their kinds, in order
     * @param valid   a body the endpoint takes (JSON, or a form for webhooks), with {@code %s}
     *                placeholders filled by {@link BadInputTest} where a value must be fresh
     */
    record Endpoint(String method, String path, Set<String> allowed, Body body, Map<String, Kind> fields,
                    String valid) {

        boolean isPublic() {
            return allowed == ANYONE;
        }

        boolean isSigned() {
            return allowed == SIGNED;
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** The live queue: an endless stream, which a caller opens and closes rather than reads. */
    static final String STREAM = "/api/v1/cases/stream";

    static final Set<String> ANYONE = Set.of("anyone");
    static final Set<String> SIGNED = Set.of("signed");

    private static final Set<String> OPERATORS_SUPERVISORS_AUDITORS = Set.of(OPERATOR, SUPERVISOR, SUPERVISOR2,
            AUDITOR);
    private static final Set<String> OPERATORS_SUPERVISORS = Set.of(OPERATOR, SUPERVISOR, SUPERVISOR2);
    private static final Set<String> SUPERVISORS = Set.of(SUPERVISOR, SUPERVISOR2);

    private static final Map<String, Kind> OUTCOME = ordered("outcome", Kind.CODE, "lossAmount", Kind.AMOUNT,
            "amountSaved", Kind.AMOUNT, "note", Kind.TEXT);

    /** One row per endpoint: compare with DESIGN.md's and docs/api.md's tables. */
    static final List<Endpoint> ALL = List.of(
            new Endpoint("POST", "/api/v1/clues", Set.of(INTAKE), Body.JSON,
                    ordered("clueId", Kind.ID, "victimNumber", Kind.PHONE, "suspectNumber", Kind.PHONE,
                            "category", Kind.CODE, "riskLevel", Kind.CODE, "detectedAt", Kind.DATE,
                            "channel", Kind.CODE, "source", Kind.TEXT, "ageGroup", Kind.CODE),
                    "{\"clueId\":\"%s\",\"victimNumber\":\"%s\",\"suspectNumber\":\"%s\","
                            + "\"category\":\"LOAN_SCAM\",\"riskLevel\":\"LOW\",\"detectedAt\":\"%s\","
                            + "\"channel\":\"SMS\",\"source\":\"fuzz-platform\",\"ageGroup\":\"ADULT\"}"),
            new Endpoint("GET", "/api/v1/cases", OPERATORS_SUPERVISORS, Body.NONE, Map.of(), null),
            new Endpoint("GET", STREAM, OPERATORS_SUPERVISORS, Body.NONE, Map.of(), null),
            new Endpoint("GET", "/api/v1/cases/{caseId}", OPERATORS_SUPERVISORS_AUDITORS, Body.NONE, Map.of(), null),
            new Endpoint("POST", "/api/v1/cases/{caseId}/claim", Set.of(OPERATOR), Body.NONE, Map.of(), null),
            new Endpoint("POST", "/api/v1/cases/{caseId}/claim/release", Set.of(OPERATOR), Body.JSON,
                    ordered("handoverNote", Kind.TEXT), "{\"handoverNote\":\"家属晚上八点在家\"}"),
            new Endpoint("POST", "/api/v1/shift-handover", Set.of(OPERATOR), Body.JSON, ordered("note", Kind.TEXT),
                    "{\"note\":\"交班：两位老人需回访\"}"),
            new Endpoint("POST", "/api/v1/cases/{caseId}/assignment", SUPERVISORS, Body.JSON,
                    ordered("operator", Kind.TEXT, "note", Kind.TEXT), "{\"operator\":\"operator\",\"note\":\"请接手\"}"),
            new Endpoint("POST", "/api/v1/cases/{caseId}/number-reveal", OPERATORS_SUPERVISORS, Body.NONE, Map.of(),
                    null),
            new Endpoint("POST", "/api/v1/cases/{caseId}/notes", OPERATORS_SUPERVISORS, Body.JSON,
                    ordered("text", Kind.TEXT), "{\"text\":\"本人称已挂断对方电话\"}"),
            new Endpoint("GET", "/api/v1/cases/{caseId}/history", OPERATORS_SUPERVISORS_AUDITORS, Body.NONE,
                    Map.of(), null),
            new Endpoint("POST", "/api/v1/cases/{caseId}/call-outcomes", Set.of(OPERATOR), Body.JSON, OUTCOME,
                    "{\"outcome\":\"LOSS_OCCURRED\",\"lossAmount\":\"12345\",\"note\":\"已报警\"}"),
            new Endpoint("POST", "/api/v1/cases/{caseId}/resolution", Set.of(OPERATOR), Body.JSON, OUTCOME,
                    "{\"outcome\":\"PERSUADED\",\"amountSaved\":\"5000000\",\"note\":\"已劝阻\"}"),
            new Endpoint("POST", "/api/v1/cases/{caseId}/skip", OPERATORS_SUPERVISORS, Body.JSON,
                    ordered("rung", Kind.CODE, "reason", Kind.TEXT),
                    "{\"rung\":\"OPERATOR_CALL\",\"reason\":\"短信未读\"}"),
            new Endpoint("POST", "/api/v1/cases/{caseId}/countermeasures", Set.of(OPERATOR), Body.JSON,
                    ordered("type", Kind.CODE, "reason", Kind.TEXT),
                    "{\"type\":\"CANCEL_FORWARDING\",\"reason\":\"呼叫转移\"}"),
            new Endpoint("POST", "/api/v1/cases/{caseId}/countermeasures/{id}/decision", SUPERVISORS, Body.JSON,
                    ordered("approve", Kind.BOOL, "note", Kind.TEXT), "{\"approve\":true,\"note\":\"同意\"}"),
            new Endpoint("POST", "/api/v1/cases/{caseId}/countermeasures/{id}/lift-request", SUPERVISORS, Body.JSON,
                    ordered("reason", Kind.CODE, "note", Kind.TEXT),
                    "{\"reason\":\"APPEAL_UPHELD\",\"note\":\"申诉成立\"}"),
            new Endpoint("POST", "/api/v1/cases/{caseId}/relatives", Set.of(OPERATOR), Body.JSON,
                    ordered("relation", Kind.CODE, "name", Kind.TEXT, "number", Kind.PHONE, "consent", Kind.CODE,
                            "consentGivenAt", Kind.DATE),
                    "{\"relation\":\"CHILD\",\"name\":\"王小明\",\"number\":\"%s\",\"consent\":\"IN_PERSON\","
                            + "\"consentGivenAt\":\"2026-01-01T08:00:00+08:00\"}"),
            new Endpoint("POST", "/api/v1/cases/{caseId}/relatives/{id}/removal", Set.of(OPERATOR), Body.JSON,
                    ordered("reason", Kind.TEXT), "{\"reason\":\"号码停用\"}"),
            new Endpoint("POST", "/api/v1/cases/{caseId}/home-visits", Set.of(OPERATOR), Body.JSON,
                    ordered("dueBy", Kind.DATE), "{\"dueBy\":\"%s\"}"),
            new Endpoint("POST", "/api/v1/cases/{caseId}/home-visits/{id}/report", Set.of(OPERATOR), Body.JSON,
                    ordered("visitedBy", Kind.TEXT, "visitedAt", Kind.DATE, "result", Kind.CODE, "note", Kind.TEXT),
                    "{\"visitedBy\":\"派出所张警官\",\"visitedAt\":\"%s\",\"result\":\"PERSON_SAFE\"}"),
            new Endpoint("POST", "/api/v1/cases/{caseId}/family-contacts", Set.of(OPERATOR), Body.JSON,
                    ordered("relativeId", Kind.ID, "method", Kind.CODE, "result", Kind.CODE, "note", Kind.TEXT),
                    "{\"relativeId\":\"rel-1\",\"method\":\"CALL\",\"result\":\"REACHED\"}"),
            new Endpoint("GET", "/api/v1/call-scripts", OPERATORS_SUPERVISORS, Body.NONE, Map.of(), null),
            new Endpoint("GET", "/api/v1/call-scripts/{id}", OPERATORS_SUPERVISORS, Body.NONE, Map.of(), null),
            new Endpoint("PUT", "/api/v1/call-scripts/{id}", SUPERVISORS, Body.JSON, ordered("text", Kind.TEXT),
                    "{\"text\":\"您好，这里是96110反诈中心，请不要向任何人转账。\"}"),
            new Endpoint("POST", "/api/v1/persons/{personId}/erasure", SUPERVISORS, Body.JSON,
                    ordered("reason", Kind.TEXT), "{\"reason\":\"本人申请删除\"}"),
            new Endpoint("POST", "/api/v1/admin/process-recovery", SUPERVISORS, Body.NONE, Map.of(), null),
            new Endpoint("POST", "/api/v1/suspect-numbers:lookup", OPERATORS_SUPERVISORS, Body.JSON,
                    ordered("number", Kind.PHONE), "{\"number\":\"+8617000000002\"}"),
            new Endpoint("GET", "/api/v1/suspect-numbers/{suspectId}", OPERATORS_SUPERVISORS, Body.NONE, Map.of(),
                    null),
            new Endpoint("POST", "/api/v1/suspect-numbers/{suspectId}/dispositions", SUPERVISORS, Body.JSON,
                    ordered("type", Kind.CODE, "reason", Kind.TEXT, "platform", Kind.TEXT, "accountRefs", Kind.LIST),
                    "{\"type\":\"REPORT_LINKED_ACCOUNTS\",\"reason\":\"涉诈\",\"platform\":\"alipay\","
                            + "\"accountRefs\":[\"acct-1\"]}"),
            new Endpoint("POST", "/api/v1/suspect-numbers/{suspectId}/appeals", OPERATORS_SUPERVISORS, Body.JSON,
                    ordered("grounds", Kind.TEXT), "{\"grounds\":\"本人号码被盗用\"}"),
            new Endpoint("POST", "/api/v1/suspect-numbers/{suspectId}/appeals/{id}/decision", SUPERVISORS, Body.JSON,
                    ordered("uphold", Kind.BOOL, "reason", Kind.TEXT), "{\"uphold\":false,\"reason\":\"证据不足\"}"),
            new Endpoint("POST", "/webhooks/twilio/message-status", SIGNED, Body.FORM,
                    ordered("MessageSid", Kind.ID, "MessageStatus", Kind.CODE, "ErrorCode", Kind.TEXT),
                    "MessageSid=SM0123456789abcdef0123456789abcdef&MessageStatus=delivered"),
            new Endpoint("POST", "/webhooks/twilio/call-status", SIGNED, Body.FORM,
                    ordered("CallSid", Kind.ID, "CallStatus", Kind.CODE),
                    "CallSid=CA0123456789abcdef0123456789abcdef&CallStatus=completed"),
            new Endpoint("POST", "/webhooks/twilio/call-gather", SIGNED, Body.FORM,
                    ordered("CallSid", Kind.ID, "Digits", Kind.TEXT),
                    "CallSid=CA0123456789abcdef0123456789abcdef&Digits=1"),
            new Endpoint("GET", "/actuator/health", ANYONE, Body.NONE, Map.of(), null),
            new Endpoint("GET", "/v3/api-docs", Set.copyOf(USERS), Body.NONE, Map.of(), null),
            new Endpoint("GET", "/swagger-ui/index.html", Set.copyOf(USERS), Body.NONE, Map.of(), null),
            new Endpoint("GET", "/actuator/metrics", SUPERVISORS, Body.NONE, Map.of(), null));

    private Endpoints() {
    }

    private static Map<String, Kind> ordered(Object... pairs) {
        Map<String, Kind> fields = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            fields.put((String) pairs[i], (Kind) pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(fields);
    }
}
