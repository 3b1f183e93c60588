package org.forewarn.adapters.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may call what (DESIGN.md's table). The API is stateless. Callers authenticate with HTTP
 * Basic where users are configured (the demo users of the embedded runtime) and with OIDC bearer
 * tokens where a JWT decoder is configured (production), whose roles claim carries the roles.
 * Refusals are problem documents: 401 without valid credentials, 403 for a role that may not
 * make the call.
 */
public final class ApiSecurity {

    public static final String INTAKE = "INTAKE";
    public static final String OPERATOR = "OPERATOR";
    public static final String SUPERVISOR = "SUPERVISOR";
    public static final String AUDITOR = "AUDITOR";

    private ApiSecurity() {
    }

    /**
     * @param basic      accept HTTP Basic (a user store is configured)
     * @param rolesClaim the JWT claim holding the roles, or {@code null} when no JWT decoder is configured
     */
    public static SecurityFilterChain apiChain(HttpSecurity http, ObjectMapper json, boolean basic,
                                               String rolesClaim) throws Exception {
        AuthenticationEntryPoint unauthenticated = (request, response, e) -> {
            response.setHeader("WWW-Authenticate", basic ? "Basic realm=\"forewarn\"" : "Bearer");
            Problems.write(response, json, Problems.of(HttpStatus.UNAUTHORIZED, "unauthenticated",
                    "valid credentials are required"));
        };
        if (basic) {
            http.httpBasic(b -> b.authenticationEntryPoint(unauthenticated));
        }
        if (rolesClaim != null) {
            JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
            roles.setAuthoritiesClaimName(rolesClaim);
            roles.setAuthorityPrefix("ROLE_");
            JwtAuthenticationConverter tokens = new JwtAuthenticationConverter();
            tokens.setJwtGrantedAuthoritiesConverter(roles);
            http.oauth2ResourceServer(o -> o.jwt(j -> j.jwtAuthenticationConverter(tokens))
                                            .authenticationEntryPoint(unauthenticated));
        }
        http.securityMatcher("/api/**", "/actuator/**", "/webhooks/**", "/error", "/v3/api-docs", "/v3/api-docs/**",
                        "/swagger-ui.html", "/swagger-ui/**")
            .csrf(csrf -> csrf.disable()) // no cookies, no browser session on the API
            .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            .authorizeHttpRequests(auth -> auth
                    .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                    .requestMatchers("/error").permitAll()
                    // Twilio signs its reports; TwilioWebhooks checks the signature of each
                    .requestMatchers(HttpMethod.POST, "/webhooks/twilio/**").permitAll()
                    .requestMatchers(HttpMethod.POST, "/api/v1/clues").hasRole(INTAKE)
                    // the work queue and its live changes are the shift's; auditors read cases one by one
                    .requestMatchers(HttpMethod.GET, "/api/v1/cases", "/api/v1/cases/stream")
                        .hasAnyRole(OPERATOR, SUPERVISOR)
                    .requestMatchers(HttpMethod.GET, "/api/v1/cases/**").hasAnyRole(OPERATOR, SUPERVISOR, AUDITOR)
                    .requestMatchers(HttpMethod.POST, "/api/v1/cases/*/assignment").hasRole(SUPERVISOR)
                    .requestMatchers(HttpMethod.POST, "/api/v1/cases/*/number-reveal", "/api/v1/cases/*/notes")
                        .hasAnyRole(OPERATOR, SUPERVISOR)
                    .requestMatchers(HttpMethod.POST, "/api/v1/cases/*/countermeasures/*/decision").hasRole(SUPERVISOR)
                    .requestMatchers(HttpMethod.POST, "/api/v1/cases/*/countermeasures/*/lift-request")
                        .hasRole(SUPERVISOR)
                    .requestMatchers(HttpMethod.POST, "/api/v1/cases/*/skip").hasAnyRole(OPERATOR, SUPERVISOR)
                    .requestMatchers(HttpMethod.POST, "/api/v1/cases/**").hasRole(OPERATOR)
                    .requestMatchers(HttpMethod.POST, "/api/v1/shift-handover").hasRole(OPERATOR)
                    .requestMatchers(HttpMethod.GET, "/api/v1/call-scripts", "/api/v1/call-scripts/*")
                        .hasAnyRole(OPERATOR, SUPERVISOR)
                    .requestMatchers(HttpMethod.PUT, "/api/v1/call-scripts/*").hasRole(SUPERVISOR)
                    .requestMatchers(HttpMethod.POST, "/api/v1/persons/*/erasure").hasRole(SUPERVISOR)
                    .requestMatchers(HttpMethod.POST, "/api/v1/admin/process-recovery").hasRole(SUPERVISOR)
                    .requestMatchers(HttpMethod.POST, "/api/v1/suspect-numbers:lookup")
                        .hasAnyRole(OPERATOR, SUPERVISOR)
                    .requestMatchers(HttpMethod.GET, "/api/v1/suspect-numbers/**").hasAnyRole(OPERATOR, SUPERVISOR)
                    .requestMatchers(HttpMethod.POST, "/api/v1/suspect-numbers/*/appeals")
                        .hasAnyRole(OPERATOR, SUPERVISOR)
                    .requestMatchers(HttpMethod.POST, "/api/v1/suspect-numbers/**").hasRole(SUPERVISOR)
                    .requestMatchers("/actuator/**").hasRole(SUPERVISOR)
                    // the API's description is no secret from its users, but not for everyone
                    .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
                        .authenticated()
                    .anyRequest().authenticated())
            .exceptionHandling(ex -> ex
                    .authenticationEntryPoint(unauthenticated)
                    .accessDeniedHandler((request, response, e) -> Problems.write(response, json,
                            Problems.of(HttpStatus.FORBIDDEN, "forbidden",
                                    "your role may not make this call"))));
        return http.build();
    }
}
