package org.forewarn.domain.person.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.forewarn.domain.Outcome;
import org.forewarn.domain.PersonalText;

/** Record what came of an operator's call (96110); the case stays open. */
public record RecordCallOutcome(
        @TargetAggregateIdentifier String personId,
        String caseId,
        String requestId,
        Outcome outcome,
        Long lossAmountFen,
        Long amountSavedFen,
        PersonalText note,
        String actor) {
}
