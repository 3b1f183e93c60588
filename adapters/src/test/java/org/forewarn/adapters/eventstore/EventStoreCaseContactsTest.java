package org.forewarn.adapters.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.forewarn.domain.AgeGroup;
import org.forewarn.domain.Clue;
import org.forewarn.domain.ClueChannel;
import org.forewarn.domain.ClueId;
import org.forewarn.domain.FraudCategory;
import org.forewarn.domain.Outcome;
import org.forewarn.domain.PersonalText;
import org.forewarn.domain.PhoneNumber;
import org.forewarn.domain.RiskLevel;
import org.forewarn.domain.person.api.CaseOpened;
import org.forewarn.domain.person.api.CaseResolved;
import org.forewarn.domain.person.api.WarningSmsFailed;
import org.forewarn.domain.person.api.WarningSmsSent;
import org.junit.jupiter.api.Test;

class EventStoreCaseContactsTest {

    private static final PhoneNumber VICTIM = PhoneNumber.parse("victimNumber", "13800138000");

    private final EventStore store = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
    private final EventStoreCaseContacts contacts = new EventStoreCaseContacts(store);

    @Test
    void caseIsClosedOnlyOnceResolved() {
        append(0, new CaseOpened("p-1", "case-1", clue(), "intake"));
        assertThat(contacts.victimNumber("p-1", "case-1")).contains(VICTIM);
        assertThat(contacts.isClosed("p-1", "case-1")).isFalse();

        append(1, new CaseResolved("p-1", "case-1", "resolve-1", Outcome.PERSUADED, null, null, PersonalText.NONE,
                List.of(), "operator-1"));
        assertThat(contacts.isClosed("p-1", "case-1")).isTrue();
        assertThat(contacts.isClosed("p-1", "case-2")).as("another case of the person").isFalse();
        assertThat(contacts.isClosed("p-2", "case-1")).as("an unknown person").isFalse();
    }

    @Test
    void warningSmsCountsAsDeliveredUnlessReportedFailedAndNotForItsOwnStep() {
        append(0, new CaseOpened("p-1", "case-1", clue(), "intake"));
        assertThat(contacts.warningSmsDelivered("p-1", "case-1", "case-1:em_warning_sms")).isFalse();

        append(1, new WarningSmsSent("p-1", "case-1", "case-1:warning_sms", "SM1", "outbox", "system"));
        assertThat(contacts.warningSmsDelivered("p-1", "case-1", "case-1:em_warning_sms")).isTrue();
        assertThat(contacts.warningSmsDelivered("p-1", "case-1", "case-1:warning_sms")).as("its own step").isFalse();
        assertThat(contacts.warningSmsDelivered("p-1", "case-2", "case-2:em_warning_sms")).as("another case").isFalse();

        append(2, new WarningSmsFailed("p-1", "case-1", "case-1:warning_sms", "undelivered", Instant.now(), "twilio"));
        assertThat(contacts.warningSmsDelivered("p-1", "case-1", "case-1:em_warning_sms")).isFalse();
    }

    private void append(long sequence, Object payload) {
        store.publish(new GenericDomainEventMessage<>("AtRiskPerson", "p-1", sequence, payload));
    }

    private static Clue clue() {
        return new Clue(new ClueId("clue-1"), VICTIM, null, FraudCategory.IMPERSONATING_AUTHORITIES, RiskLevel.HIGH,
                Instant.now(), ClueChannel.CALL, "test", AgeGroup.ADULT);
    }
}
