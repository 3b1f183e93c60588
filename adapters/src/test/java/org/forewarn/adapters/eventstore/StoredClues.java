package org.forewarn.adapters.eventstore;

import java.time.Instant;
import org.forewarn.domain.AgeGroup;
import org.forewarn.domain.Clue;
import org.forewarn.domain.ClueChannel;
import org.forewarn.domain.ClueId;
import org.forewarn.domain.FraudCategory;
import org.forewarn.domain.PhoneNumber;
import org.forewarn.domain.RiskLevel;
import org.forewarn.domain.person.api.CaseOpened;
import org.forewarn.domain.person.api.ClueMerged;

/** Test data: events of the person aggregate as the store receives them, with both numbers set. */
final class StoredClues {

    static final PhoneNumber VICTIM = PhoneNumber.parse("victimNumber", "+8613800138000");
    static final PhoneNumber SUSPECT = PhoneNumber.parse("suspectNumber", "+8617000000001");
    static final Instant DETECTED = Instant.parse("2026-11-22T08:00:00Z");

    private StoredClues() {
    }

    static Clue clue(String clueId, PhoneNumber victim, RiskLevel risk) {
        return new Clue(new ClueId(clueId), victim, SUSPECT, FraudCategory.IMPERSONATING_AUTHORITIES, risk,
                DETECTED, ClueChannel.CALL, "zj-platform", AgeGroup.ELDERLY);
    }

    static CaseOpened opened(String personId, String caseId) {
        return new CaseOpened(personId, caseId, clue("clue-" + caseId, VICTIM, RiskLevel.HIGH), "intake");
    }

    static ClueMerged merged(String personId, String caseId, String clueId) {
        return new ClueMerged(personId, caseId, clue(clueId, VICTIM, RiskLevel.EXTREME), RiskLevel.EXTREME, true,
                "intake");
    }
}
