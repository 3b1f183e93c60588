package org.forewarn.workflows.ports;

import java.util.Objects;
import org.forewarn.domain.PhoneNumber;
import org.forewarn.domain.person.api.Relation;

/** A relative registered for the person (亲情号码), as the family rung reaches them. */
public record Relative(String relativeId, Relation relation, PhoneNumber number) {

    public Relative {
        Objects.requireNonNull(relativeId, "relativeId");
        Objects.requireNonNull(number, "number");
    }
}
