package org.forewarn.adapters.web.console;

import org.forewarn.adapters.web.ApiSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every console page knows of the signed-in user: the name and which work their roles allow. */
@ControllerAdvice(basePackageClasses = ConsoleModel.class)
public class ConsoleModel {

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
