package org.forewarn.adapters.twilio;

import com.twilio.http.TwilioRestClient;

/** Builds the SDK's client for the account, on {@link TwilioHttp}. */
final class TwilioClients {

    private TwilioClients() {
    }

    static TwilioRestClient rest(TwilioSettings settings) {
        return new TwilioRestClient.Builder(settings.accountSid(), settings.authToken())
                .httpClient(new TwilioHttp(settings.apiBaseUrl(), settings.timeout()))
                .build();
    }
}
