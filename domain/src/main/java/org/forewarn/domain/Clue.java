package org.forewarn.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One detection pushed by a fraud platform: someone is probably being defrauded right now.
 * {@code suspectNumber} and {@code ageGroup} are optional (clues from apps and websites have no
 * suspect number; the platform does not always know the age).
 */
public record Clue(
        ClueId clueId,
        PhoneNumber victimNumber,
        PhoneNumber suspectNumber,
        FraudCategory category,
        RiskLevel riskLevel,
        Instant detectedAt,
        ClueChannel channel,
        String source,
        AgeGroup ageGroup) {

    public Clue {
        Objects.requireNonNull(clueId, "clueId");
        Objects.requireNonNull(victimNumber, "victimNumber");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(riskLevel, "riskLevel");
        Objects.requireNonNull(detectedAt, "detectedAt");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(source, "source");
    }
}
