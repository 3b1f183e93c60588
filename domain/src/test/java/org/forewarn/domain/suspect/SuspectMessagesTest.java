package org.forewarn.domain.suspect;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.forewarn.domain.suspect.api.SuspectEvent;
import org.junit.jupiter.api.Test;

/**
 * The shape every suspect message must have: the event store encrypts an event's personal data
 * only if it names its subject, and reads old events back only if they carry a revision.
 */
class SuspectMessagesTest {

    private static List<Class<?>> records() {
        return new ClassFileImporter().importPackages("org.forewarn.domain.suspect.api").stream()
                                      .map(JavaClass::reflect)
                                      .filter(Class::isRecord)
                                      .toList();
    }

    private static boolean isCommand(Class<?> type) {
        return Arrays.stream(type.getDeclaredFields())
                     .anyMatch(field -> field.isAnnotationPresent(TargetAggregateIdentifier.class));
    }

    @Test
    void everyCommandTargetsTheSuspectByItsId() {
        List<Class<?>> commands = records().stream().filter(SuspectMessagesTest::isCommand).toList();
        assertThat(commands).hasSize(9);
        for (Class<?> command : commands) {
            assertThat(command.getRecordComponents()[0].getName()).as(command.getSimpleName()).isEqualTo("suspectId");
        }
    }

    @Test
    void everyEventIsRevisionedPersonalDataOfTheSuspectAndNamesItsActor() {
        List<Class<?>> events = records().stream().filter(type -> !isCommand(type)).toList();
        assertThat(events).hasSize(15);
        for (Class<?> event : events) {
            assertThat(SuspectEvent.class).as(event.getSimpleName()).isAssignableFrom(event);
            assertThat(event.getAnnotation(Revision.class)).as(event.getSimpleName()).isNotNull()
                                                           .extracting(Revision::value).isEqualTo("1");
            assertThat(Arrays.stream(event.getRecordComponents()).map(RecordComponent::getName))
                    .as(event.getSimpleName()).contains("suspectId", "actor");
        }
    }
}
