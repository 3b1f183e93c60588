package org.forewarn.adapters.web.console;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;

/** The pages around the work: sign-in, and the refusal of a page the user's role may not see. */
@Controller
public class ConsolePages {

    @GetMapping(ConsoleSecurity.LOGIN)
    public String login() {
        return "console/login";
    }

    /** Spring Security forwards here, with the refused request's method. */
    @RequestMapping("/console/denied")
    @ResponseStatus(HttpStatus.FORBIDDEN)
    public String denied() {
        return "console/denied";
    }
}
