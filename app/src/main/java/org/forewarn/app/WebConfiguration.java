package org.forewarn.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.xml.MappingJackson2XmlHttpMessageConverter;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.apache.catalina.core.StandardHost;
import org.forewarn.adapters.web.ApiSecurity;
import org.forewarn.adapters.web.ContentTypeFilter;
import org.forewarn.adapters.web.IntakeRateLimit;
import org.forewarn.adapters.web.ProblemReportValve;
import org.forewarn.adapters.web.RequestBodyLimitFilter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
public class WebConfiguration {

    /**
     * Basic where a user store exists (embedded demo users); bearer tokens where Spring Boot has
     * configured a JWT decoder from {@code spring.security.oauth2.resourceserver.jwt.*} (OIDC).
     */
    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, ObjectMapper json, ObjectProvider<UserDetailsService> users,
                                    ObjectProvider<JwtDecoder> jwt,
                                    @Value("${forewarn.security.roles-claim:roles}") String rolesClaim)
            throws Exception {
        return ApiSecurity.apiChain(http, json, users.getIfAvailable() != null,
                jwt.getIfAvailable() != null ? rolesClaim : null);
    }

    /**
     * JSON only: the Twilio SDK brings Jackson's XML module for TwiML, and Spring would otherwise
     * answer the API in XML to a client that asks for it.
     */
    @Bean
    WebMvcConfigurer jsonOnly() {
        return new WebMvcConfigurer() {
            @Override
            public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
                converters.removeIf(MappingJackson2XmlHttpMessageConverter.class::isInstance);
            }
        };
    }

    /**
     * Each intake client's clues through a token bucket; it runs after the security chain, so
     * it knows the client, and before the body is read, so a refused clue costs nothing.
     */
    @Bean
    WebMvcConfigurer intakeRateLimit(ObjectMapper json,
            @Value("${forewarn.api.intake-rate.per-second}") double perSecond,
            @Value("${forewarn.api.intake-rate.burst}") int burst) {
        IntakeRateLimit limit = new IntakeRateLimit(perSecond, burst, json);
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(limit).addPathPatterns("/api/v1/clues");
            }
        };
    }

    /**
     * Requests Tomcat refuses itself (a path with an encoded NUL, slash or invalid UTF-8) get a
     * problem document too, not Tomcat's HTML page. Tomcat adds this valve when it starts the
     * host, after the one Spring Boot adds, so it is the one that reports.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemReports() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemReportValve.class.getName());
            }
        });
    }

    /** Every path: the actuator's endpoints read bodies too, and a wildcard Content-Type broke them. */
    @Bean
    FilterRegistrationBean<ContentTypeFilter> contentTypes(ObjectMapper json) {
        FilterRegistrationBean<ContentTypeFilter> registration =
                new FilterRegistrationBean<>(new ContentTypeFilter(json));
        registration.addUrlPatterns("/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    @Bean
    FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimit(ObjectMapper json,
            @Value("${forewarn.api.max-body-bytes}") long limit) {
        FilterRegistrationBean<RequestBodyLimitFilter> registration =
                new FilterRegistrationBean<>(new RequestBodyLimitFilter(limit, json));
        registration.addUrlPatterns("/api/*", "/webhooks/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
