package org.forewarn.domain.person.api;

import org.axonframework.serialization.Revision;
import org.forewarn.domain.PersonalText;
import org.forewarn.domain.Rung;

/** The case's ladder was moved ahead from {@code fromRung} (null before any rung started) to {@code toRung}. */
@Revision("1")
public record RungSkipped(
        String personId,
        String caseId,
        String requestId,
        Rung fromRung,
        Rung toRung,
        PersonalText reason,
        String actor) implements PersonEvent {
}
