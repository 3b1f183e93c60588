package org.forewarn.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import org.forewarn.adapters.carrier.HttpCarrierControl;
import org.forewarn.adapters.payment.HttpPaymentControl;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Choosing the signed HTTP control API for the carrier or the payment side, and refusing to start without its settings. */
class ControlChannelsConfigurationTest {

    private static final String SECRET = "0123456789abcdefghijklmnopqrstuvwxyz";

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withBean(Clock.class, Clock::systemUTC)
            .withUserConfiguration(ControlChannelsConfiguration.class);

    @Test
    void httpChannelsAreBuiltFromTheirSettingsAndTheOutboxRemainsTheDefault() {
        context.withPropertyValues("forewarn.channels.carrier=http",
                       "forewarn.carrier.base-url=https://control.carrier.example/forewarn",
                       "forewarn.carrier.key-id=forewarn-1", "forewarn.carrier.secret=" + SECRET)
               .run(started -> {
                   assertThat(started).hasNotFailed().hasSingleBean(HttpCarrierControl.class)
                                      .doesNotHaveBean(HttpPaymentControl.class);
               });
        context.run(started -> assertThat(started).hasNotFailed().doesNotHaveBean(HttpCarrierControl.class)
                                                   .doesNotHaveBean(HttpPaymentControl.class));
    }

    @Test
    void httpChannelWithoutItsSecretOrBaseUrlRefusesToStartNamingTheirEnvironmentVariables() {
        context.withPropertyValues("forewarn.channels.payment=http", "forewarn.payment.key-id=forewarn-1")
               .run(started -> assertThat(started).hasFailed().getFailure().rootCause()
                       .hasMessage("forewarn.channels.payment is http, but forewarn.payment.base-url (environment "
                               + "variable FOREWARN_PAYMENT_BASEURL), forewarn.payment.secret (environment variable "
                               + "FOREWARN_PAYMENT_SECRET) not set"));
    }

    @Test
    void httpChannelWithAShortSecretOrPlainHttpToAnotherHostRefusesToStartWithoutShowingTheSecret() {
        context.withPropertyValues("forewarn.channels.carrier=http",
                       "forewarn.carrier.base-url=http://control.carrier.example", "forewarn.carrier.key-id=k1",
                       "forewarn.carrier.secret=" + SECRET)
               .run(started -> assertThat(started).hasFailed().getFailure().rootCause()
                       .hasMessageStartingWith("the base URL must be https://"));
        context.withPropertyValues("forewarn.channels.carrier=http",
                       "forewarn.carrier.base-url=https://control.carrier.example", "forewarn.carrier.key-id=k1",
                       "forewarn.carrier.secret=too-short-a-secret")
               .run(started -> assertThat(started).hasFailed().getFailure()
                       .hasStackTraceContaining("forewarn.carrier: the secret must be at least 32 bytes")
                       .satisfies(f -> assertThat(stackTrace(f)).doesNotContain("too-short-a-secret")));
    }

    @Test
    void unknownChannelChoiceRefusesToStart() {
        context.withPropertyValues("forewarn.channels.carrier=smtp")
               .run(started -> assertThat(started).hasFailed().getFailure()
                       .hasStackTraceContaining("forewarn.channels.carrier must be outbox or http, not 'smtp'"));
    }

    private static String stackTrace(Throwable failure) {
        java.io.StringWriter out = new java.io.StringWriter();
        failure.printStackTrace(new java.io.PrintWriter(out));
        return out.toString();
    }
}
