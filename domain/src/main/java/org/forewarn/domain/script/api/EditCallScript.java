package org.forewarn.domain.script.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.forewarn.domain.FraudCategory;

/** A supervisor writes a new version of the operators' call script for one fraud category. */
public record EditCallScript(
        @TargetAggregateIdentifier String scriptId,
        FraudCategory category,
        String requestId,
        String text,
        String actor) {
}
