package org.forewarn.adapters.web;

import java.util.List;
import org.forewarn.adapters.mongo.CaseReadModel;
import org.forewarn.adapters.mongo.CaseReadModel.CaseView;
import org.forewarn.adapters.mongo.CaseReadModel.HistoryEntry;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** A case's current state and its full history, from the read models; numbers are masked. */
@RestController
public class CaseController {

    private final CaseReadModel cases;

    public CaseController(CaseReadModel cases) {
        this.cases = cases;
    }

    @GetMapping(path = "/api/v1/cases/{caseId}", produces = MediaType.APPLICATION_JSON_VALUE)
    public CaseView getCase(@PathVariable String caseId) {
        return cases.find(caseId).orElseThrow(() -> new CaseNotFound(caseId));
    }

    @GetMapping(path = "/api/v1/cases/{caseId}/history", produces = MediaType.APPLICATION_JSON_VALUE)
    public List<HistoryEntry> getHistory(@PathVariable String caseId) {
        List<HistoryEntry> history = cases.history(caseId);
        if (history.isEmpty() && cases.find(caseId).isEmpty()) {
            throw new CaseNotFound(caseId);
        }
        return history;
    }

    /** Answered with 404. */
    public static class CaseNotFound extends RuntimeException {
        public CaseNotFound(String caseId) {
            super("no case " + (caseId.length() > 80 ? caseId.substring(0, 80) + "…" : caseId));
        }
    }
}
