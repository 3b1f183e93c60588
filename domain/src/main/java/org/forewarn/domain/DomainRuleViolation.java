package org.forewarn.domain;

/**
 * A command that the rules of the work refuse in the aggregate's current state. The
 * {@link Kind} tells callers how to answer: a conflict with the state (409), a missing thing the
 * command names (404), or an actor the rule does not allow (403) — never a fault of ours.
 * {@link Kind#ERASED} is a command that needs personal data the person's erasure destroyed
 * (410). {@link Kind#CLOSED} is the conflict of a command on a case that has its outcome: an API caller
 * gets 409 as for any conflict, but a worker can tell it apart and finish its job quietly, since
 * a closed case needs no more rungs.
 */
public class DomainRuleViolation extends RuntimeException {

    public enum Kind { CONFLICT, CLOSED, NOT_FOUND, FORBIDDEN, ERASED }

    private final Kind kind;

    public DomainRuleViolation(String message) {
        this(Kind.CONFLICT, message);
    }

    public DomainRuleViolation(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public static DomainRuleViolation notFound(String message) {
        return new DomainRuleViolation(Kind.NOT_FOUND, message);
    }

    public static DomainRuleViolation forbidden(String message) {
        return new DomainRuleViolation(Kind.FORBIDDEN, message);
    }

    public static DomainRuleViolation closed(String message) {
        return new DomainRuleViolation(Kind.CLOSED, message);
    }

    public static DomainRuleViolation erased(String message) {
        return new DomainRuleViolation(Kind.ERASED, message);
    }

    public Kind kind() {
        return kind;
    }
}
