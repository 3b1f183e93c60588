package org.forewarn.domain.person.api;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.forewarn.domain.PersonalText;

/**
 * A supervisor gave the case to {@code operator}, who now holds its claim until {@code until};
 * {@code previousOperator} held it before (null: nobody), and {@code note} is read first.
 */
@Revision("1")
public record CaseAssigned(
        String personId,
        String caseId,
        String requestId,
        String operator,
        String previousOperator,
        Instant until,
        PersonalText note,
        String actor) implements PersonEvent {
}
