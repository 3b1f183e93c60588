package org.forewarn.adapters.web;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.forewarn.adapters.mongo.SuspectReadModel;
import org.forewarn.adapters.mongo.SuspectReadModel.SuspectView;
import org.forewarn.domain.CallerIds;
import org.forewarn.domain.Enums;
import org.forewarn.domain.InvalidValueException;
import org.forewarn.domain.PersonalText;
import org.forewarn.domain.PhoneNumber;
import org.forewarn.domain.SuspectIds;
import org.forewarn.domain.suspect.api.DecideAppeal;
import org.forewarn.domain.suspect.api.FileAppeal;
import org.forewarn.domain.suspect.api.InterceptNumber;
import org.forewarn.domain.suspect.api.ListHolderAsBadCredit;
import org.forewarn.domain.suspect.api.RecordReverificationResult;
import org.forewarn.domain.suspect.api.ReportLinkedAccounts;
import org.forewarn.domain.suspect.api.RequestReverification;
import org.forewarn.domain.suspect.api.TerminateNumber;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Suspect numbers: look one up by its number (in the body, never in the URL), read its evidence
 * and history, record dispositions (supervisors) and appeals. The bad-credit listing period comes
 * from configuration ({@code forewarn.suspects.listing-period}: 2 or 3 years are in use).
 */
@RestController
public class SuspectController {

    private static final String JSON = MediaType.APPLICATION_JSON_VALUE;
    private static final String KEY = "Idempotency-Key";
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    /** The dispositions {@code POST /suspect-numbers/{id}/dispositions} takes. */
    public enum Disposition {
        INTERCEPT, REQUEST_REVERIFICATION, REVERIFICATION_PASSED, REVERIFICATION_FAILED, TERMINATE, LIST_HOLDER,
        REPORT_LINKED_ACCOUNTS
    }

    public record LookupRequest(String number) {
    }

    public record DispositionRequest(String type, String reason, String platform, List<String> accountRefs) {
    }

    public record AppealRequest(String grounds) {
    }

    public record AppealDecisionRequest(String uphold, String reason) {
    }

    private final CommandGateway commands;
    private final SuspectReadModel suspects;
    private final SuspectIds suspectIds;
    private final Period listingPeriod;
    private final Clock clock;

    public SuspectController(CommandGateway commands, SuspectReadModel suspects, SuspectIds suspectIds,
                             @Value("${forewarn.suspects.listing-period:P2Y}") Period listingPeriod, Clock clock) {
        this.commands = commands;
        this.suspects = suspects;
        this.suspectIds = suspectIds;
        this.listingPeriod = listingPeriod;
        this.clock = clock;
    }

    @PostMapping(path = "/api/v1/suspect-numbers:lookup", consumes = JSON, produces = JSON)
    public SuspectView lookup(@RequestBody(required = false) LookupRequest body) {
        Fields f = Fields.of(body, "the number to look up");
        PhoneNumber number = f.read(() -> PhoneNumber.parse("number", body.number()));
        f.done();
        String suspectId = suspectIds.of(number);
        return suspects.find(suspectId).orElseThrow(() -> new NotFound("no evidence on this number"));
    }

    @GetMapping(path = "/api/v1/suspect-numbers/{suspectId}", produces = JSON)
    public SuspectView get(@PathVariable String suspectId) {
        return suspects.find(suspectId).orElseThrow(() -> new NotFound("no suspect number " + shown(suspectId)));
    }

