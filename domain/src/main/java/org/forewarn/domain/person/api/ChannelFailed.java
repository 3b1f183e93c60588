package org.forewarn.domain.person.api;

import org.axonframework.serialization.Revision;
import org.forewarn.domain.Rung;

/** A channel failed an attempt for good; an operator must take the step over. */
@Revision("1")
public record ChannelFailed(
        String personId,
        String caseId,
        String attemptId,
        Rung rung,
        String failure,
        String actor) implements PersonEvent {
}
