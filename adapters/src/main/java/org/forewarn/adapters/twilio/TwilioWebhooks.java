package org.forewarn.adapters.twilio;

import com.twilio.security.RequestValidator;
import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Hangup;
import com.twilio.twiml.voice.Say;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.forewarn.adapters.channels.SendLedger;
import org.forewarn.adapters.channels.SendLedger.Entry;
import org.forewarn.domain.Actors;
import org.forewarn.domain.DomainRuleViolation;
import org.forewarn.domain.person.api.CallResult;
import org.forewarn.domain.person.api.RecordAutomatedCallResult;
import org.forewarn.domain.person.api.RecordWarningSmsDelivery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Twilio's reports, turned into events on the case: a message's delivery
 * ({@code WarningSmsDelivered} / {@code WarningSmsFailed}), the key pressed during the warning
 * call, and how the call ended ({@code AutomatedCallCompleted}, with "heard the warning" when 1
 * was pressed).
 *
 * <p>Only Twilio may report: every request must carry the {@code X-Twilio-Signature} that the
 * account's auth token makes over the exact URL Twilio called and the form parameters, checked
 * with the SDK's {@link RequestValidator}; anything else is answered 403 and changes nothing.
 * The message or call is found by its sid in the {@link SendLedger}, so no identifier of ours
 * travels through Twilio. A report may come twice, or before the worker recorded the send: the
 * case keeps the first final status, and a report for a send not yet recorded is retried for a
 * short while before it is answered 503. Twilio's reports carry the number called; it is neither
 * logged nor kept.
 */
@RestController
public class TwilioWebhooks {

    public static final String MESSAGE_STATUS = "/webhooks/twilio/message-status";
    public static final String CALL_STATUS = "/webhooks/twilio/call-status";
    public static final String CALL_GATHER = "/webhooks/twilio/call-gather";
    public static final String ACTOR = Actors.system("twilio");
    static final String SIGNATURE = "X-Twilio-Signature";
    /** Said at the end of the script: the key that says the warning was heard. */
    static final String PRESS_ONE = "如果您已听清以上提醒，请按1。";
    static final String HEARD_KEY = "1";
    static final String GATHERED = "gathered";

    private static final Logger LOG = LoggerFactory.getLogger(TwilioWebhooks.class);
    private static final Set<String> DELIVERED = Set.of("delivered", "read");
    private static final Set<String> NOT_DELIVERED = Set.of("undelivered", "failed", "canceled");
    private static final Duration NOT_YET_RECORDED_WAIT = Duration.ofSeconds(5);
    private static final Duration NOT_YET_RECORDED_STEP = Duration.ofMillis(200);

    private final TwilioSettings settings;
    private final RequestValidator validator;
    private final SendLedger ledger;
    private final CommandGateway commands;
    private final Clock clock;

    public TwilioWebhooks(TwilioSettings settings, SendLedger ledger, CommandGateway commands, Clock clock) {
        this.settings = settings;
        this.validator = new RequestValidator(settings.authToken());
        this.ledger = ledger;
        this.commands = commands;
        this.clock = clock;
    }

    /** A message's status: sent, delivered, undelivered, failed, … */
    @PostMapping(path = MESSAGE_STATUS, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    public ResponseEntity<?> messageStatus(@RequestParam MultiValueMap<String, String> form,
                                           @RequestHeader(name = SIGNATURE, required = false) String signature) {
        Map<String, String> params = signed(MESSAGE_STATUS, form, signature);
        String sid = required(params, "MessageSid");
        String status = required(params, "MessageStatus").toLowerCase(Locale.ROOT);
        Optional<Entry> send = knownSend(sid, status, params.get("ErrorCode"));
        if (send.isEmpty()) {
            return ResponseEntity.noContent().build();
        }
        Entry entry = send.get();
        boolean delivered = DELIVERED.contains(status);
        if (!TwilioSmsSender.WARNING_SMS.equals(entry.channel()) || !(delivered || NOT_DELIVERED.contains(status))) {
            return ResponseEntity.noContent().build();
        }
        String providerStatus = params.containsKey("ErrorCode") ? status + " (error " + params.get("ErrorCode") + ")"
                : status;
        return record(new RecordWarningSmsDelivery(entry.personId(), entry.caseId(), entry.attemptId(), delivered,
                providerStatus, clock.instant(), ACTOR), entry);
    }

    /** The key pressed while the warning was read. Answers the TwiML that ends the call. */
    @PostMapping(path = CALL_GATHER, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
            produces = MediaType.APPLICATION_XML_VALUE)
    public ResponseEntity<String> callGather(@RequestParam MultiValueMap<String, String> form,
                                             @RequestHeader(name = SIGNATURE, required = false) String signature) {
        Map<String, String> params = signed(CALL_GATHER, form, signature);
        String sid = required(params, "CallSid");
        String digits = params.getOrDefault("Digits", "");
        boolean heard = HEARD_KEY.equals(digits);
        if (ledger.byProviderRef(settings.provider(), sid).isPresent() && heard) {
            ledger.status(settings.provider(), sid, GATHERED, HEARD_KEY);
        }
        String goodbye = heard ? "谢谢您的配合。请勿向任何人转账，再见。" : "请务必提高警惕，切勿向陌生账户转账。再见。";
        String twiml = new VoiceResponse.Builder()
                .say(new Say.Builder(goodbye).language(Say.Language.CMN_CN).build())
                .hangup(new Hangup.Builder().build())
                .build().toXml();
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_XML).body(twiml);
    }

