package org.forewarn.app;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.forewarn.adapters.channels.SendLedger;
import org.forewarn.adapters.twilio.TwilioSettings;
import org.forewarn.adapters.twilio.TwilioSmsSender;
import org.forewarn.adapters.twilio.TwilioWarningCaller;
import org.forewarn.adapters.twilio.TwilioWebhooks;
import org.forewarn.workflows.ports.NoticeSmsSender;
import org.forewarn.workflows.ports.WarningCaller;
import org.forewarn.workflows.ports.WarningSmsSender;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Twilio for the SMS ({@code forewarn.channels.sms=twilio}: the 12381 warning and the
 * countermeasure notice) and for the automated warning call ({@code forewarn.channels.call=twilio}),
 * with the webhooks that bring Twilio's reports back. Either channel stays on the outbox unless
 * chosen. The auth token is a secret: it comes from the environment
 * ({@code FOREWARN_TWILIO_AUTHTOKEN}) or the secrets file, never from a file in the repository.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${forewarn.channels.sms:outbox}' == 'twilio' or '${forewarn.channels.call:outbox}' == 'twilio'")
public class TwilioChannelConfiguration {

    @Bean
    TwilioSettings twilioSettings(@Value("${forewarn.twilio.account-sid:}") String accountSid,
                                  @Value("${forewarn.twilio.auth-token:}") String authToken,
                                  @Value("${forewarn.twilio.messaging-service-sid:}") String messagingServiceSid,
                                  @Value("${forewarn.twilio.sms-from:}") String smsFrom,
                                  @Value("${forewarn.twilio.voice-from:}") String voiceFrom,
                                  @Value("${forewarn.twilio.webhook-base-url:}") String webhookBaseUrl,
                                  @Value("${forewarn.twilio.api-base-url:}") String apiBaseUrl,
                                  @Value("${forewarn.twilio.timeout:PT10S}") Duration timeout,
                                  @Value("${forewarn.twilio.provider-name:twilio}") String provider) {
        return new TwilioSettings(accountSid, authToken, messagingServiceSid, smsFrom, voiceFrom,
                webhookBaseUrl.isBlank() ? null : URI.create(webhookBaseUrl),
                apiBaseUrl.isBlank() ? null : URI.create(apiBaseUrl), timeout, provider);
    }

    @Bean
    TwilioWebhooks twilioWebhooks(TwilioSettings settings, SendLedger ledger, CommandGateway commands, Clock clock) {
        return new TwilioWebhooks(settings, ledger, commands, clock);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "forewarn.channels.sms", havingValue = "twilio")
    static class Sms {

        @Bean
        TwilioSmsSender twilioSmsSender(TwilioSettings settings, SendLedger ledger) {
            return new TwilioSmsSender(settings, ledger);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "forewarn.channels.call", havingValue = "twilio")
    static class Calls {

        @Bean
        WarningCaller warningCaller(TwilioSettings settings, SendLedger ledger) {
            return new TwilioWarningCaller(settings, ledger);
        }
    }
}
