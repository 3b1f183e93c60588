package org.forewarn.adapters.eventstore;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.forewarn.domain.person.api.PersonalDataErased;
import org.forewarn.domain.person.api.RelativeRegistered;
import org.forewarn.domain.person.api.RelativeRemoved;
import org.forewarn.workflows.ports.Relative;
import java.util.Set;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.forewarn.domain.PhoneNumber;
import org.forewarn.domain.person.api.CaseOpened;
import org.forewarn.domain.person.api.CaseResolved;
import org.forewarn.domain.person.api.WarningSmsFailed;
import org.forewarn.domain.person.api.WarningSmsSent;
import org.forewarn.workflows.ports.CaseContacts;

/**
 * Looks a case's number up in the person's own event stream: the one store that is always
 * consistent with the event that started the process, and the one that holds personal data.
 */
public class EventStoreCaseContacts implements CaseContacts {

    private final EventStore eventStore;

    public EventStoreCaseContacts(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    @Override
    public Optional<PhoneNumber> victimNumber(String personId, String caseId) {
        return eventStore.readEvents(personId).asStream()
                         .map(EventMessage::getPayload)
                         .filter(CaseOpened.class::isInstance)
                         .map(CaseOpened.class::cast)
                         .filter(opened -> opened.caseId().equals(caseId))
                         .map(opened -> opened.clue().victimNumber())
                         .findFirst();
    }

    @Override
    public boolean isClosed(String personId, String caseId) {
        return eventStore.readEvents(personId).asStream()
                         .map(EventMessage::getPayload)
                         .filter(CaseResolved.class::isInstance)
                         .map(CaseResolved.class::cast)
                         .anyMatch(resolved -> resolved.caseId().equals(caseId));
    }

    @Override
    public boolean warningSmsDelivered(String personId, String caseId, String exceptAttemptId) {
        Set<String> delivered = new HashSet<>();
        eventStore.readEvents(personId).asStream().map(EventMessage::getPayload).forEach(event -> {
            if (event instanceof WarningSmsSent sent && sent.caseId().equals(caseId)) {
                delivered.add(sent.attemptId());
            } else if (event instanceof WarningSmsFailed failed && failed.caseId().equals(caseId)) {
                delivered.remove(failed.attemptId());
            }
        });
        delivered.remove(exceptAttemptId);
        return !delivered.isEmpty();
    }

    @Override
    public List<Relative> relatives(String personId) {
        Map<String, Relative> registered = new LinkedHashMap<>();
        eventStore.readEvents(personId).asStream().map(EventMessage::getPayload).forEach(event -> {
            if (event instanceof RelativeRegistered r) {
                registered.put(r.relativeId(), new Relative(r.relativeId(), r.relation(), r.number()));
            } else if (event instanceof RelativeRemoved removed) {
                registered.remove(removed.relativeId());
            } else if (event instanceof PersonalDataErased) {
                registered.clear();
            }
        });
        return registered.values().stream().filter(r -> !r.number().isErased()).toList();
    }
}
