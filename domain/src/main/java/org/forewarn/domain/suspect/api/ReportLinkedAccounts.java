package org.forewarn.domain.suspect.api;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.forewarn.domain.PersonalText;

/**
 * Report accounts on another platform (a bank, a payment or social app) linked to the suspect
 * number, so that platform can close them. The account references are personal data.
 */
public record ReportLinkedAccounts(
        @TargetAggregateIdentifier String suspectId,
        String requestId,
        String platform,
        List<PersonalText> accountRefs,
        String reason,
        String actor) {
}
