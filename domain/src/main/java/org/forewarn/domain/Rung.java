package org.forewarn.domain;

/** The rungs of the escalation ladder, from the least to the most intrusive. */
public enum Rung {
    WARNING_SMS, FLASH_WARNING, AUTOMATED_CALL, OPERATOR_CALL, FAMILY_CONTACT, HOME_VISIT, COUNTERMEASURE
}
