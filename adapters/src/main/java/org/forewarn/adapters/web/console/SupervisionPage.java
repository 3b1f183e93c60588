package org.forewarn.adapters.web.console;

import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.forewarn.adapters.mongo.CaseReadModel;
import org.forewarn.adapters.mongo.CaseReadModel.QueueQuery;
import org.forewarn.adapters.web.CallScriptController;
import org.forewarn.adapters.web.CallScriptController.ScriptRequest;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The supervisor's page: every open case whose current step is overdue, every open case whose
 * ladder is stalled (a step the engine could not carry out, waiting for a person), and the call scripts
 * of every category, each editable (an edit is an event; the scripts' own service keeps the
 * versions). Countermeasures wait for their decision on the case page.
 */
@Controller
public class SupervisionPage {

    static final int SHOWN = 200;

    private final CaseReadModel cases;
    private final CallScriptController scripts;
    private final Timeline timeline;
    private final ConsoleActions actions;
    private final Clock clock;

    public SupervisionPage(CaseReadModel cases, CallScriptController scripts, Timeline timeline,
                           MessageSource messages, Clock clock) {
        this.cases = cases;
        this.scripts = scripts;
        this.timeline = timeline;
        this.actions = new ConsoleActions(messages);
        this.clock = clock;
    }

    @GetMapping("/console/supervision")
    public String show(Model model) {
        Instant now = clock.instant();
        model.addAttribute("overdue", cases.queue(new QueueQuery("OPEN", null, null, null, true, null, null, 0, SHOWN),
                now));
        model.addAttribute("stalled", cases.queue(new QueueQuery("OPEN", null, null, null, null, true, null, 0, SHOWN),
                now));
        model.addAttribute("scripts", scripts.all());
        model.addAttribute("t", timeline);
        return "console/supervision";
    }

    @GetMapping("/console/supervision/scripts/{category}")
    public String editScript(@PathVariable String category, Model model) {
        model.addAttribute("script", scripts.one(category));
        model.addAttribute("attempt", UUID.randomUUID().toString());
        model.addAttribute("t", timeline);
        return "console/script";
    }

    @PostMapping("/console/scripts/{category}")
    public String saveScript(@PathVariable String category, @RequestParam(required = false) String text,
                             @RequestParam(required = false) String attempt, Principal who, Locale locale,
                             RedirectAttributes flash) {
        actions.run(flash, locale, "done.script", () -> scripts.edit(category,
                new ScriptRequest(CasePage.blankToNull(text)), attempt, who).version());
        return "redirect:/console/supervision/scripts/" + scripts.one(category).category();
    }
}
