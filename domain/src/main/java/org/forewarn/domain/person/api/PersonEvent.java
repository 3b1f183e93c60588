package org.forewarn.domain.person.api;

import org.forewarn.domain.PersonalData;

/** An event of one at-risk person; its personal data is encrypted with that person's key. */
public interface PersonEvent extends PersonalData {

    String personId();

    @Override
    default String dataSubjectId() {
        return personId();
    }
}
