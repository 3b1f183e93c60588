package org.forewarn.domain;

import java.time.Instant;

/** Test data: clues as a platform would push them. */
public final class Clues {

    public static final PhoneNumber VICTIM = PhoneNumber.parse("victimNumber", "+8613800138000");
    public static final PhoneNumber SUSPECT = PhoneNumber.parse("suspectNumber", "+8617000000001");
    public static final Instant DETECTED = Instant.parse("2026-11-22T08:00:00Z");

    private Clues() {
    }

    public static Clue clue(String clueId, RiskLevel risk) {
        return new Clue(new ClueId(clueId), VICTIM, SUSPECT, FraudCategory.IMPERSONATING_AUTHORITIES, risk,
                DETECTED, ClueChannel.CALL, "zj-platform", AgeGroup.ELDERLY);
    }
}
