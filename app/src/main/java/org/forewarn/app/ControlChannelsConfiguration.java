package org.forewarn.app;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.forewarn.adapters.carrier.HttpCarrierControl;
import org.forewarn.adapters.control.ControlEndpoint;
import org.forewarn.adapters.payment.HttpPaymentControl;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Which counterpart carries out countermeasures: {@code forewarn.channels.carrier} and
 * {@code forewarn.channels.payment} are {@code outbox} (the default, see
 * {@link CaseworkConfiguration}) or {@code http}, the signed control API at
 * {@code forewarn.carrier.*} / {@code forewarn.payment.*}. A node chosen to speak HTTP but
 * missing its base URL, key id or secret refuses to start, naming the setting and its
 * environment variable, rather than failing its first countermeasure hours later. The secret
 * comes from the environment ({@code FOREWARN_CARRIER_SECRET}) or a mounted secrets directory
 * ({@code spring.config.import=configtree:...}); it is never logged.
 */
@Configuration(proxyBeanMethods = false)
public class ControlChannelsConfiguration {

    static final String OUTBOX = "outbox";
    static final String HTTP = "http";
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

    ControlChannelsConfiguration(Environment environment) {
        ChannelChoices.check(environment);
    }

    @Bean
    @ConditionalOnProperty(name = "forewarn.channels.carrier", havingValue = HTTP)
    HttpCarrierControl httpCarrierControl(Environment environment, Clock clock) {
        return new HttpCarrierControl(endpoint(environment, "carrier"), clock);
    }

    @Bean
    @ConditionalOnProperty(name = "forewarn.channels.payment", havingValue = HTTP)
    HttpPaymentControl httpPaymentControl(Environment environment, Clock clock) {
        return new HttpPaymentControl(endpoint(environment, "payment"), clock);
    }

    /** The endpoint under {@code forewarn.<channel>}, or a start-up failure that says what is missing. */
    static ControlEndpoint endpoint(Environment environment, String channel) {
        String prefix = "forewarn." + channel;
        Binder binder = Binder.get(environment);
        String baseUrl = binder.bind(prefix + ".base-url", String.class).orElse(null);
        String keyId = binder.bind(prefix + ".key-id", String.class).orElse(null);
        String secret = binder.bind(prefix + ".secret", String.class).orElse(null);
        List<String> missing = new ArrayList<>();
        requireSet(missing, prefix, "base-url", baseUrl);
        requireSet(missing, prefix, "key-id", keyId);
        requireSet(missing, prefix, "secret", secret);
        if (!missing.isEmpty()) {
            throw new IllegalStateException("forewarn.channels." + channel + " is http, but " + String.join(", ", missing)
                    + " not set");
        }
        Duration timeout = binder.bind(prefix + ".timeout", Duration.class).orElse(DEFAULT_TIMEOUT);
        Duration connectTimeout = binder.bind(prefix + ".connect-timeout", Duration.class)
                                        .orElse(DEFAULT_CONNECT_TIMEOUT);
        try {
            URI base = URI.create(baseUrl.strip());
            String provider = binder.bind(prefix + ".provider-name", String.class)
                                    .orElse(base.getHost() == null ? channel : base.getHost());
            return new ControlEndpoint(base, keyId.strip(), secret, connectTimeout, timeout, provider);
        } catch (IllegalArgumentException e) {
            // the endpoint's own messages never repeat the secret
            throw new IllegalStateException(prefix + ": " + e.getMessage(), e);
        }
    }

    private static void requireSet(List<String> missing, String prefix, String name, String value) {
        if (value == null || value.isBlank()) {
            missing.add(prefix + "." + name + " (environment variable "
                    + (prefix + "." + name).replace("-", "").replace('.', '_').toUpperCase() + ")");
        }
    }
}
