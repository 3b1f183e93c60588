package org.forewarn.domain.person.api;

import org.axonframework.serialization.Revision;
import org.forewarn.domain.Clue;
import org.forewarn.domain.RiskLevel;

/**
 * A clue for a person whose case is open joined that case. {@code caseRisk} is the case's risk
 * after the merge: it only ever rises, and {@code riskRaised} says whether this clue raised it.
 */
@Revision("1")
public record ClueMerged(String personId, String caseId, Clue clue, RiskLevel caseRisk, boolean riskRaised,
                         String actor) implements PersonEvent {
}
