package org.forewarn.adapters.web.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;

/**
 * The console speaks Chinese or English: the browser's first preference of the two decides
 * (English for any other language), and {@code ?lang=zh} or {@code ?lang=en} switches it for
 * the browser, kept in a cookie. Other values of {@code lang} are ignored.
 */
@Configuration(proxyBeanMethods = false)
public class ConsoleLanguage implements WebMvcConfigurer {

    static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;
    static final Locale ENGLISH = Locale.ENGLISH;

    private final CookieLocaleResolver resolver = new CookieLocaleResolver("forewarn-lang");

    public ConsoleLanguage() {
        resolver.setCookieMaxAge(Duration.ofDays(365));
        resolver.setCookiePath("/console");
        resolver.setDefaultLocaleFunction(ConsoleLanguage::fromBrowser);
    }

    @Bean
    LocaleResolver localeResolver() {
        return resolver;
    }

    static Locale fromBrowser(HttpServletRequest request) {
        for (Locale preferred : Collections.list(request.getLocales())) {
            if (preferred.getLanguage().equals("zh")) {
                return CHINESE;
            }
            if (preferred.getLanguage().equals("en")) {
                return ENGLISH;
            }
        }
        return ENGLISH;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                String lang = request.getParameter("lang");
                Locale chosen = "zh".equals(lang) ? CHINESE : "en".equals(lang) ? ENGLISH : null;
                if (chosen != null) {
                    resolver.setLocale(request, response, chosen);
                }
                return true;
            }
        }).addPathPatterns("/console", "/console/**");
    }
}
