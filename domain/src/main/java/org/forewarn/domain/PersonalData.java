package org.forewarn.domain;

/**
 * An event that may hold personal data ({@link PhoneNumber}, {@link PersonalText}). The event
 * store encrypts those values with the key of {@link #dataSubjectId()} (the person, or the
 * suspect number), so destroying that key erases them everywhere at once. An event that holds
 * personal data without naming its subject cannot be stored.
 */
public interface PersonalData {

    String dataSubjectId();
}
