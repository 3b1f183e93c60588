package org.forewarn.adapters.web.console;

import java.security.Principal;
import java.util.Locale;
import org.forewarn.adapters.web.CaseCommandRequests.AssignmentRequest;
import org.forewarn.adapters.web.CaseCommandRequests.NoteRequest;
import org.forewarn.adapters.web.CaseCommandRequests.ReleaseRequest;
import org.forewarn.adapters.web.Casework;
import org.forewarn.domain.DomainRuleViolation;
import org.forewarn.domain.PhoneNumber;
import org.springframework.context.MessageSource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.HtmlUtils;

/**
 * Who works a case, and what they leave on it: releasing a claim with a handover note, notes,
 * a supervisor's reassignment, and the number revealed. The reveal answers only the number, into
 * the page that asked (htmx), never cached, never in a URL or a redirect; the case records who
 * read it and when.
 */
@Controller
public class ShiftWork {

    private final Casework casework;
    private final ConsoleActions actions;
    private final MessageSource messages;

    public ShiftWork(Casework casework, MessageSource messages) {
        this.casework = casework;
        this.messages = messages;
        this.actions = new ConsoleActions(messages);
    }

    @PostMapping("/console/cases/{caseId}/release")
    public String release(@PathVariable String caseId, @RequestParam(required = false) String handoverNote,
                          @RequestParam(required = false) String attempt, Principal who, Locale locale,
                          RedirectAttributes flash) {
        actions.run(flash, locale, "done.release", () -> {
            casework.release(CasePage.checked(caseId), new ReleaseRequest(CasePage.blankToNull(handoverNote)),
                    attempt, who.getName());
            return caseId;
        });
        return CasePage.back(caseId);
    }

    @PostMapping("/console/cases/{caseId}/notes")
    public String note(@PathVariable String caseId, @RequestParam(required = false) String text,
                       @RequestParam(required = false) String attempt, Principal who, Locale locale,
                       RedirectAttributes flash) {
        actions.run(flash, locale, "done.note", () -> casework.addNote(CasePage.checked(caseId),
                new NoteRequest(CasePage.blankToNull(text)), attempt, who.getName()));
        return CasePage.back(caseId);
    }

    @PostMapping("/console/cases/{caseId}/assignment")
    public String assign(@PathVariable String caseId, @RequestParam(required = false) String operator,
                         @RequestParam(required = false) String note, @RequestParam(required = false) String attempt,
                         Principal who, Locale locale, RedirectAttributes flash) {
        actions.run(flash, locale, "done.assign", () -> casework.assign(CasePage.checked(caseId),
                new AssignmentRequest(CasePage.blankToNull(operator), CasePage.blankToNull(note)), attempt,
                who.getName()).operator());
        return CasePage.back(caseId);
    }

    /** Answers the number as the fragment that replaces the masked one. */
    @PostMapping(path = "/console/cases/{caseId}/reveal", produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<String> reveal(@PathVariable String caseId, @RequestParam(required = false) String attempt,
                                         Principal who, Locale locale) {
        String shown;
        try {
            PhoneNumber number = casework.revealNumber(CasePage.checked(caseId), attempt, who.getName());
            shown = "<span id=\"number\" class=\"number revealed\">" + HtmlUtils.htmlEscape(number.e164()) + "</span>";
        } catch (DomainRuleViolation e) {
            // erased, or not the caller's to read: say so where the number would have been
            shown = "<span id=\"number\" class=\"refused\">" + HtmlUtils.htmlEscape(
                    messages.getMessage("refused.rule", new Object[] {e.getMessage()}, locale)) + "</span>";
        }
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(shown);
    }
}