    /** How the call ended: completed (answered), busy, no-answer, failed, canceled. */
    @PostMapping(path = CALL_STATUS, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    public ResponseEntity<?> callStatus(@RequestParam MultiValueMap<String, String> form,
                                        @RequestHeader(name = SIGNATURE, required = false) String signature) {
        Map<String, String> params = signed(CALL_STATUS, form, signature);
        String sid = required(params, "CallSid");
        String status = required(params, "CallStatus").toLowerCase(Locale.ROOT);
        Optional<Entry> call = knownSend(sid, status, null);
        if (call.isEmpty()) {
            return ResponseEntity.noContent().build();
        }
        Entry entry = call.get(); // as it was before this report: it holds the key gathered earlier
        CallResult result = switch (status) {
            case "completed" -> CallResult.ANSWERED;
            case "busy" -> CallResult.BUSY;
            case "no-answer" -> CallResult.NO_ANSWER;
            case "failed", "canceled" -> CallResult.FAILED;
            default -> null; // queued, initiated, ringing, in-progress: not the end yet
        };
        boolean heard = result == CallResult.ANSWERED && HEARD_KEY.equals(entry.detail());
        if (result == null || !TwilioWarningCaller.AUTOMATED_CALL.equals(entry.channel())) {
            return ResponseEntity.noContent().build();
        }
        return record(new RecordAutomatedCallResult(entry.personId(), entry.caseId(), entry.attemptId(), result,
                heard, clock.instant(), ACTOR), entry);
    }

    /** The send a report is about, its status kept; empty (and logged) for a sid no attempt of ours has. */
    private Optional<Entry> knownSend(String sid, String status, String detail) {
        Optional<Entry> send = ledger.byProviderRef(settings.provider(), sid);
        if (send.isEmpty()) {
            LOG.info("Twilio reported {} for {}, which no attempt of ours sent; ignored", status, sid);
        } else {
            ledger.status(settings.provider(), sid, status, detail);
        }
        return send;
    }

    /**
     * Records the report on the case. The worker records the send right after Twilio answered it,
     * so a fast report can overtake it: that one is tried again for a few seconds.
     */
    private ResponseEntity<?> record(Object command, Entry entry) {
        Instant giveUp = clock.instant().plus(NOT_YET_RECORDED_WAIT);
        while (true) {
            try {
                commands.sendAndWait(command);
                return ResponseEntity.noContent().build();
            } catch (RuntimeException e) {
                DomainRuleViolation violation = violation(e);
                if (violation == null) {
                    throw e;
                }
                if (violation.kind() != DomainRuleViolation.Kind.NOT_FOUND) {
                    // e.g. a report on an erased person: the case does not take it, Twilio need not repeat it
                    LOG.info("case {} does not take Twilio's report on attempt {}: {}", entry.caseId(),
                            entry.attemptId(), violation.getMessage());
                    return ResponseEntity.noContent().build();
                }
                if (!clock.instant().isBefore(giveUp)) {
                    LOG.warn("case {} has no record of attempt {} yet; Twilio's report is answered 503",
                            entry.caseId(), entry.attemptId());
                    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                            "the send this report is about is not recorded yet; report it again");
                    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "5")
                                         .body(problem);
                }
                pause();
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(NOT_YET_RECORDED_STEP.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the send to be recorded", e);
        }
    }

    private static DomainRuleViolation violation(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DomainRuleViolation violation) {
                return violation;
            }
        }
        return null;
    }

    /** The form's parameters, once the signature proves that Twilio sent them. */
    private Map<String, String> signed(String path, MultiValueMap<String, String> form, String signature) {
        Map<String, String> params = new TreeMap<>();
        form.forEach((name, values) -> params.put(name, values.isEmpty() ? "" : values.get(0)));
        if (signature == null || signature.isBlank()
                || !validator.validate(settings.webhookUrl(path), params, signature)) {
            throw new WebhookRefused(HttpStatus.FORBIDDEN, "the request does not carry a valid "
                    + SIGNATURE + " for " + settings.webhookUrl(path));
        }
        return params;
    }

    private static String required(Map<String, String> params, String name) {
        String value = params.get(name);
        if (value == null || value.isBlank()) {
            throw new WebhookRefused(HttpStatus.BAD_REQUEST, "the report lacks " + name);
        }
        if (value.length() > 64 || !value.matches("[A-Za-z0-9_-]+")) {
            throw new WebhookRefused(HttpStatus.BAD_REQUEST, name + " is not a Twilio value");
        }
        return value;
    }

    /** A webhook request refused with a problem document. */
    public static final class WebhookRefused extends RuntimeException {
        private final HttpStatus status;

        WebhookRefused(HttpStatus status, String message) {
            super(message);
            this.status = status;
        }

        public HttpStatus status() {
            return status;
        }
    }

    @org.springframework.web.bind.annotation.ExceptionHandler(WebhookRefused.class)
    ResponseEntity<ProblemDetail> refused(WebhookRefused e) {
        return ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                             .body(ProblemDetail.forStatusAndDetail(e.status(), e.getMessage()));
    }
}
