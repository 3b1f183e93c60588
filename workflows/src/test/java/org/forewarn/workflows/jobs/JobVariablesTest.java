package org.forewarn.workflows.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.forewarn.domain.InvalidValueException;
import org.forewarn.domain.Rung;
import org.junit.jupiter.api.Test;

class JobVariablesTest {

    private static final Instant DUE = Instant.parse("2026-11-22T15:12:22.594Z");

    @Test
    void dateTimesAreReadInFeelsZonedFormAndAsPlainIsoInstantsAndOffsets() {
        assertThat(instant("2026-11-22T15:12:22.594Z[Etc/UTC]")).isEqualTo(DUE);
        assertThat(instant("2026-11-22T23:12:22.594+08:00[Asia/Shanghai]")).isEqualTo(DUE);
        assertThat(instant("2026-11-22T15:12:22.594Z")).isEqualTo(DUE);
        assertThat(instant("2026-11-22T23:12:22.594+08:00")).isEqualTo(DUE);
    }

    @Test
    void malformedDateTimeNamesTheVariableOnly() {
        assertThatThrownBy(() -> instant("tomorrow 13800138000"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("process variable dueAt is not an ISO-8601 date-time");
    }

    @Test
    void roundIsZeroUntilSetAndReadFromAnyJsonNumber() {
        assertThat(JobVariables.of(Map.of()).round()).isZero();
        assertThat(JobVariables.of(Map.of("round", 2)).round()).isEqualTo(2);
        assertThat(JobVariables.of(Map.of("round", 3L)).round()).isEqualTo(3);
        assertThat(JobVariables.of(Map.of("round", 4.0)).round()).isEqualTo(4);
        assertThat(JobVariables.of(Map.of("round", "5")).round()).isEqualTo(5);
    }

    @Test
    void missingAndUnknownValuesAreRefusedByName() {
        JobVariables variables = JobVariables.of(Map.of("rung", "TOP"));
        assertThatThrownBy(variables::caseId).hasMessage("process variable caseId is missing");
        assertThatThrownBy(() -> variables.required(Rung.class, "rung"))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("rung");
        assertThat(variables.optional(Rung.class, "currentRung")).isEmpty();
    }

    private static Instant instant(String text) {
        return JobVariables.of(Map.of("dueAt", text)).requiredInstant("dueAt");
    }
}
