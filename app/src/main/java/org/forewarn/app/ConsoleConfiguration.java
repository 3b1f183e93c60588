package org.forewarn.app;

import com.mongodb.client.MongoDatabase;
import java.time.ZoneId;
import org.forewarn.adapters.outbox.OutboxEntries;
import org.forewarn.adapters.web.console.ConsoleSecurity;
import org.forewarn.adapters.web.console.Timeline;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Composes the shift console at {@code /console}: its security chain (before the API's, on
 * its own paths), the timeline's language and time zone, and the outbox reader.
 */
@Configuration(proxyBeanMethods = false)
public class ConsoleConfiguration {

    /** Form sign-in against the user store where there is one; see {@link ConsoleSecurity}. */
    @Bean
    @Order(1)
    SecurityFilterChain consoleSecurity(HttpSecurity http, ObjectProvider<UserDetailsService> users) throws Exception {
        return ConsoleSecurity.consoleChain(http, users.getIfAvailable() != null);
    }

    @Bean
    Timeline timeline(MessageSource messages, @Value("${forewarn.console.zone}") ZoneId zone) {
        return new Timeline(messages, zone);
    }

    @Bean
    OutboxEntries outboxEntries(MongoDatabase readModels) {
        return new OutboxEntries(readModels);
    }
}
