package org.forewarn.domain.script.api;

import org.axonframework.serialization.Revision;
import org.forewarn.domain.FraudCategory;

/** Version {@code version} of the call script of {@code category}, written by {@code actor}. */
@Revision("1")
public record CallScriptEdited(
        String scriptId,
        FraudCategory category,
        String requestId,
        int version,
        String text,
        String actor) {
}
