package org.forewarn.adapters.web.console;

import java.security.Principal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.forewarn.adapters.mongo.CaseReadModel;
import org.forewarn.adapters.mongo.CaseReadModel.QueueQuery;
import org.forewarn.adapters.web.CaseCommandRequests.HandoverRequest;
import org.forewarn.adapters.web.CaseQueueChanges;
import org.forewarn.adapters.web.Casework;
import org.forewarn.adapters.web.InvalidFields.FieldError;
import org.forewarn.domain.FraudCategory;
import org.forewarn.domain.InvalidValueException;
import org.forewarn.domain.RiskLevel;
import org.forewarn.domain.Rung;
import org.springframework.context.MessageSource;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The work queue: open cases most urgent risk first, then the earliest deadline of their rung,
 * overdue ones and stalled ones (a step the engine could not carry out waits for a person) marked,
 * with filters by rung, risk and category, overdue and stalled (codes in the query string, never
 * anything personal). The rows reload whenever the live queue tells of a change
 * ({@code case-changed} over server-sent events, the same stream the API offers), so new cases
 * appear without reloading the page. Operators claim a case from here and hand over their cases
 * at the end of a shift.
 */
@Controller
public class QueuePage {

    static final int PAGE_SIZE = 50;

    private final CaseReadModel cases;
    private final Casework casework;
    private final CaseQueueChanges changes;
    private final Timeline timeline;
    private final ConsoleActions actions;
    private final Clock clock;

    public QueuePage(CaseReadModel cases, Casework casework, CaseQueueChanges changes, Timeline timeline,
                     MessageSource messages, Clock clock) {
        this.cases = cases;
        this.casework = casework;
        this.changes = changes;
        this.timeline = timeline;
        this.actions = new ConsoleActions(messages);
        this.clock = clock;
    }

    @GetMapping("/console")
    public String queue(@RequestParam(required = false) String rung, @RequestParam(required = false) String risk,
                        @RequestParam(required = false) String category,
                        @RequestParam(required = false) String overdue,
                        @RequestParam(required = false) String stalled, Principal who, Model model) {
        rows(rung, risk, category, overdue, stalled, model);
        model.addAttribute("rungs", List.of(Rung.values()));
        model.addAttribute("risks", List.of(RiskLevel.values()));
        model.addAttribute("categories", List.of(FraudCategory.values()));
        model.addAttribute("mine", cases.claimedBy(who.getName(), clock.instant()));
        model.addAttribute("attempt", UUID.randomUUID().toString());
        return "console/queue";
    }

    @GetMapping("/console/queue/rows")
    public String rows(@RequestParam(required = false) String rung, @RequestParam(required = false) String risk,
                       @RequestParam(required = false) String category,
                       @RequestParam(required = false) String overdue,
                       @RequestParam(required = false) String stalled, Model model) {
        List<FieldError> errors = new ArrayList<>();
        String r = read(errors, rung, code -> Rung.parse("rung", code).name());
        String k = read(errors, risk, code -> RiskLevel.parse("risk", code).name());
        String c = read(errors, category, code -> FraudCategory.parse("category", code).name());
        Boolean late = "true".equals(overdue) ? Boolean.TRUE : null;
        Boolean stuck = "true".equals(stalled) ? Boolean.TRUE : null;
        model.addAttribute("filter", new Filter(r, k, c, late != null, stuck != null));
        model.addAttribute("filterErrors", errors);
        model.addAttribute("page", cases.queue(new QueueQuery("OPEN", r, k, c, late, stuck, null, 0, PAGE_SIZE),
                clock.instant()));
        model.addAttribute("t", timeline);
        return "console/queue :: rows";
    }

    /** The live queue: {@code case-changed} with the case id whenever an entry changed. */
    @GetMapping(path = "/console/queue/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @ResponseBody
    public SseEmitter stream() {
        return changes.subscribe();
    }

    @PostMapping("/console/cases/{caseId}/claim")
    public String claim(@PathVariable String caseId, @RequestParam(required = false) String attempt, Principal who,
                        Locale locale, RedirectAttributes flash) {
        actions.run(flash, locale, "done.claim", () -> timeline.time(
                casework.claim(CasePage.checked(caseId), attempt, who.getName()).until()));
        return CasePage.back(caseId);
    }

    @PostMapping("/console/handover")
    public String handover(@RequestParam(required = false) String note, @RequestParam(required = false) String attempt,
                           Principal who, Locale locale, RedirectAttributes flash) {
        actions.run(flash, locale, "done.handover", () -> casework.handover(
                new HandoverRequest(CasePage.blankToNull(note)), attempt, who.getName()).size());
        return "redirect:/console";
    }

    /** The filters as shown back in the form. */
    public record Filter(String rung, String risk, String category, boolean overdue, boolean stalled) {
    }

    private interface Parse {
        String apply(String code);
    }

    private static String read(List<FieldError> errors, String code, Parse parse) {
        if (code == null || code.isBlank()) {
            return null;
        }
        try {
            return parse.apply(code);
        } catch (InvalidValueException e) {
            errors.add(new FieldError(e.field(), e.reason()));
            return null;
        }
    }
}
