package org.forewarn.adapters.web.console;

import java.time.Duration;
import org.forewarn.adapters.web.ApiSecurity;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every console page knows of the signed-in user: the name and which work their roles allow. */
@ControllerAdvice(basePackageClasses = ConsoleModel.class)
public class ConsoleModel {

    /**
     * After how long without keyboard or mouse input a console page signs its user out. The
     * pages refresh themselves (the live queue, the timeline), and each refresh is a request, so
     * the server's session timeout alone would never end the session of a screen left open.
     */
    @Value("${forewarn.console.idle-sign-out:${server.servlet.session.timeout:30m}}")
    private Duration idleSignOut;

    @ModelAttribute("idleSeconds")
    long idleSeconds() {
        return idleSignOut.toSeconds();
    }

    @ModelAttribute("user")
    String user(Authentication who) {
        return who == null ? null : who.getName();
    }

    @ModelAttribute("supervisor")
    boolean supervisor(Authentication who) {
        return has(who, ApiSecurity.SUPERVISOR);
    }

    @ModelAttribute("operator")
    boolean operator(Authentication who) {
        return has(who, ApiSecurity.OPERATOR);
    }

    static boolean has(Authentication who, String role) {
        return who != null && who.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                                 .anyMatch(("ROLE_" + role)::equals);
    }
}
