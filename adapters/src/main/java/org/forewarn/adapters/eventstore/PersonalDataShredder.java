package org.forewarn.adapters.eventstore;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.forewarn.domain.person.api.PersonalDataErased;

/**
 * Destroys a person's keys when their personal data is erased. It runs in a subscribing
 * processor, inside the transaction that appends {@link PersonalDataErased}: the event and the
 * destruction commit together or not at all, so an erasure on record is always an erasure done.
 */
@ProcessingGroup(PersonalDataShredder.PROCESSING_GROUP)
public class PersonalDataShredder {

    public static final String PROCESSING_GROUP = "personal-data-keys";

    private final PersonalDataKeys keys;

    public PersonalDataShredder(PersonalDataKeys keys) {
        this.keys = keys;
    }

    @EventHandler
    public void on(PersonalDataErased event) {
        keys.destroy(event.personId());
    }
}
