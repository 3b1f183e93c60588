package org.forewarn.adapters.web.console;

import java.math.BigDecimal;
import java.security.Principal;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import org.forewarn.adapters.mongo.CaseReadModel;
import org.forewarn.adapters.mongo.CaseReadModel.CaseView;
import org.forewarn.adapters.web.CaseCommandRequests.DecisionRequest;
import org.forewarn.adapters.web.CaseCommandRequests.OutcomeRequest;
import org.forewarn.adapters.web.CaseCommandRequests.ProposalRequest;
import org.forewarn.adapters.web.CaseCommandRequests.RelativeRequest;
import org.forewarn.adapters.web.CaseCommandRequests.SkipRequest;
import org.forewarn.adapters.web.CaseController.CaseNotFound;
import org.forewarn.adapters.web.ApiSecurity;
import org.forewarn.adapters.web.CallScriptController;
import org.forewarn.adapters.web.Casework;
import org.forewarn.adapters.web.InvalidFields;
import org.forewarn.adapters.web.InvalidFields.FieldError;
import org.forewarn.domain.CountermeasureType;
import org.forewarn.domain.Outcome;
import org.forewarn.domain.Rung;
import org.forewarn.domain.person.api.ConsentForm;
import org.forewarn.domain.person.api.Relation;
import org.springframework.context.MessageSource;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The case page: the case as the read model has it (number masked), its timeline, and the
 * forms of the shift's commands, which go to {@link Casework} as the API's do. Each form carries
 * an attempt id made when the page was drawn, used as the command's idempotency key, so a form
 * sent twice (a double click, a resent request) is one attempt. After a command the browser is
 * sent back to the page (post/redirect/get), which shows what happened or why it was refused.
 */
@Controller
public class CasePage {

