package org.forewarn.adapters.web;

import java.util.ArrayList;
import java.util.List;
import org.forewarn.adapters.mongo.CaseReadModel;
import org.forewarn.adapters.mongo.CaseReadModel.OpenCase;
import org.forewarn.workflows.bridge.LadderRecovery;
import org.forewarn.workflows.bridge.LadderRecovery.Position;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-opens the process of every open case whose process does not exist, at its current rung
 * with its remaining deadline, and the processes of its countermeasures in force. Runs at the
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
    public record Report(int openCases, int failed, List<Position> positions) {
    }

    public Report recoverAll() {
        List<Position> positions = new ArrayList<>();
        int failed = 0;
        List<OpenCase> open = cases.openCases();
        for (OpenCase c : open) {
            try {
                positions.add(ladder.recover(c.personId(), c.caseId()));
            } catch (RuntimeException e) {
                failed++;
                LOG.error("could not re-open the process of case {}: {}", c.caseId(), e.toString());
            }
        }
        LOG.info("process recovery: {} open case(s), {} failed", open.size(), failed);
        return new Report(open.size(), failed, positions);
    }
}
