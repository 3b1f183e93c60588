package org.forewarn.adapters.twilio;

import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import java.util.Optional;
import java.util.function.Supplier;
import org.forewarn.adapters.channels.SendLedger;
import org.forewarn.adapters.channels.SendLedger.Attempt;
import org.forewarn.adapters.channels.SendLedger.Entry;
import org.forewarn.workflows.ports.CounterpartRefused;
import org.forewarn.workflows.ports.CounterpartUnavailable;

/**
 * One send to Twilio, made once per attempt. Twilio has no idempotency key for new messages or
 * calls, so the {@link SendLedger} stands in for one: the attempt is claimed before the request,
 * Twilio's sid written down as soon as it answers, and a repeated attempt answered with that sid.
 *
 * <p>What Twilio's answer means for the claim: an error answer (4xx, 429, 5xx) took nothing, so
 * the claim is released and the retry sends; a 4xx other than 429 is a refusal that no retry
 * changes ({@link CounterpartRefused}). No answer at all (timeout, lost connection) may have
 * taken the message, so the claim stays and the retry waits for its lease: the one window in
 * which a person may get the message twice.
 */
final class TwilioSends {

    private final TwilioRestClient client;
    private final SendLedger ledger;
    private final String provider;

    TwilioSends(TwilioRestClient client, SendLedger ledger, String provider) {
        this.client = client;
        this.ledger = ledger;
        this.provider = provider;
    }

    TwilioRestClient client() {
        return client;
    }

    String provider() {
        return provider;
    }

    /**
     * @param request sends to Twilio and answers the new resource's sid
     * @return Twilio's sid for the attempt: the one written down before, or the new one
     */
    String once(String attemptId, String channel, String personId, String caseId, Supplier<String> request) {
        Optional<Entry> earlier = ledger.claim(new Attempt(attemptId, channel, provider, personId, caseId));
        if (earlier.isPresent()) {
            return earlier.get().providerRef();
        }
        String sid;
        try {
            sid = request.get();
        } catch (ApiException e) {
            ledger.release(attemptId);
            throw refusal(channel, e);
        } catch (CounterpartUnavailable e) {
            if (e.getCause() == null) {
                ledger.release(attemptId); // Twilio answered 429 or 5xx: it took nothing
            }
            throw e;
        }
        ledger.sent(attemptId, sid);
        return sid;
    }

    /** Twilio's error answer, without the message text it may have copied the number into. */
    private static RuntimeException refusal(String channel, ApiException e) {
        Integer status = e.getStatusCode();
        String what = "Twilio refused the " + channel + ": HTTP " + status
                + (e.getCode() != null ? ", error " + e.getCode() : "")
                + (e.getMoreInfo() != null ? " (" + e.getMoreInfo() + ")" : "");
        if (status != null && (status == 429 || status >= 500)) {
            return new CounterpartUnavailable(what, e);
        }
        return new CounterpartRefused(what, e);
    }
}
