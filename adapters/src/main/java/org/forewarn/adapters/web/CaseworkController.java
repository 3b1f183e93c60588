package org.forewarn.adapters.web;

import java.net.URI;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.forewarn.adapters.web.CaseCommandRequests.DecisionRequest;
import org.forewarn.adapters.web.CaseCommandRequests.FamilyContactRequest;
import org.forewarn.adapters.web.CaseCommandRequests.HomeVisitReportRequest;
import org.forewarn.adapters.web.CaseCommandRequests.HomeVisitRequest;
import org.forewarn.adapters.web.CaseCommandRequests.LiftRequest;
import org.forewarn.adapters.web.CaseCommandRequests.OutcomeRequest;
import org.forewarn.adapters.web.CaseCommandRequests.ProposalRequest;
import org.forewarn.adapters.web.CaseCommandRequests.ReasonRequest;
import org.forewarn.adapters.web.CaseCommandRequests.RelativeRequest;
import org.forewarn.adapters.web.CaseCommandRequests.SkipRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The commands of the shift on a case: call outcomes, resolution, skipping the ladder ahead,
 * countermeasures, their decision and a lift on appeal, relatives, home visits, family contact,
 * and the erasure of a person's data. Each
 * takes an optional {@code Idempotency-Key} header: the same key again changes nothing and gets
 * the same answer.
 */
@RestController
public class CaseworkController {

    private static final String KEY = "Idempotency-Key";
    private static final String JSON = MediaType.APPLICATION_JSON_VALUE;

    private final Casework casework;

    public CaseworkController(Casework casework) {
        this.casework = casework;
    }

    @PostMapping(path = "/api/v1/cases/{caseId}/call-outcomes", consumes = JSON, produces = JSON)
    public ResponseEntity<Map<String, Object>> callOutcome(@PathVariable String caseId,
            @RequestBody(required = false) OutcomeRequest body,
            @RequestHeader(name = KEY, required = false) String key, Principal user) {
        String requestId = casework.recordCallOutcome(caseId, body, key, user.getName());
        return created(null, answer(caseId, "requestId", requestId, "RECORDED"));
    }

    @PostMapping(path = "/api/v1/cases/{caseId}/resolution", consumes = JSON, produces = JSON)
    public Map<String, Object> resolve(@PathVariable String caseId, @RequestBody(required = false) OutcomeRequest body,
            @RequestHeader(name = KEY, required = false) String key, Principal user) {
        casework.resolve(caseId, body, key, user.getName());
        return answer(caseId, "outcome", body.outcome(), "CLOSED");
    }

    @PostMapping(path = "/api/v1/cases/{caseId}/skip", consumes = JSON, produces = JSON)
    public Map<String, Object> skip(@PathVariable String caseId, @RequestBody(required = false) SkipRequest body,
            @RequestHeader(name = KEY, required = false) String key, Principal user) {
        return answer(caseId, "rung", casework.skipToRung(caseId, body, key, user.getName()).name(), "SKIPPED");
    }

    @PostMapping(path = "/api/v1/cases/{caseId}/countermeasures", consumes = JSON, produces = JSON)
    public ResponseEntity<Map<String, Object>> propose(@PathVariable String caseId,
            @RequestBody(required = false) ProposalRequest body,
            @RequestHeader(name = KEY, required = false) String key, Principal user) {
        String id = casework.proposeCountermeasure(caseId, body, key, user.getName());
        return created("/api/v1/cases/" + caseId + "/countermeasures/" + id,
                answer(caseId, "countermeasureId", id, "PROPOSED"));
    }

    @PostMapping(path = "/api/v1/cases/{caseId}/countermeasures/{countermeasureId}/decision", consumes = JSON,
            produces = JSON)
    public Map<String, Object> decide(@PathVariable String caseId, @PathVariable String countermeasureId,
            @RequestBody(required = false) DecisionRequest body, Principal user) {
        boolean approved = casework.decideCountermeasure(caseId, countermeasureId, body, user.getName());
        return answer(caseId, "countermeasureId", countermeasureId, approved ? "APPROVAL_RECORDED" : "REJECTED");
    }

