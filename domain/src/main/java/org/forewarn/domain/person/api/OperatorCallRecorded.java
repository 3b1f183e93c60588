package org.forewarn.domain.person.api;

import org.axonframework.serialization.Revision;
import org.forewarn.domain.Outcome;
import org.forewarn.domain.PersonalText;

/** An operator recorded what came of their call. */
@Revision("1")
public record OperatorCallRecorded(
        String personId,
        String caseId,
        String requestId,
        Outcome outcome,
        Long lossAmountFen,
        Long amountSavedFen,
        PersonalText note,
        String actor) implements PersonEvent {
}
