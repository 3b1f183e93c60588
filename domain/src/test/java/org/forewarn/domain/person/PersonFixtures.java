package org.forewarn.domain.person;

import static org.forewarn.domain.Clues.clue;

import java.time.Instant;
import java.util.List;
import org.forewarn.domain.CountermeasureType;
import org.forewarn.domain.DomainRuleViolation;
import org.forewarn.domain.DomainRuleViolation.Kind;
import org.forewarn.domain.Outcome;
import org.forewarn.domain.PersonalText;
import org.forewarn.domain.RiskLevel;
import org.forewarn.domain.person.api.CaseOpened;
import org.forewarn.domain.person.api.CaseResolved;
import org.forewarn.domain.person.api.CountermeasureApplied;
import org.forewarn.domain.person.api.CountermeasureApproved;
import org.forewarn.domain.person.api.CountermeasureNotice;
import org.forewarn.domain.person.api.CountermeasureProposed;
import org.hamcrest.CustomTypeSafeMatcher;
import org.hamcrest.Matcher;

/** Events that many rules start from. */
final class PersonFixtures {

    static final String PERSON = "p-0123456789abcdef0123456789abcdef";
    static final String CASE = "case-1";
    static final Instant NOW = Instant.parse("2026-11-22T08:05:00Z");
    static final PersonalText NO_NOTE = PersonalText.NONE;

    private PersonFixtures() {
    }

    static CaseOpened opened() {
        return new CaseOpened(PERSON, CASE, clue("zj-1", RiskLevel.HIGH), "intake");
    }

    static CaseResolved resolved(Outcome outcome) {
        return new CaseResolved(PERSON, CASE, "resolve-1", outcome, null, null, NO_NOTE, List.of(), "operator");
    }

    static CountermeasureProposed proposed(String id, CountermeasureType type) {
        return new CountermeasureProposed(PERSON, CASE, id, type, "keeps transferring to a 'safe account'",
                type.approvalsRequired(), "operator");
    }

    static CountermeasureApproved approved(String id, CountermeasureType type, String supervisor, int approvals) {
        return new CountermeasureApproved(PERSON, CASE, id, type, "", approvals, type.approvalsRequired(), supervisor);
    }

    static CountermeasureNotice notice(CountermeasureType type) {
        return CountermeasureNotice.standard(type, "正在向“安全账户”转账");
    }

    static CountermeasureApplied applied(String id, CountermeasureType type) {
        return new CountermeasureApplied(PERSON, CASE, id, type, "apply-" + id, NOW,
                type.expires() ? NOW.plusSeconds(72 * 3600) : null, notice(type), "system:carrier");
    }

    static Matcher<DomainRuleViolation> violation(Kind kind) {
        return new CustomTypeSafeMatcher<>("a rule violation of kind " + kind) {
            @Override
            protected boolean matchesSafely(DomainRuleViolation v) {
                return v.kind() == kind;
            }
        };
    }
}
