package org.forewarn.domain.person.api;

/**
 * The answer to {@link OpenCase}: which case now holds the clue. {@code duplicate} is true when
 * the clue had been taken in before, in which case nothing changed and the answer is the one
 * given the first time.
 */
public record CaseOpening(String caseId, String personId, IntakeStatus status, boolean duplicate) {

    public enum IntakeStatus { OPENED, MERGED }

    public CaseOpening asDuplicate() {
        return new CaseOpening(caseId, personId, status, true);
    }
}
