package org.forewarn.adapters.web.console;

import org.forewarn.adapters.outbox.OutboxEntries;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The outbox: in the embedded runtime, everything the ladder would have sent, newest first. */
@Controller
public class OutboxPage {

    static final int SHOWN = 200;

    private final OutboxEntries outbox;
    private final Timeline timeline;

    public OutboxPage(OutboxEntries outbox, Timeline timeline) {
        this.outbox = outbox;
        this.timeline = timeline;
    }

    @GetMapping("/console/outbox")
    public String show(Model model) {
        model.addAttribute("entries", outbox.newest(null, SHOWN));
        model.addAttribute("t", timeline);
        return "console/outbox";
    }
}