    /** The shape of the case ids this application makes; anything else cannot be a case. */
    private static final Pattern CASE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,80}");

    private final CaseReadModel cases;
    private final Casework casework;
    private final Timeline timeline;
    private final ConsoleActions actions;
    private final Clock clock;
    private final CallScriptController scripts;

    public CasePage(CaseReadModel cases, Casework casework, Timeline timeline, MessageSource messages, Clock clock,
                    CallScriptController scripts) {
        this.scripts = scripts;
        this.cases = cases;
        this.casework = casework;
        this.timeline = timeline;
        this.actions = new ConsoleActions(messages);
        this.clock = clock;
    }

    @GetMapping("/console/cases/{caseId}")
    public String show(@PathVariable String caseId, Model model, Locale locale, Authentication who) {
        CaseView view = cases.find(checked(caseId), clock.instant()).orElseThrow(() -> new CaseNotFound(caseId));
        model.addAttribute("c", view);
        model.addAttribute("lines", timeline.of(cases.history(caseId), locale));
        if (ConsoleModel.has(who, ApiSecurity.OPERATOR) || ConsoleModel.has(who, ApiSecurity.SUPERVISOR)) {
            model.addAttribute("script", scripts.one(view.category())); // the shift's, as in the API
        }
        model.addAttribute("attempt", UUID.randomUUID().toString());
        model.addAttribute("outcomes", List.of(Outcome.values()));
        model.addAttribute("oneClick", List.of(Outcome.PERSUADED, Outcome.UNREACHABLE, Outcome.REFUSED,
                Outcome.FALSE_ALARM));
        model.addAttribute("countermeasureTypes", List.of(CountermeasureType.values()));
        model.addAttribute("rungs", List.of(Rung.values()));
        model.addAttribute("relations", List.of(Relation.values()));
        model.addAttribute("consents", List.of(ConsentForm.values()));
        model.addAttribute("proposed", view.countermeasures().stream()
                .filter(cm -> "PROPOSED".equals(cm.get("status"))).toList());
        model.addAttribute("t", timeline);
        return "console/case";
    }

    /**
     * The timeline alone, which the page reloads every few seconds: the read model catches up
     * with a command a moment after the command returns, and the ladder moves on by itself.
     */
    @GetMapping("/console/cases/{caseId}/timeline")
    public String timeline(@PathVariable String caseId, Model model, Locale locale) {
        CaseView view = cases.find(checked(caseId)).orElseThrow(() -> new CaseNotFound(caseId));
        model.addAttribute("c", view);
        model.addAttribute("lines", timeline.of(cases.history(caseId), locale));
        return "console/case :: timeline";
    }

    @PostMapping("/console/cases/{caseId}/call-outcome")
    public String callOutcome(@PathVariable String caseId, @RequestParam(required = false) String outcome,
                              @RequestParam(required = false) String lossYuan,
                              @RequestParam(required = false) String note,
                              @RequestParam(required = false) String attempt, Principal who, Locale locale,
                              RedirectAttributes flash) {
        actions.run(flash, locale, "done.callOutcome", () -> casework.recordCallOutcome(checked(caseId),
                new OutcomeRequest(outcome, fen("lossAmount", lossYuan), null, blankToNull(note)), attempt,
                who.getName()));
        return back(caseId);
    }

    @PostMapping("/console/cases/{caseId}/resolution")
    public String resolve(@PathVariable String caseId, @RequestParam(required = false) String outcome,
                          @RequestParam(required = false) String lossYuan,
                          @RequestParam(required = false) String savedYuan,
                          @RequestParam(required = false) String note,
                          @RequestParam(required = false) String attempt, Principal who, Locale locale,
                          RedirectAttributes flash) {
        actions.run(flash, locale, "done.resolution", () -> {
            casework.resolve(checked(caseId), new OutcomeRequest(outcome, fen("lossAmount", lossYuan),
                    fen("amountSaved", savedYuan), blankToNull(note)), attempt, who.getName());
            return outcome;
        });
        return back(caseId);
    }

    @PostMapping("/console/cases/{caseId}/countermeasures")
    public String propose(@PathVariable String caseId, @RequestParam(required = false) String type,
                          @RequestParam(required = false) String reason,
                          @RequestParam(required = false) String attempt, Principal who, Locale locale,
                          RedirectAttributes flash) {
        actions.run(flash, locale, "done.proposal", () -> casework.proposeCountermeasure(checked(caseId),
                new ProposalRequest(type, blankToNull(reason)), attempt, who.getName()));
        return back(caseId);
    }

    @PostMapping("/console/cases/{caseId}/countermeasures/{countermeasureId}/decision")
    public String decide(@PathVariable String caseId, @PathVariable String countermeasureId,
                         @RequestParam(required = false) String approve, @RequestParam(required = false) String note,
                         Principal who, Locale locale, RedirectAttributes flash) {
        actions.run(flash, locale, "true".equals(approve) ? "done.approved" : "done.rejected", () ->
                casework.decideCountermeasure(checked(caseId), checked(countermeasureId),
                        new DecisionRequest(approve, blankToNull(note)), who.getName()));
        return back(caseId);
    }

    @PostMapping("/console/cases/{caseId}/relatives")
    public String relative(@PathVariable String caseId, @RequestParam(required = false) String relation,
                           @RequestParam(required = false) String name, @RequestParam(required = false) String number,
                           @RequestParam(required = false) String consent,
                           @RequestParam(required = false) String attempt, Principal who, Locale locale,
                           RedirectAttributes flash) {
        actions.run(flash, locale, "done.relative", () -> casework.registerRelative(checked(caseId),
                new RelativeRequest(relation, blankToNull(name), blankToNull(number), consent,
                        clock.instant().toString()), attempt, who.getName()));
        return back(caseId);
    }

    @PostMapping("/console/cases/{caseId}/skip")
    public String skip(@PathVariable String caseId, @RequestParam(required = false) String rung,
                       @RequestParam(required = false) String reason, @RequestParam(required = false) String attempt,
                       Principal who, Locale locale, RedirectAttributes flash) {
        actions.run(flash, locale, "done.skip", () -> casework.skipToRung(checked(caseId),
                new SkipRequest(rung, blankToNull(reason)), attempt, who.getName()));
        return back(caseId);
    }

    static String checked(String id) {
        if (id == null || !CASE_ID.matcher(id).matches()) {
            throw new CaseNotFound(id == null ? "" : id);
        }
        return id;
    }

    static String back(String caseId) {
        return "redirect:/console/cases/" + checked(caseId);
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** An amount typed in yuan (up to two decimals) as the whole fen the commands take. */
    static String fen(String field, String yuan) {
        String typed = blankToNull(yuan);
        if (typed == null) {
            return null;
        }
        try {
            BigDecimal amount = new BigDecimal(typed.replace(",", "").replace("，", ""));
            if (amount.signum() < 0 || amount.scale() > 2 || amount.compareTo(BigDecimal.valueOf(1_000_000_000L)) > 0) {
                throw new NumberFormatException();
            }
            return amount.movePointRight(2).toBigIntegerExact().toString();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new InvalidFields(List.of(new FieldError(field,
                    "must be an amount in yuan, at most two decimals, e.g. 5000 or 5000.50")));
        }
    }
}
