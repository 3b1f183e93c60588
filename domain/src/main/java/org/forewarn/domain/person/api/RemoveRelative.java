package org.forewarn.domain.person.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Remove a registered relative. */
public record RemoveRelative(
        @TargetAggregateIdentifier String personId,
        String relativeId,
        String reason,
        String actor) {
}
