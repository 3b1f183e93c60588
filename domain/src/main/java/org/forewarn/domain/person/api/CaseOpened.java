package org.forewarn.domain.person.api;

import org.axonframework.serialization.Revision;
import org.forewarn.domain.Clue;

/** A clue opened a new case for a person who had none open. */
@Revision("1")
public record CaseOpened(String personId, String caseId, Clue clue, String actor) implements PersonEvent {
}
