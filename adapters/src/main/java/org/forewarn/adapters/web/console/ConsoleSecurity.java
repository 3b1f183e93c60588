package org.forewarn.adapters.web.console;

import static org.forewarn.adapters.web.ApiSecurity.AUDITOR;
import static org.forewarn.adapters.web.ApiSecurity.OPERATOR;
import static org.forewarn.adapters.web.ApiSecurity.SUPERVISOR;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;

/**
 * Who may open which console page and send which console form: the same roles as the API
 * (DESIGN.md's table; see {@link org.forewarn.adapters.web.ApiSecurity}), for people in a
 * browser. They sign in with a form against the application's user store and keep a session
 * cookie (HttpOnly, SameSite=Strict, its timeout {@code server.servlet.session.timeout}); every
 * form and htmx request carries the CSRF token. An htmx request whose session has expired is
 * sent to the sign-in page as a whole page ({@code HX-Redirect}), not swapped into a fragment.
 * Without a user store (the cluster profile's OIDC bearer tokens only) the console refuses
 * every page with 503 and says why, rather than offering a sign-in that cannot work.
 */
public final class ConsoleSecurity {

    public static final String LOGIN = "/console/login";

    private ConsoleSecurity() {
    }

    public static SecurityFilterChain consoleChain(HttpSecurity http, boolean userStore) throws Exception {
        http.securityMatcher("/console", "/console/**");
        if (!userStore) {
            http.csrf(csrf -> csrf.disable())
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .addFilterBefore((request, response, chain) -> refuse((HttpServletResponse) response),
                        org.springframework.security.web.context.SecurityContextHolderFilter.class);
            return http.build();
        }
        AuthenticationEntryPoint toLogin = new LoginUrlAuthenticationEntryPoint(LOGIN);
        http.formLogin(form -> form.loginPage(LOGIN).loginProcessingUrl(LOGIN)
                                   .successHandler(new LandingPage())
                                   .failureUrl(LOGIN + "?error").permitAll())
            .logout(logout -> logout.logoutUrl("/console/logout").logoutSuccessUrl(LOGIN + "?logout")
                                    .deleteCookies("JSESSIONID"))
            .sessionManagement(s -> s.sessionFixation(f -> f.changeSessionId()))
            .headers(h -> h.contentSecurityPolicy(csp -> csp.policyDirectives(
                    "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                            + "frame-ancestors 'none'; form-action 'self'")))
            .authorizeHttpRequests(auth -> auth
                    // by path: formLogin's own permitAll matches the URL with its query exactly,
                    // so the page after signing out (?logout) would ask for a sign-in first
                    .requestMatchers(LOGIN, "/console/assets/**", "/console/webjars/**").permitAll()
                    .requestMatchers("/console/denied").authenticated()
                    .requestMatchers("/console/supervision", "/console/supervision/**").hasRole(SUPERVISOR)
                    .requestMatchers(HttpMethod.POST, "/console/cases/*/countermeasures/*/decision")
                        .hasRole(SUPERVISOR)
                    .requestMatchers(HttpMethod.POST, "/console/cases/*/assignment").hasRole(SUPERVISOR)
                    .requestMatchers(HttpMethod.POST, "/console/scripts/**").hasRole(SUPERVISOR)
                    .requestMatchers(HttpMethod.POST, "/console/cases/*/skip", "/console/cases/*/reveal",
                            "/console/cases/*/notes").hasAnyRole(OPERATOR, SUPERVISOR)
                    // the work queue and its live changes are the shift's; auditors read cases one by one
                    .requestMatchers(HttpMethod.GET, "/console", "/console/queue/**").hasAnyRole(OPERATOR, SUPERVISOR)
                    .requestMatchers(HttpMethod.POST, "/console/cases/**", "/console/handover").hasRole(OPERATOR)
                    .requestMatchers(HttpMethod.GET, "/console/outbox").hasAnyRole(OPERATOR, SUPERVISOR, AUDITOR)
                    .requestMatchers(HttpMethod.GET, "/console", "/console/**")
                        .hasAnyRole(OPERATOR, SUPERVISOR, AUDITOR)
                    .anyRequest().denyAll())
            .exceptionHandling(ex -> ex
                    .authenticationEntryPoint((request, response, e) -> {
                        if (isHtmx(request)) {
                            response.setHeader("HX-Redirect", LOGIN + "?expired");
                            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
                        } else {
                            toLogin.commence(request, response, e);
                        }
                    })
                    .accessDeniedPage("/console/denied"));
        return http.build();
    }

    /**
     * After signing in: the page that asked for it, else the queue, or for an auditor (who has
     * no queue) the outbox.
     */
    static final class LandingPage extends SavedRequestAwareAuthenticationSuccessHandler {
        @Override
        protected String determineTargetUrl(HttpServletRequest request, HttpServletResponse response,
                                            Authentication who) {
            boolean shift = ConsoleModel.has(who, OPERATOR) || ConsoleModel.has(who, SUPERVISOR);
            return shift || !ConsoleModel.has(who, AUDITOR) ? "/console" : "/console/outbox";
        }
    }

    static boolean isHtmx(HttpServletRequest request) {
        return "true".equals(request.getHeader("HX-Request"));
    }

    private static void refuse(HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setContentType(MediaType.TEXT_PLAIN_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("The console needs a user store to sign people in. This runtime accepts only "
                + "OIDC bearer tokens on the API, and the console's OIDC sign-in is not built yet "
                + "(docs/console.md). 控制台需要用户库登录；本运行环境仅接受 API 的 OIDC 令牌。\n");
    }
}
