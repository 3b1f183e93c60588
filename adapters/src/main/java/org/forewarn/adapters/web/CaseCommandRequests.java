package org.forewarn.adapters.web;

/**
 * The bodies of the case commands of the API, as received: text fields, validated by
 * {@link Casework} so that each bad field gets its own message. Amounts are whole fen.
 */
public final class CaseCommandRequests {

    private CaseCommandRequests() {
    }

    /** {@code POST /cases/{caseId}/call-outcomes} and {@code /resolution}. */
    public record OutcomeRequest(String outcome, String lossAmount, String amountSaved, String note) {
    }

    /** {@code POST /cases/{caseId}/countermeasures}. */
    public record ProposalRequest(String type, String reason) {
    }

    /** {@code POST /cases/{caseId}/countermeasures/{id}/decision}. */
    public record DecisionRequest(String approve, String note) {
    }

    /** {@code POST /cases/{caseId}/relatives}. */
    public record RelativeRequest(String relation, String name, String number, String consent, String consentGivenAt) {
    }

    /** {@code POST /cases/{caseId}/relatives/{id}/removal} and {@code /persons/{id}/erasure}. */
    public record ReasonRequest(String reason) {
    }

    /** {@code POST /cases/{caseId}/home-visits}. */
    public record HomeVisitRequest(String dueBy) {
    }

    /** {@code POST /cases/{caseId}/home-visits/{visitId}/report}. */
    public record HomeVisitReportRequest(String visitedBy, String visitedAt, String result, String note) {
    }

    /** {@code POST /cases/{caseId}/skip}. */
    public record SkipRequest(String rung, String reason) {
    }

    /** {@code POST /cases/{caseId}/countermeasures/{id}/lift-request}. */
    public record LiftRequest(String reason, String note) {
    }

    /** {@code POST /cases/{caseId}/family-contacts}. */
    public record FamilyContactRequest(String relativeId, String method, String result, String note) {
    }

    /** {@code POST /cases/{caseId}/claim/release}; the body is optional. */
    public record ReleaseRequest(String handoverNote) {
    }

    /** {@code POST /shift-handover}. */
    public record HandoverRequest(String note) {
    }

    /** {@code POST /cases/{caseId}/assignment}. */
    public record AssignmentRequest(String operator, String note) {
    }

    /** {@code POST /cases/{caseId}/notes}. */
    public record NoteRequest(String text) {
    }
}
