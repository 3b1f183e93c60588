package org.forewarn.domain.suspect.api;

import java.util.List;
import org.axonframework.serialization.Revision;
import org.forewarn.domain.PersonalText;

/** Accounts on {@code platform} linked to the suspect number were reported to that platform. */
@Revision("1")
public record LinkedAccountsReported(String suspectId, String requestId, String platform,
                                     List<PersonalText> accountRefs, String reason, String actor)
        implements SuspectEvent {
}
