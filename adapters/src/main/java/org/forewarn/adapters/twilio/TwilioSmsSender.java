package org.forewarn.adapters.twilio;

import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import org.forewarn.adapters.channels.SendLedger;
import org.forewarn.domain.PhoneNumber;
import org.forewarn.workflows.ports.FamilySms;
import org.forewarn.workflows.ports.FamilySmsSender;
import org.forewarn.workflows.ports.NoticeSms;
import org.forewarn.workflows.ports.NoticeSmsSender;
import org.forewarn.workflows.ports.SmsReceipt;
import org.forewarn.workflows.ports.WarningSms;
import org.forewarn.workflows.ports.WarningSmsSender;

/**
 * The 12381 warning SMS, the family rung's SMS to relatives and the countermeasure notice through
 * Twilio's Messages API, from the configured messaging service (or sender). Each message asks
 * Twilio to report its delivery to {@code /webhooks/twilio/message-status}; {@link TwilioWebhooks}
 * turns the warning's report into an event and keeps the others' in the send ledger.
 * The texts are the workers' own: no link and no number to call back.
 */
public class TwilioSmsSender implements WarningSmsSender, NoticeSmsSender, FamilySmsSender {

    public static final String WARNING_SMS = "WARNING_SMS";
    public static final String NOTICE_SMS = "NOTICE_SMS";
    public static final String FAMILY_SMS = "FAMILY_SMS";

    private final TwilioSettings settings;
    private final TwilioSends sends;

    public TwilioSmsSender(TwilioSettings settings, SendLedger ledger) {
        this.settings = settings;
        this.sends = new TwilioSends(TwilioClients.rest(settings), ledger, settings.provider());
    }

    @Override
    public SmsReceipt send(WarningSms sms) {
        return send(sms.idempotencyKey(), WARNING_SMS, sms.personId(), sms.caseId(), sms.to(), sms.text());
    }

    @Override
    public SmsReceipt send(NoticeSms notice) {
        return send(notice.idempotencyKey(), NOTICE_SMS, notice.personId(), notice.caseId(), notice.to(),
                notice.text());
    }

    @Override
    public SmsReceipt send(FamilySms sms) {
        return send(sms.idempotencyKey(), FAMILY_SMS, sms.personId(), sms.caseId(), sms.to(), sms.text());
    }

    private SmsReceipt send(String attemptId, String channel, String personId, String caseId, PhoneNumber to,
                            String text) {
        String sid = sends.once(attemptId, channel, personId, caseId, () -> {
            com.twilio.type.PhoneNumber recipient = new com.twilio.type.PhoneNumber(to.e164());
            MessageCreator creator = settings.messagingServiceSid() != null
                    ? Message.creator(recipient, settings.messagingServiceSid(), text)
                    : Message.creator(recipient, new com.twilio.type.PhoneNumber(settings.smsFrom()), text);
            return creator.setStatusCallback(settings.webhookUrl(TwilioWebhooks.MESSAGE_STATUS))
                          .create(sends.client())
                          .getSid();
        });
        return new SmsReceipt(sid, sends.provider());
    }
}
