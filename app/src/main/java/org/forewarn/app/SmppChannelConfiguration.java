package org.forewarn.app;

import java.time.Clock;
import java.time.Duration;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.spring.config.SpringAxonConfiguration;
import org.forewarn.adapters.channels.SendLedger;
import org.forewarn.adapters.smpp.SmppDeliveryReceipts;
import org.forewarn.adapters.smpp.SmppFlashWarningSender;
import org.forewarn.adapters.smpp.SmppSettings;
import org.forewarn.adapters.smpp.SmscConnection;
import org.forewarn.workflows.ports.FlashWarningSender;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.TypeOfNumber;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The flash-screen warning through an SMSC over SMPP 3.4, when {@code forewarn.channels.flash=smpp}
 * (the default, {@code outbox}, keeps it in the console's outbox). The connection is bound once Axon
 * runs — delivery receipts become commands — and before the job workers open, and unbound after
 * they close. An SMSC that cannot be bound at start does not stop the application: the sender
 * answers "unavailable" (the jobs retry) while the bind is tried again in the background. Without a
 * host or a password the application refuses to start. The password comes from the environment
 * ({@code FOREWARN_SMPP_PASSWORD}) and is never logged.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "forewarn.channels.flash", havingValue = "smpp")
@EnableConfigurationProperties(SmppChannelConfiguration.SmppProperties.class)
public class SmppChannelConfiguration {

    /** {@code forewarn.smpp.*}; see docs/channels.md. */
    @ConfigurationProperties(prefix = "forewarn.smpp")
    public record SmppProperties(
            String host,
            @DefaultValue("2775") int port,
            String systemId,
            String password,
            @DefaultValue("") String systemType,
            @DefaultValue("12381") String sourceAddress,
            @DefaultValue("UNKNOWN") TypeOfNumber sourceTon,
            @DefaultValue("UNKNOWN") NumberingPlanIndicator sourceNpi,
            @DefaultValue("TRANSCEIVER") SmppSettings.Bind bindType,
            @DefaultValue("10") int window,
            @DefaultValue("PT30S") Duration enquireLinkInterval,
            @DefaultValue("PT10S") Duration responseTimeout,
            @DefaultValue("PT1S") Duration rebindInitialBackoff,
            @DefaultValue("PT1M") Duration rebindMaxBackoff,
            @DefaultValue("PT30S") Duration receiptRetryFor,
            @DefaultValue("smsc") String providerName) {

        @Override
        public String toString() {
            return "SmppProperties[" + systemId + "@" + host + ":" + port + "]";
        }

        SmppSettings settings() {
            if (host == null || host.isBlank()) {
                throw new IllegalStateException("forewarn.channels.flash=smpp needs the SMSC's address: set "
                        + "forewarn.smpp.host (FOREWARN_SMPP_HOST), or choose forewarn.channels.flash=outbox");
            }
            if (password == null || password.isEmpty()) {
                throw new IllegalStateException("forewarn.channels.flash=smpp needs the SMSC password: set "
                        + "FOREWARN_SMPP_PASSWORD in the environment (forewarn.smpp.password)");
            }
            // SMPP 3.4 carries the password in 9 octets with its NUL; jSMPP would refuse a longer one
            // at every bind and log it, value and all, so it is refused here without its value
            if (password.getBytes(java.nio.charset.StandardCharsets.US_ASCII).length > 8) {
                throw new IllegalStateException("forewarn.smpp.password (FOREWARN_SMPP_PASSWORD) is longer than "
                        + "the 8 characters SMPP 3.4 allows");
            }
            if (systemId == null || systemId.isBlank()) {
                throw new IllegalStateException("forewarn.channels.flash=smpp needs the ESME's account at the SMSC: "
                        + "set forewarn.smpp.system-id");
            }
            try {
                return new SmppSettings(host, port, systemId, password, systemType, sourceAddress, sourceTon,
                        sourceNpi, bindType, window, enquireLinkInterval, responseTimeout, rebindInitialBackoff,
                        rebindMaxBackoff, providerName);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("forewarn.smpp: " + e.getMessage(), e);
            }
        }
    }

    @Bean(destroyMethod = "close")
    SmppDeliveryReceipts smppDeliveryReceipts(SendLedger ledger, CommandGateway commands, SmppProperties smpp,
                                              Clock clock) {
        return new SmppDeliveryReceipts(ledger, commands, smpp.providerName(), clock, smpp.receiptRetryFor());
    }

    /** Closed by {@link #smscBind}, which owns its life. */
    @Bean(destroyMethod = "")
    SmscConnection smscConnection(SmppProperties smpp, SmppDeliveryReceipts receipts) {
        return new SmscConnection(smpp.settings(), receipts);
    }

    @Bean
    FlashWarningSender flashWarningSender(SmscConnection connection, SendLedger ledger) {
        return new SmppFlashWarningSender(connection, ledger);
    }

    /** Binds after Axon starts (receipts become commands) and before the job workers (phase +100) open. */
    @Bean
    SmartLifecycle smscBind(SmscConnection connection) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                connection.start();
                running = true;
            }

            @Override
            public void stop() {
                connection.close();
                running = false;
            }

            @Override
            public boolean isRunning() {
                return running;
            }

            @Override
            public int getPhase() {
                return SpringAxonConfiguration.LIFECYCLE_PHASE + 50;
            }
        };
    }
}
