package org.forewarn.domain;

/**
 * The rungs of the escalation ladder, from the least to the most intrusive. {@code EMERGENCY}
 * is the parallel branch (warning SMS, family contact, home visit and cancelling call
 * forwarding at once) that an extreme risk or a forwarded or busy line starts; it counts as
 * the top of the ladder.
 */
public enum Rung {
    WARNING_SMS, FLASH_WARNING, AUTOMATED_CALL, OPERATOR_CALL, FAMILY_CONTACT, HOME_VISIT, COUNTERMEASURE, EMERGENCY;

    /** True when this rung lies further up the ladder than {@code other}; every rung is ahead of none. */
    public boolean isAheadOf(Rung other) {
        return other == null || ordinal() > other.ordinal();
    }

    public static Rung parse(String field, String code) {
        return Enums.parse(Rung.class, field, code);
    }
}
