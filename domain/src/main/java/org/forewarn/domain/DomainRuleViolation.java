package org.forewarn.domain;

/**
 * A command that the rules of the work refuse in the aggregate's current state (for example an
 * attempt recorded for a case that is not open). Callers answer it with a conflict, not a fault.
 */
public class DomainRuleViolation extends RuntimeException {

    public DomainRuleViolation(String message) {
        super(message);
    }
}
