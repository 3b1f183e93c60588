package org.forewarn.domain.suspect.api;

import org.forewarn.domain.PersonalData;

/**
 * An event of one suspect number; its personal data (the number itself, account references on
 * other platforms, an appeal's grounds) is encrypted with the suspect's key, so erasing that key
 * erases them everywhere. Every event names who caused it.
 */
public interface SuspectEvent extends PersonalData {

    String suspectId();

    String actor();

    @Override
    default String dataSubjectId() {
        return suspectId();
    }
}
