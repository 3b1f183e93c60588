package org.forewarn.adapters.twilio;

import com.twilio.rest.api.v2010.account.Call;
import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Gather;
import com.twilio.twiml.voice.Pause;
import com.twilio.twiml.voice.Say;
import com.twilio.type.Twiml;
import org.forewarn.adapters.channels.SendLedger;
import org.forewarn.workflows.ports.CallReceipt;
import org.forewarn.workflows.ports.WarningCall;
import org.forewarn.workflows.ports.WarningCaller;

/**
 * The automated warning call through Twilio Voice. The call's TwiML reads the category's script
 * in Mandarin, pauses, reads it once more, and listens for one key meanwhile: pressing 1 says
 * "I heard the warning" ({@code /webhooks/twilio/call-gather}). How the call ended comes to
 * {@code /webhooks/twilio/call-status}; {@link TwilioWebhooks} records both on the case.
 */
public class TwilioWarningCaller implements WarningCaller {

    public static final String AUTOMATED_CALL = "AUTOMATED_CALL";
    /** Seconds the call rings before Twilio gives up and reports no answer. */
    static final int RING_SECONDS = 40;
    /** Seconds to wait for a key after the script, before the call ends. */
    static final int GATHER_SECONDS = 6;

    private final TwilioSettings settings;
    private final TwilioSends sends;

    public TwilioWarningCaller(TwilioSettings settings, SendLedger ledger) {
        if (settings.voiceFrom() == null) {
            throw new IllegalArgumentException("forewarn.twilio.voice-from is required for automated calls");
        }
        this.settings = settings;
        this.sends = new TwilioSends(TwilioClients.rest(settings), ledger, settings.provider());
    }

    @Override
    public CallReceipt call(WarningCall call) {
        String sid = sends.once(call.idempotencyKey(), AUTOMATED_CALL, call.personId(), call.caseId(), () ->
                Call.creator(new com.twilio.type.PhoneNumber(call.to().e164()),
                             new com.twilio.type.PhoneNumber(settings.voiceFrom()),
                             new Twiml(twiml(call.script())))
                    .setStatusCallback(settings.webhookUrl(TwilioWebhooks.CALL_STATUS))
                    .setTimeout(RING_SECONDS)
                    .create(sends.client())
                    .getSid());
        return new CallReceipt(sid, sends.provider());
    }

    /** The script read twice, with a key press listened for throughout. */
    String twiml(String script) {
        Say say = new Say.Builder(script).language(Say.Language.CMN_CN).build();
        Gather gather = new Gather.Builder()
                .numDigits(1)
                .timeout(GATHER_SECONDS)
                .action(settings.webhookUrl(TwilioWebhooks.CALL_GATHER))
                .method(com.twilio.http.HttpMethod.POST)
                .say(say)
                .pause(new Pause.Builder().length(1).build())
                .say(new Say.Builder(script).language(Say.Language.CMN_CN).build())
                .say(new Say.Builder(TwilioWebhooks.PRESS_ONE).language(Say.Language.CMN_CN).build())
                .build();
        return new VoiceResponse.Builder().gather(gather).build().toXml();
    }
}
