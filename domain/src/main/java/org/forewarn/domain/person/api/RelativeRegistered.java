package org.forewarn.domain.person.api;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.forewarn.domain.PersonalText;
import org.forewarn.domain.PhoneNumber;

/** A relative was registered with the person's consent. */
@Revision("1")
public record RelativeRegistered(
        String personId,
        String relativeId,
        Relation relation,
        PersonalText name,
        PhoneNumber number,
        ConsentForm consent,
        Instant consentGivenAt,
        String actor) implements PersonEvent {
}
