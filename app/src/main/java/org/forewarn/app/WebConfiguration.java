package org.forewarn.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.forewarn.adapters.web.ApiSecurity;
import org.forewarn.adapters.web.RequestBodyLimitFilter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.web.SecurityFilterChain;

@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
public class WebConfiguration {

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, ObjectMapper json) throws Exception {
        return ApiSecurity.apiChain(http, json);
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
