package org.forewarn.workflows.jobs;

import org.forewarn.domain.DomainRuleViolation;

/** Recognises the aggregate's refusal to record anything more on a case that has its outcome. */
public final class ClosedCases {

    private ClosedCases() {
    }

    /** True when {@code error}, or what caused it, is a {@link DomainRuleViolation.Kind#CLOSED} refusal. */
    public static boolean refusedAsClosed(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof DomainRuleViolation violation && violation.kind() == DomainRuleViolation.Kind.CLOSED) {
                return true;
            }
        }
        return false;
    }
}
