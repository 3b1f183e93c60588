package org.forewarn.adapters.web;

import java.net.URI;
import java.security.Principal;
import java.util.Map;
import org.forewarn.domain.person.api.CaseOpening;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Intake of clues from the fraud platforms. */
@RestController
public class ClueController {

    private final ClueIntake intake;

    public ClueController(ClueIntake intake) {
        this.intake = intake;
    }

    /**
     * 202 with the case that now holds the clue; 200 with the same answer when the clue had been
     * taken in before (nothing changes then).
     */
    @PostMapping(path = "/api/v1/clues", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Map<String, String>> postClue(@RequestBody(required = false) ClueRequest request,
                                                        Principal principal) {
        CaseOpening opening = intake.takeIn(request, principal.getName());
        return ResponseEntity.status(opening.duplicate() ? HttpStatus.OK : HttpStatus.ACCEPTED)
                             .location(URI.create("/api/v1/cases/" + opening.caseId()))
                             .body(Map.of("caseId", opening.caseId(),
                                     "personId", opening.personId(),
                                     "status", opening.status().name()));
    }
}
