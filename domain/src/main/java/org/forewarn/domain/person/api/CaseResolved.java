package org.forewarn.domain.person.api;

import java.util.List;
import org.axonframework.serialization.Revision;
import org.forewarn.domain.Outcome;
import org.forewarn.domain.PersonalText;

/** A case closed with its outcome; {@code countermeasuresToLift} are those in force, to be lifted now. */
@Revision("1")
public record CaseResolved(
        String personId,
        String caseId,
        String requestId,
        Outcome outcome,
        Long lossAmountFen,
        Long amountSavedFen,
        PersonalText note,
        List<String> countermeasuresToLift,
        String actor) implements PersonEvent {
}