    @PostMapping(path = "/api/v1/cases/{caseId}/countermeasures/{countermeasureId}/lift-request", consumes = JSON,
            produces = JSON)
    public Map<String, Object> requestLift(@PathVariable String caseId, @PathVariable String countermeasureId,
            @RequestBody(required = false) LiftRequest body,
            @RequestHeader(name = KEY, required = false) String key, Principal user) {
        casework.requestCountermeasureLift(caseId, countermeasureId, body, key, user.getName());
        return answer(caseId, "countermeasureId", countermeasureId, "LIFT_REQUESTED");
    }

    @PostMapping(path = "/api/v1/cases/{caseId}/relatives", consumes = JSON, produces = JSON)
    public ResponseEntity<Map<String, Object>> registerRelative(@PathVariable String caseId,
            @RequestBody(required = false) RelativeRequest body,
            @RequestHeader(name = KEY, required = false) String key, Principal user) {
        String id = casework.registerRelative(caseId, body, key, user.getName());
        return created(null, answer(caseId, "relativeId", id, "REGISTERED"));
    }

    @PostMapping(path = "/api/v1/cases/{caseId}/relatives/{relativeId}/removal", consumes = JSON, produces = JSON)
    public Map<String, Object> removeRelative(@PathVariable String caseId, @PathVariable String relativeId,
            @RequestBody(required = false) ReasonRequest body, Principal user) {
        casework.removeRelative(caseId, relativeId, body, user.getName());
        return answer(caseId, "relativeId", relativeId, "REMOVED");
    }

    @PostMapping(path = "/api/v1/cases/{caseId}/home-visits", consumes = JSON, produces = JSON)
    public ResponseEntity<Map<String, Object>> requestHomeVisit(@PathVariable String caseId,
            @RequestBody(required = false) HomeVisitRequest body,
            @RequestHeader(name = KEY, required = false) String key, Principal user) {
        String visitId = casework.requestHomeVisit(caseId, body, key, user.getName());
        return created(null, answer(caseId, "visitId", visitId, "REQUESTED"));
    }

    @PostMapping(path = "/api/v1/cases/{caseId}/home-visits/{visitId}/report", consumes = JSON, produces = JSON)
    public Map<String, Object> reportHomeVisit(@PathVariable String caseId, @PathVariable String visitId,
            @RequestBody(required = false) HomeVisitReportRequest body,
            @RequestHeader(name = KEY, required = false) String key, Principal user) {
        casework.reportHomeVisit(caseId, visitId, body, key, user.getName());
        return answer(caseId, "visitId", visitId, "REPORTED");
    }

    @PostMapping(path = "/api/v1/cases/{caseId}/family-contacts", consumes = JSON, produces = JSON)
    public ResponseEntity<Map<String, Object>> familyContact(@PathVariable String caseId,
            @RequestBody(required = false) FamilyContactRequest body,
            @RequestHeader(name = KEY, required = false) String key, Principal user) {
        String attemptId = casework.recordFamilyContact(caseId, body, key, user.getName());
        return created(null, answer(caseId, "attemptId", attemptId, "RECORDED"));
    }

    @PostMapping(path = "/api/v1/persons/{personId}/erasure", consumes = JSON, produces = JSON)
    public Map<String, Object> erase(@PathVariable String personId, @RequestBody(required = false) ReasonRequest body,
            @RequestHeader(name = KEY, required = false) String key, Principal user) {
        casework.erase(personId, body, key, user.getName());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("personId", personId);
        answer.put("status", "ERASED");
        return answer;
    }

    private static Map<String, Object> answer(String caseId, String idName, String id, String status) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("caseId", caseId);
        answer.put(idName, id);
        answer.put("status", status);
        return answer;
    }

    private static ResponseEntity<Map<String, Object>> created(String location, Map<String, Object> body) {
        ResponseEntity.BodyBuilder b = ResponseEntity.status(HttpStatus.CREATED);
        if (location != null) {
            b.location(URI.create(location));
        }
        return b.body(body);
    }
}
