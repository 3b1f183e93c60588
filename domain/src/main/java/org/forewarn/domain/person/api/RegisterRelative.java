package org.forewarn.domain.person.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.forewarn.domain.PersonalText;
import org.forewarn.domain.PhoneNumber;

/** Register a relative (亲情号码) the family rung may contact, with the person's consent. */
public record RegisterRelative(
        @TargetAggregateIdentifier String personId,
        String relativeId,
        Relation relation,
        PersonalText name,
        PhoneNumber number,
        ConsentForm consent,
        Instant consentGivenAt,
        String actor) {
}
