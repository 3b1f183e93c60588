package org.forewarn.adapters.web;

import java.util.ArrayList;
import java.util.List;
import org.forewarn.adapters.mongo.CaseReadModel;
import org.forewarn.adapters.mongo.CaseReadModel.CaseToRecover;
import org.forewarn.workflows.bridge.LadderRecovery;
import org.forewarn.workflows.bridge.LadderRecovery.Position;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-opens the process of every open case whose process does not exist, at its current rung
 * with its remaining deadline, and the processes of its countermeasures in force; for a closed
 * case with a countermeasure still in force, that countermeasure's process, told to lift it. Runs at the
 * start of the embedded runtime (whose engine forgot everything) and on demand through
 * {@code POST /api/v1/admin/process-recovery}. A case whose process is running is left alone.
 */
public class ProcessRecovery {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessRecovery.class);

    private final CaseReadModel cases;
    private final LadderRecovery ladder;

    public ProcessRecovery(CaseReadModel cases, LadderRecovery ladder) {
        this.cases = cases;
        this.ladder = ladder;
    }

    /** What one run did. */
    public record Report(int openCases, int closedCasesWithCountermeasures, int failed, List<Position> positions) {
    }

    public Report recoverAll() {
        List<Position> positions = new ArrayList<>();
        int failed = 0;
        int open = 0;
        List<CaseToRecover> found = cases.casesToRecover();
        for (CaseToRecover c : found) {
            open += c.open() ? 1 : 0;
            try {
                positions.add(ladder.recover(c.personId(), c.caseId()));
            } catch (RuntimeException e) {
                failed++;
                LOG.error("could not re-open the processes of case {}: {}", c.caseId(), e.toString());
            }
        }
        LOG.info("process recovery: {} open case(s), {} closed with countermeasures in force, {} failed", open,
                found.size() - open, failed);
        return new Report(open, found.size() - open, failed, positions);
    }
}
