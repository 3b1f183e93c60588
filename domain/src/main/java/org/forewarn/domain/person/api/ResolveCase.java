package org.forewarn.domain.person.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.forewarn.domain.Outcome;
import org.forewarn.domain.PersonalText;

/** Close a case with its outcome. */
public record ResolveCase(
        @TargetAggregateIdentifier String personId,
        String caseId,
        String requestId,
        Outcome outcome,
        Long lossAmountFen,
        Long amountSavedFen,
        PersonalText note,
        String actor) {
}
