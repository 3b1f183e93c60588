package org.forewarn.adapters.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may call what (DESIGN.md's table). The API is stateless: HTTP Basic with the demo users in
 * the embedded runtime. Refusals are problem documents: 401 without valid credentials, 403 for
 * a role that may not make the call.
 */
public final class ApiSecurity {

    public static final String INTAKE = "INTAKE";
    public static final String OPERATOR = "OPERATOR";
    public static final String SUPERVISOR = "SUPERVISOR";
    public static final String AUDITOR = "AUDITOR";

    private ApiSecurity() {
    }

    public static SecurityFilterChain apiChain(HttpSecurity http, ObjectMapper json) throws Exception {
        http.securityMatcher("/api/**", "/actuator/**", "/webhooks/**", "/error")
            .csrf(csrf -> csrf.disable()) // no cookies, no browser session on the API
            .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            .authorizeHttpRequests(auth -> auth
                    .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                    .requestMatchers("/error").permitAll()
                    .requestMatchers(HttpMethod.POST, "/api/v1/clues").hasRole(INTAKE)
                    .requestMatchers(HttpMethod.GET, "/api/v1/cases/**").hasAnyRole(OPERATOR, SUPERVISOR, AUDITOR)
                    .requestMatchers("/actuator/**").hasRole(SUPERVISOR)
                    .anyRequest().authenticated())
            .httpBasic(basic -> basic.authenticationEntryPoint((request, response, e) -> {
                response.setHeader("WWW-Authenticate", "Basic realm=\"forewarn\"");
                Problems.write(response, json, Problems.of(HttpStatus.UNAUTHORIZED, "unauthenticated",
                        "valid credentials are required"));
            }))
            .exceptionHandling(ex -> ex
                    .authenticationEntryPoint((request, response, e) -> {
                        response.setHeader("WWW-Authenticate", "Basic realm=\"forewarn\"");
                        Problems.write(response, json, Problems.of(HttpStatus.UNAUTHORIZED, "unauthenticated",
                                "valid credentials are required"));
                    })
                    .accessDeniedHandler((request, response, e) -> Problems.write(response, json,
                            Problems.of(HttpStatus.FORBIDDEN, "forbidden",
                                    "your role may not make this call"))));
        return http.build();
    }
}
