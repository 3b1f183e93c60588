package org.forewarn.adapters.twilio;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How to reach Twilio and how Twilio reaches us back.
 *
 * @param accountSid          the account ({@code AC…})
 * @param authToken           the account's auth token: signs our requests and Twilio's webhooks; a secret
 * @param messagingServiceSid the messaging service the SMS go out through ({@code MG…}), or null to send from {@code smsFrom}
 * @param smsFrom             the sender of SMS when no messaging service is set (a number or an alphanumeric id)
 * @param voiceFrom           the number the automated calls come from
 * @param webhookBaseUrl      our public base URL as Twilio calls it, e.g. {@code https://forewarn.example.org};
 *                            the status callbacks go to {@code <base>/webhooks/twilio/...}, and their
 *                            signatures are checked against exactly that URL
 * @param apiBaseUrl          where Twilio's API is, or null for Twilio itself ({@code https://api.twilio.com});
 *                            set to a contract mock in tests
 * @param timeout             connect and request timeout of each call to Twilio
 * @param provider            the name the receipts and the send ledger give Twilio
 */
public record TwilioSettings(String accountSid, String authToken, String messagingServiceSid, String smsFrom,
                             String voiceFrom, URI webhookBaseUrl, URI apiBaseUrl, Duration timeout, String provider) {

    private static final Pattern ACCOUNT = Pattern.compile("AC[0-9a-fA-F]{32}");
    private static final Pattern SERVICE = Pattern.compile("MG[0-9a-fA-F]{32}");

    public TwilioSettings {
        List<String> problems = new ArrayList<>();
        if (accountSid == null || !ACCOUNT.matcher(accountSid).matches()) {
            problems.add("account-sid must be AC followed by 32 hex digits");
        }
        if (authToken == null || authToken.isBlank()) {
            problems.add("auth-token is required (set FOREWARN_TWILIO_AUTHTOKEN)");
        }
        if (messagingServiceSid != null && !messagingServiceSid.isBlank()
                && !SERVICE.matcher(messagingServiceSid).matches()) {
            problems.add("messaging-service-sid must be MG followed by 32 hex digits");
        }
        if (blank(messagingServiceSid) && blank(smsFrom)) {
            problems.add("either messaging-service-sid or sms-from is required");
        }
        if (webhookBaseUrl == null || webhookBaseUrl.getScheme() == null || webhookBaseUrl.getHost() == null) {
            problems.add("webhook-base-url must be the absolute URL Twilio reaches this application at");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            problems.add("timeout must be positive");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("forewarn.twilio: " + String.join("; ", problems));
        }
        messagingServiceSid = blank(messagingServiceSid) ? null : messagingServiceSid;
        smsFrom = blank(smsFrom) ? null : smsFrom;
        voiceFrom = blank(voiceFrom) ? null : voiceFrom;
        provider = blank(provider) ? "twilio" : provider;
        String base = webhookBaseUrl.toString();
        webhookBaseUrl = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
    }

    /** The absolute URL Twilio calls for a webhook path such as {@code /webhooks/twilio/message-status}. */
    public String webhookUrl(String path) {
        return webhookBaseUrl + path;
    }

    @Override
    public String toString() {
        return "TwilioSettings[accountSid=" + accountSid + ", authToken=(secret), messagingServiceSid="
                + messagingServiceSid + ", webhookBaseUrl=" + webhookBaseUrl + ", apiBaseUrl=" + apiBaseUrl
                + ", timeout=" + timeout + ", provider=" + provider + "]";
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
