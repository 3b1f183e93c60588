package org.forewarn.domain;

/** How urgent a clue is (特危/高危/中危/低危); declared from most to least urgent. */
public enum RiskLevel {
    EXTREME, HIGH, MEDIUM, LOW;

    public boolean isHigherThan(RiskLevel other) {
        return ordinal() < other.ordinal();
    }

    public static RiskLevel parse(String field, String code) {
        return Enums.parse(RiskLevel.class, field, code);
    }
}
