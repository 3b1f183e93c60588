package org.forewarn.adapters.web;

import java.security.Principal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.forewarn.adapters.mongo.CaseReadModel;
import org.forewarn.adapters.mongo.CaseReadModel.QueuePage;
import org.forewarn.adapters.mongo.CaseReadModel.QueueQuery;
import org.forewarn.adapters.web.CaseCommandRequests.AssignmentRequest;
import org.forewarn.adapters.web.CaseCommandRequests.HandoverRequest;
import org.forewarn.adapters.web.CaseCommandRequests.NoteRequest;
import org.forewarn.adapters.web.CaseCommandRequests.ReleaseRequest;
import org.forewarn.adapters.web.InvalidFields.FieldError;
import org.forewarn.domain.FraudCategory;
import org.forewarn.domain.InvalidValueException;
import org.forewarn.domain.PhoneNumber;
import org.forewarn.domain.RiskLevel;
import org.forewarn.domain.Rung;
import org.forewarn.domain.person.api.CaseClaim;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * What the shift console needs beyond the casework commands: the work queue and its live
 * changes, claims and the shift handover, a supervisor's reassignment, notes, and the unmasked
 * number. Commands take an optional {@code Idempotency-Key} as {@link CaseworkController}'s do.
 */
@RestController
public class ConsoleController {

    static final int MAX_PAGE_SIZE = 200;
    static final int MAX_PAGE = 10_000;
    private static final Set<String> QUEUE_PARAMETERS = Set.of("status", "rung", "risk", "category", "overdue", "stalled",
            "claimedBy", "page", "size");
    private static final String KEY = "Idempotency-Key";
    private static final String JSON = MediaType.APPLICATION_JSON_VALUE;

    private final CaseReadModel cases;
    private final Casework casework;
    private final CaseQueueChanges changes;
    private final Clock clock;

    public ConsoleController(CaseReadModel cases, Casework casework, CaseQueueChanges changes, Clock clock) {
        this.cases = cases;
        this.casework = casework;
        this.changes = changes;
        this.clock = clock;
    }

    @GetMapping(path = "/api/v1/cases", produces = JSON)
    public QueuePage queue(@RequestParam Map<String, String> parameters) {
        return cases.queue(queueQuery(parameters), clock.instant());
    }

    /** Reads the filters, every bad one at once; unknown parameters are refused rather than ignored. */
    static QueueQuery queueQuery(Map<String, String> p) {
        List<FieldError> errors = new ArrayList<>();
        for (String name : p.keySet()) {
            if (!QUEUE_PARAMETERS.contains(name)) {
                errors.add(new FieldError(shown(name), "is not a filter of the queue; expected one of status, rung, "
                        + "risk, category, overdue, stalled, claimedBy, page, size"));
            }
        }
        String status = blankToNull(p.get("status"));
        if (status != null && !status.equals("OPEN") && !status.equals("CLOSED")) {
            errors.add(new FieldError("status", "unknown value; expected one of OPEN, CLOSED"));
        }
        String rung = read(errors, p.get("rung"), code -> Rung.parse("rung", code).name());
        String risk = read(errors, p.get("risk"), code -> RiskLevel.parse("risk", code).name());
        String category = read(errors, p.get("category"), code -> FraudCategory.parse("category", code).name());
        Boolean overdue = read(errors, p.get("overdue"), code -> Fields.bool("overdue", code));
        Boolean stalled = read(errors, p.get("stalled"), code -> Fields.bool("stalled", code));
        String claimedBy = blankToNull(p.get("claimedBy"));
        if (claimedBy != null && (claimedBy.length() > 128 || claimedBy.chars().anyMatch(Character::isISOControl))) {
            errors.add(new FieldError("claimedBy", "must be a user name of at most 128 characters"));
        }
        Integer page = read(errors, p.get("page"), text -> number("page", text, 0, MAX_PAGE));
        Integer size = read(errors, p.get("size"), text -> number("size", text, 1, MAX_PAGE_SIZE));
        if (!errors.isEmpty()) {
            throw new InvalidFields(errors);
        }
        return new QueueQuery(status == null ? "OPEN" : status, rung, risk, category, overdue, stalled,
                claimedBy, page == null ? 0 : page, size == null ? 50 : size);
    }

    @GetMapping(path = "/api/v1/cases/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public SseEmitter stream() {
        return changes.subscribe();
    }

    @PostMapping(path = "/api/v1/cases/{caseId}/claim", produces = JSON)
    public Map<String, Object> claim(@PathVariable String caseId,
            @RequestHeader(name = KEY, required = false) String key, Principal user) {
        return claimAnswer(caseId, casework.claim(caseId, key, user.getName()));
    }