    @PostMapping(path = "/api/v1/suspect-numbers/{suspectId}/dispositions", consumes = JSON, produces = JSON)
    public ResponseEntity<Map<String, Object>> dispose(@PathVariable String suspectId,
            @RequestBody(required = false) DispositionRequest body,
            @RequestHeader(name = KEY, required = false) String key, Principal user) {
        Fields f = Fields.of(body, "the disposition");
        Disposition type = f.read(() -> Enums.parse(Disposition.class, "type", body.type()));
        f.done();
        requireKnown(suspectId);
        String requestId = Casework.requestId(key, suspectId, "disposition");
        String actor = user.getName();
        Object command = switch (type) {
            case INTERCEPT -> new InterceptNumber(suspectId, requestId, body.reason(), actor);
            case REQUEST_REVERIFICATION -> new RequestReverification(suspectId, requestId, body.reason(), actor);
            case REVERIFICATION_PASSED -> new RecordReverificationResult(suspectId, requestId, true, body.reason(), actor);
            case REVERIFICATION_FAILED -> new RecordReverificationResult(suspectId, requestId, false, body.reason(),
                    actor);
            case TERMINATE -> new TerminateNumber(suspectId, requestId, body.reason(), actor);
            case LIST_HOLDER -> new ListHolderAsBadCredit(suspectId, requestId, listingPeriod,
                    LocalDate.now(clock.withZone(CHINA)), body.reason(), actor);
            case REPORT_LINKED_ACCOUNTS -> new ReportLinkedAccounts(suspectId, requestId, body.platform(),
                    accountRefs(body.accountRefs()), body.reason(), actor);
        };
        commands.sendAndWait(command);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("suspectId", suspectId);
        answer.put("requestId", requestId);
        answer.put("status", type.name());
        return ResponseEntity.status(HttpStatus.CREATED).body(answer);
    }

    @PostMapping(path = "/api/v1/suspect-numbers/{suspectId}/appeals", consumes = JSON, produces = JSON)
    public ResponseEntity<Map<String, Object>> appeal(@PathVariable String suspectId,
            @RequestBody(required = false) AppealRequest body,
            @RequestHeader(name = KEY, required = false) String key, Principal user) {
        Fields f = Fields.of(body, "the appeal's grounds");
        PersonalText grounds = f.read(() -> PersonalText.of("grounds", Fields.required("grounds", body.grounds())));
        f.done();
        requireKnown(suspectId);
        String appealId = Casework.derivedId("appeal", key, suspectId, "appeal");
        commands.sendAndWait(new FileAppeal(suspectId, Casework.requestId(key, suspectId, "appeal-filing"), appealId,
                grounds, user.getName()));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("suspectId", suspectId);
        answer.put("appealId", appealId);
        answer.put("status", "FILED");
        return ResponseEntity.created(URI.create("/api/v1/suspect-numbers/" + suspectId + "/appeals/" + appealId))
                             .body(answer);
    }

    @PostMapping(path = "/api/v1/suspect-numbers/{suspectId}/appeals/{appealId}/decision", consumes = JSON,
            produces = JSON)
    public Map<String, Object> decideAppeal(@PathVariable String suspectId, @PathVariable String appealId,
            @RequestBody(required = false) AppealDecisionRequest body,
            @RequestHeader(name = KEY, required = false) String key, Principal user) {
        Fields f = Fields.of(body, "the decision");
        Boolean uphold = f.read(() -> Fields.bool("uphold", body.uphold()));
        f.done();
        requireKnown(suspectId);
        String requestId = key == null ? "req-" + UUID.nameUUIDFromBytes((suspectId + "/" + appealId + "/decide")
                .getBytes(StandardCharsets.UTF_8)) : Casework.requestId(key, suspectId, "appeal-decision");
        commands.sendAndWait(new DecideAppeal(suspectId, requestId, appealId, uphold, body.reason(), user.getName()));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("suspectId", suspectId);
        answer.put("appealId", appealId);
        answer.put("status", uphold ? "UPHELD" : "DISMISSED");
        return answer;
    }

    private void requireKnown(String suspectId) {
        if (!SuspectIds.isSuspectId(suspectId)) {
            throw new NotFound("no suspect number " + shown(suspectId));
        }
    }

    private static List<PersonalText> accountRefs(List<String> refs) {
        if (refs == null) {
            return List.of();
        }
        List<PersonalText> out = new ArrayList<>();
        for (int i = 0; i < refs.size(); i++) {
            String ref = refs.get(i);
            if (ref == null) {
                throw new InvalidValueException("accountRefs[" + i + "]", "is required");
            }
            out.add(PersonalText.of("accountRefs[" + i + "]", ref));
        }
        return out;
    }

    private static String shown(String id) {
        return id.length() > 80 ? id.substring(0, 80) + "…" : id;
    }

    /** Answered with 404. */
    public static class NotFound extends RuntimeException {
        public NotFound(String message) {
            super(message);
        }
    }
}
