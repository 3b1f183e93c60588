package org.forewarn.domain;

/**
 * How a case (or one operator call) ended. {@code LOSS_OCCURRED} carries the amount lost, and
 * {@code PERSUADED} may carry the amount saved, both in fen.
 */
public enum Outcome {
    PERSUADED, CONFIRMED_SAFE, FALSE_ALARM, UNREACHABLE, REFUSED, LOSS_OCCURRED;

    public static Outcome parse(String field, String code) {
        return Enums.parse(Outcome.class, field, code);
    }
}
