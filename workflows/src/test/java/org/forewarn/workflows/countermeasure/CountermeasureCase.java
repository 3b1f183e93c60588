package org.forewarn.workflows.countermeasure;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.forewarn.bpmn.Processes.Variables;
import org.forewarn.domain.CountermeasureType;
import org.forewarn.domain.person.api.CountermeasureNotice;
import org.forewarn.domain.person.api.DecideCountermeasure;
import org.forewarn.domain.person.api.ProposeCountermeasure;
import org.forewarn.domain.person.api.RecordCountermeasureApplied;
import org.forewarn.workflows.WorkerBench;

/** A case with one countermeasure, brought to the state a job of the countermeasure process finds it in. */
final class CountermeasureCase {

    static final Duration TERM = Duration.ofDays(30);

    final WorkerBench bench;
    final String caseId;
    final String countermeasureId;
    final CountermeasureType type;
    Instant expiresAt;

    /** Opens the case; proposed by an operator and approved by as many supervisors as the type needs. */
    CountermeasureCase(WorkerBench bench, String clueId, CountermeasureType type) {
        this.bench = bench;
        this.caseId = bench.openCase(clueId);
        this.countermeasureId = "cm-" + clueId;
        this.type = type;
        bench.commands().sendAndWait(new ProposeCountermeasure(WorkerBench.PERSON, caseId, countermeasureId, type,
                "the person keeps transferring", "operator-1"));
        for (int i = 1; i <= type.approvalsRequired(); i++) {
            bench.commands().sendAndWait(new DecideCountermeasure(WorkerBench.PERSON, caseId, countermeasureId, true,
                    "agreed", "supervisor-" + i));
        }
    }

    /** Records it applied now, as the apply job would have, until now plus the term if it expires. */
    CountermeasureCase applied() {
        Instant appliedAt = Instant.now();
        expiresAt = type.expires() ? appliedAt.plus(TERM) : null;
        bench.commands().sendAndWait(new RecordCountermeasureApplied(WorkerBench.PERSON, countermeasureId,
                countermeasureId + ":apply", appliedAt, expiresAt,
                CountermeasureNotice.standard(type, CountermeasureTexts.reason(type)), "system:apply-countermeasure"));
        return this;
    }

    /** Starts the test model's process with the countermeasure process's variables and {@code more}. */
    void startProcess(String model, Map<String, Object> more) {
        Map<String, Object> variables = new HashMap<>(more);
        variables.put(Variables.COUNTERMEASURE_ID, countermeasureId);
        variables.put(Variables.COUNTERMEASURE_TYPE, type.name());
        if (expiresAt != null) {
            variables.put(Variables.EXPIRES_AT, expiresAt.toString());
        }
        bench.startProcess(model, caseId, variables);
    }
}