    /**
     * The body is optional but, when sent, {@code application/json} with no field but
     * {@code handoverNote}: with every field optional, a body of other fields (or of another type)
     * would otherwise release the case without the note its sender meant to leave.
     */
    @PostMapping(path = "/api/v1/cases/{caseId}/claim/release", produces = JSON)
    public Map<String, Object> release(@PathVariable String caseId,
            @RequestBody(required = false) Map<String, Object> body,
            @RequestHeader(name = "Content-Type", required = false) String contentType,
            @RequestHeader(name = KEY, required = false) String key, Principal user)
            throws HttpMediaTypeNotSupportedException {
        if (body != null && !isJson(contentType)) {
            throw new HttpMediaTypeNotSupportedException(contentType == null ? null
                    : MediaType.parseMediaType(contentType), List.of(MediaType.APPLICATION_JSON));
        }
        casework.release(caseId, releaseRequest(body), key, user.getName());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("caseId", caseId);
        answer.put("status", "RELEASED");
        return answer;
    }

    private static boolean isJson(String contentType) {
        return contentType != null && MediaType.APPLICATION_JSON.equalsTypeAndSubtype(MediaType.parseMediaType(contentType));
    }

    static ReleaseRequest releaseRequest(Map<String, Object> body) {
        if (body == null) {
            return null;
        }
        List<FieldError> errors = new ArrayList<>();
        body.keySet().stream().filter(name -> !name.equals("handoverNote")).forEach(name ->
                errors.add(new FieldError(shown(name), "is not a field of a release; expected handoverNote")));
        Object note = body.get("handoverNote");
        if (note != null && !(note instanceof String)) {
            errors.add(new FieldError("handoverNote", "has the wrong JSON type; expected a string"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidFields(errors);
        }
        return new ReleaseRequest((String) note);
    }

    @PostMapping(path = "/api/v1/shift-handover", consumes = JSON, produces = JSON)
    public Map<String, Object> handover(@RequestBody(required = false) HandoverRequest body,
            @RequestHeader(name = KEY, required = false) String key, Principal user) {
        List<String> released = casework.handover(body, key, user.getName());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("operator", user.getName());
        answer.put("released", released);
        answer.put("status", "HANDED_OVER");
        return answer;
    }

    @PostMapping(path = "/api/v1/cases/{caseId}/assignment", consumes = JSON, produces = JSON)
    public Map<String, Object> assign(@PathVariable String caseId, @RequestBody(required = false) AssignmentRequest body,
            @RequestHeader(name = KEY, required = false) String key, Principal user) {
        return claimAnswer(caseId, casework.assign(caseId, body, key, user.getName()));
    }

    @PostMapping(path = "/api/v1/cases/{caseId}/notes", consumes = JSON, produces = JSON)
    public ResponseEntity<Map<String, Object>> addNote(@PathVariable String caseId,
            @RequestBody(required = false) NoteRequest body,
            @RequestHeader(name = KEY, required = false) String key, Principal user) {
        String noteId = casework.addNote(caseId, body, key, user.getName());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("caseId", caseId);
        answer.put("noteId", noteId);
        answer.put("status", "ADDED");
        return ResponseEntity.status(HttpStatus.CREATED).body(answer);
    }

    /** Not to be kept by any cache: the answer is the one place the number is shown whole. */
    @PostMapping(path = "/api/v1/cases/{caseId}/number-reveal", produces = JSON)
    public ResponseEntity<Map<String, Object>> revealNumber(@PathVariable String caseId,
            @RequestHeader(name = KEY, required = false) String key, Principal user) {
        PhoneNumber number = casework.revealNumber(caseId, key, user.getName());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("caseId", caseId);
        answer.put("number", number.e164());
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(answer);
    }

    private static Map<String, Object> claimAnswer(String caseId, CaseClaim claim) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("caseId", caseId);
        answer.put("operator", claim.operator());
        answer.put("until", claim.until());
        return answer;
    }

    private interface Parse<T> {
        T apply(String text);
    }

    private static <T> T read(List<FieldError> errors, String text, Parse<T> parse) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return parse.apply(text);
        } catch (InvalidValueException e) {
            errors.add(new FieldError(e.field(), e.reason()));
            return null;
        }
    }

    private static int number(String field, String text, int min, int max) {
        if (!text.matches("[0-9]{1,6}")) {
            throw new InvalidValueException(field, "must be a whole number from " + min + " to " + max);
        }
        int n = Integer.parseInt(text);
        if (n < min || n > max) {
            throw new InvalidValueException(field, "must be a whole number from " + min + " to " + max);
        }
        return n;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    private static String shown(String name) {
        String cut = name.length() > 40 ? name.substring(0, 40) + "…" : name;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
