package org.forewarn.domain.person.api;

import org.forewarn.domain.Clue;

/** A clue opened a new case for a person who had none open. */
public record CaseOpened(String personId, String caseId, Clue clue, String actor) {
}
