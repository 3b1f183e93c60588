package org.forewarn.adapters.web;

import java.util.LinkedHashMap;
import java.util.Map;
import org.forewarn.adapters.web.ProcessRecovery.Report;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Operations' calls. */
@RestController
public class AdminController {

    private final ProcessRecovery recovery;

    public AdminController(ProcessRecovery recovery) {
        this.recovery = recovery;
    }

    /**
     * Re-opens the processes of open cases, and of countermeasures still in force, that have
     * none (see {@link ProcessRecovery}).
     */
    @PostMapping(path = "/api/v1/admin/process-recovery", produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> recoverProcesses() {
        Report report = recovery.recoverAll();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("openCases", report.openCases());
        answer.put("closedCasesWithCountermeasures", report.closedCasesWithCountermeasures());
        answer.put("failed", report.failed());
        answer.put("cases", report.positions().stream().map(p -> {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("caseId", p.caseId());
            c.put("open", p.open());
            c.put("rung", p.rung() == null ? null : p.rung().name());
            c.put("dueAt", p.dueAt());
            c.put("countermeasuresInForce", p.countermeasuresInForce());
            c.put("liftsRequested", p.liftsRequested());
            return c;
        }).toList());
        return answer;
    }
}
