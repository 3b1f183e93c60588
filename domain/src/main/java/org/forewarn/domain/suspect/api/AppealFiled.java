package org.forewarn.domain.suspect.api;

import org.axonframework.serialization.Revision;
import org.forewarn.domain.PersonalText;

/** An appeal against the restrictions on the suspect number is open, filed by {@code actor}. */
@Revision("1")
public record AppealFiled(String suspectId, String requestId, String appealId, PersonalText grounds, String actor)
        implements SuspectEvent {
}
