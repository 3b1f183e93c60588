package org.forewarn.adapters.smpp;

import java.time.Duration;
import java.util.Objects;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.TypeOfNumber;

/**
 * How to reach and talk to the SMSC. The password is never part of {@link #toString()}.
 *
 * @param systemId             the ESME's account at the SMSC ({@code system_id} of the bind)
 * @param systemType           {@code system_type} of the bind; empty unless the SMSC asks for one
 * @param sourceAddress        the sender shown on the handset (e.g. the short code {@code 12381})
 * @param bindType             {@link Bind#TRANSCEIVER} unless the SMSC sends delivery receipts elsewhere
 * @param window               how many submit_sm may wait for their submit_sm_resp at once
 * @param enquireLinkInterval  idle time after which an enquire_link checks the bind
 * @param responseTimeout      how long a submit_sm (or the bind) waits for its response
 * @param rebindInitialBackoff the wait before the first rebind after a lost bind; doubles per failure
 * @param rebindMaxBackoff     the longest wait between two binds
 * @param providerName         the provider's name in receipts, events and the send ledger
 */
public record SmppSettings(String host, int port, String systemId, String password, String systemType,
                           String sourceAddress, TypeOfNumber sourceTon, NumberingPlanIndicator sourceNpi,
                           Bind bindType, int window, Duration enquireLinkInterval, Duration responseTimeout,
                           Duration rebindInitialBackoff, Duration rebindMaxBackoff, String providerName) {

    /** The bind types that can submit. A receiver bind cannot send a warning, so it is not offered. */
    public enum Bind {
        /** Submits and receives delivery receipts on the same bind: the default. */
        TRANSCEIVER,
        /** Submits only: the SMSC has no bind of ours to send delivery receipts to. */
        TRANSMITTER
    }

    public SmppSettings {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("the SMSC host is required");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("the SMSC port must be 1 to 65535, not " + port);
        }
        if (systemId == null || systemId.isBlank()) {
            throw new IllegalArgumentException("the SMSC system id is required");
        }
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("the SMSC password is required");
        }
        if (sourceAddress == null || sourceAddress.isBlank()) {
            throw new IllegalArgumentException("the source address is required");
        }
        if (window < 1) {
            throw new IllegalArgumentException("the window must be at least 1, not " + window);
        }
        systemType = systemType == null ? "" : systemType;
        Objects.requireNonNull(sourceTon, "sourceTon");
        Objects.requireNonNull(sourceNpi, "sourceNpi");
        Objects.requireNonNull(bindType, "bindType");
        positive("enquireLinkInterval", enquireLinkInterval);
        positive("responseTimeout", responseTimeout);
        positive("rebindInitialBackoff", rebindInitialBackoff);
        positive("rebindMaxBackoff", rebindMaxBackoff);
        if (providerName == null || providerName.isBlank()) {
            throw new IllegalArgumentException("the provider name is required");
        }
    }

    private static void positive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration, not " + value);
        }
    }

    @Override
    public String toString() {
        return "SmppSettings[" + systemId + "@" + host + ":" + port + ", " + bindType + ", window " + window
                + ", provider " + providerName + "]";
    }
}
