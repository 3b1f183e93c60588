package org.forewarn.workflows.countermeasure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.client.api.response.ActivatedJob;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.forewarn.bpmn.Processes.JobTypes;
import org.forewarn.bpmn.Processes.Variables;
import org.forewarn.domain.CountermeasureType;
import org.forewarn.domain.PhoneNumber;
import org.forewarn.domain.Rung;
import org.forewarn.domain.person.api.CountermeasureApplied;
import org.forewarn.workflows.WorkerBench;
import org.forewarn.workflows.ports.CaseContacts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApplyCountermeasureWorkerTest {

    private static final String MODEL = JobTypes.APPLY_COUNTERMEASURE;

    private WorkerBench bench;
    private RecordingControls controls;

    @BeforeEach
    void start() {
        bench = new WorkerBench(MODEL);
        controls = new RecordingControls();
    }

    @AfterEach
    void stop() {
        bench.close();
    }

    @ParameterizedTest
    @CsvSource({"SUSPEND_SERVICE, SUSPEND_SERVICE", "CUT_DATA, CUT_DATA", "CANCEL_FORWARDING, CANCEL_FORWARDING",
            "RESTRICT_TRANSFERS, RESTRICT_TRANSFERS"})
    void countermeasureIsOrderedOnceAndRecordedOnceWithTheStandardNotice(CountermeasureType type, String action) {
        CountermeasureCase c = new CountermeasureCase(bench, "apply-" + type.name().toLowerCase(), type);
        c.startProcess(MODEL, Map.of());
        ActivatedJob job = bench.activate(MODEL);

        Map<String, Object> first = worker(bench.contacts()).doWork(job);
        Map<String, Object> second = worker(bench.contacts()).doWork(job);

        assertThat(controls.port.sent).containsOnlyKeys(c.countermeasureId + ":apply");
        assertThat(controls.actionOf(c.countermeasureId + ":apply")).isEqualTo(action);
        assertThat(bench.eventsOf(CountermeasureApplied.class)).singleElement().satisfies(applied -> {
            assertThat(applied.attemptId()).isEqualTo(c.countermeasureId + ":apply");
            assertThat(applied.expiresAt()).isEqualTo(type.expires()
                    ? applied.appliedAt().plus(CountermeasureCase.TERM) : null);
            assertThat(applied.notice().reason()).endsWith(CountermeasureTexts.reason(type));
            assertThat(applied.actor()).isEqualTo("system:apply-countermeasure");
        });
        assertThat(second).isEqualTo(first);
    }

    @Test
    void jobCompletesWithTheExpiryForTheProcesssTimer() throws Exception {
        CountermeasureCase c = new CountermeasureCase(bench, "expiry", CountermeasureType.SUSPEND_SERVICE);
        c.startProcess(MODEL, Map.of());
        ActivatedJob job = bench.activate(MODEL);

        worker(bench.contacts()).handle(bench.client, job);

        Instant expiresAt = bench.eventsOf(CountermeasureApplied.class).get(0).expiresAt();
        assertThat(bench.completion(job)).containsEntry(Variables.EXPIRES_AT, expiresAt.toString());
    }

    @Test
    void countermeasureWithoutExpiryCompletesWithNoExpiry() throws Exception {
        CountermeasureCase c = new CountermeasureCase(bench, "no-expiry", CountermeasureType.CANCEL_FORWARDING);
        c.startProcess(MODEL, Map.of());
        ActivatedJob job = bench.activate(MODEL);

        worker(bench.contacts()).handle(bench.client, job);

        assertThat(bench.completion(job)).containsEntry(Variables.EXPIRES_AT, null);
    }

    @Test
    void closedCaseCompletesTheJobAndOrdersNothing() throws Exception {
        CountermeasureCase c = new CountermeasureCase(bench, "closed", CountermeasureType.SUSPEND_SERVICE);
        c.startProcess(MODEL, Map.of());
        ActivatedJob job = bench.activate(MODEL);
        bench.closeCase(c.caseId);

        worker(bench.contacts()).handle(bench.client, job);

        bench.completion(job);
        assertThat(controls.port.attempts).hasValue(0);
        assertThat(bench.eventsOf(CountermeasureApplied.class)).isEmpty();
    }

    @Test
    void orderTheCaseRefusesToRecordIsUndoneAtOnce() throws Exception {
        CountermeasureCase c = new CountermeasureCase(bench, "withdrawn", CountermeasureType.SUSPEND_SERVICE);
        c.startProcess(MODEL, Map.of());
        ActivatedJob job = bench.activate(MODEL);
        bench.closeCase(c.caseId); // withdraws the approved countermeasure
        CaseContacts stillOpen = new CaseContacts() { // the case closed between the check and the record
            @Override
            public Optional<PhoneNumber> victimNumber(String personId, String caseId) {
                return Optional.of(WorkerBench.VICTIM);
            }

            @Override
            public boolean isClosed(String personId, String caseId) {
                return false;
            }

            @Override
            public boolean warningSmsDelivered(String personId, String caseId, String exceptAttemptId) {
                return false;
            }

            @Override
            public java.util.List<org.forewarn.workflows.ports.Relative> relatives(String personId) {
                return java.util.List.of();
            }
        };

        worker(stillOpen).handle(bench.client, job);

        assertThat(controls.actionOf(c.countermeasureId + ":apply")).isEqualTo("SUSPEND_SERVICE");
        assertThat(controls.actionOf(c.countermeasureId + ":undo")).isEqualTo("RESTORE_SERVICE");
        assertThat(bench.eventsOf(CountermeasureApplied.class)).isEmpty();
    }

    @Test
    void carrierFailingOnTheLastRetryIsRecordedOnTheCaseAndBecomesAnIncident() throws Exception {
        CountermeasureCase c = new CountermeasureCase(bench, "failing", CountermeasureType.CUT_DATA);
        c.startProcess(MODEL, Map.of());
        controls.port.failAlways();

        bench.failUntilIncident(worker(bench.contacts()), bench.activate(MODEL));

        bench.assertFailedForGood(c.caseId, c.countermeasureId + ":apply", Rung.COUNTERMEASURE, MODEL);
        assertThat(bench.eventsOf(CountermeasureApplied.class)).isEmpty();
    }

    @Test
    void termLongerThanTheLawAllowsIsRefused() {
        assertThatThrownBy(() -> new ApplyCountermeasureWorker(bench.contacts(), controls, controls, bench.commands(),
                Duration.ofDays(91), 3)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("90 days");
    }

    private ApplyCountermeasureWorker worker(CaseContacts contacts) {
        return new ApplyCountermeasureWorker(contacts, controls, controls, bench.commands(), CountermeasureCase.TERM,
                3);
    }
}
