package org.forewarn.adapters.smpp;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.forewarn.adapters.channels.SendLedger;
import org.forewarn.adapters.channels.SendLedger.Attempt;
import org.forewarn.adapters.channels.SendLedger.Entry;
import org.forewarn.workflows.ports.CounterpartRefused;
import org.forewarn.workflows.ports.CounterpartUnavailable;
import org.forewarn.workflows.ports.FlashWarning;
import org.forewarn.workflows.ports.FlashWarningSender;
import org.forewarn.workflows.ports.SmsReceipt;
import org.jsmpp.InvalidResponseException;
import org.jsmpp.PDUException;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GSMSpecificFeature;
import org.jsmpp.bean.MessageMode;
import org.jsmpp.bean.MessageType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.RawDataCoding;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.jsmpp.session.SubmitSmResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Our end of the SMSC for the flash-screen warning (闪信): one {@link FlashWarning} becomes one
 * submit_sm per part of its {@link FlashMessage} — class 0, to the person's number in international
 * form (TON international, NPI ISDN, digits without '+'), asking the SMSC for a delivery receipt of
 * success or failure — and the receipt names the {@code message_id} of the first part's
 * submit_sm_resp. Only that id is kept in the {@link SendLedger}, so a delivery receipt is mapped
 * back to the attempt by the first part's id; the receipts of the other parts find no attempt and
 * are only logged: the first part's status stands for the message.
 *
 * <p>An SMSC takes the same submit twice and delivers it twice, so every send goes through the
 * ledger, channel {@value #CHANNEL}: the attempt is claimed before the first submit_sm, its
 * reference written down right after the last submit_sm_resp, and a later delivery of the same
 * attempt answers with that reference without sending. When the SMSC answers a part with an error,
 * it took nothing of that part: the claim is released and the job fails with the status mapped by
 * {@link SmscErrors} (parts it took before stay on the handset, which cannot assemble them and
 * shows nothing; the retry sends every part again under a new reference). When it does not answer —
 * a response timeout, the bind lost while waiting — it may have taken the part, so the claim stays:
 * a retry waits for the ledger's lease and then sends again, the one window in which a person can
 * get the warning twice.
 *
 * <p>At most {@link SmppSettings#window()} submit_sm wait for their response at once on the bind;
 * a send that finds the window full waits for a slot up to half the response timeout, then fails
 * as unavailable, having handed nothing over. Numbers never enter logs or exception messages.
 */
public class SmppFlashWarningSender implements FlashWarningSender {

    public static final String CHANNEL = "FLASH_WARNING";

    private static final Logger LOG = LoggerFactory.getLogger(SmppFlashWarningSender.class);
    private static final ESMClass SINGLE = new ESMClass();
    private static final ESMClass WITH_UDH = new ESMClass(MessageMode.DEFAULT, MessageType.DEFAULT,
            GSMSpecificFeature.UDHI);
    private static final RegisteredDelivery RECEIPT = new RegisteredDelivery(SMSCDeliveryReceipt.SUCCESS_FAILURE);

    private final SmscConnection connection;
    private final SendLedger ledger;
    private final SmppSettings settings;
    private final AtomicInteger references = new AtomicInteger(ThreadLocalRandom.current().nextInt(256));
    // the submit runs on its own thread so that the caller can stop waiting when the bind is lost
    private final ExecutorService submitters = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("smpp-submit-", 0).factory());

    public SmppFlashWarningSender(SmscConnection connection, SendLedger ledger) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.settings = connection.settings();
    }

    @Override
    public SmsReceipt send(FlashWarning flash) {
        Attempt attempt = new Attempt(flash.idempotencyKey(), CHANNEL, settings.providerName(), flash.personId(),
                flash.caseId());
        Optional<Entry> earlier = ledger.claim(attempt);
        if (earlier.isPresent()) {
            LOG.info("flash warning attempt {} of case {} went to the SMSC already as {}; not sent again",
                    attempt.attemptId(), attempt.caseId(), earlier.get().providerRef());
            return new SmsReceipt(earlier.get().providerRef(), settings.providerName());
        }
        String messageId;
        try {
            messageId = submit(flash, attempt);
        } catch (NothingTaken e) {
            ledger.release(attempt.attemptId());
            throw e.failure;
        }
        ledger.sent(attempt.attemptId(), messageId);
        return new SmsReceipt(messageId, settings.providerName());
    }

    private String submit(FlashWarning flash, Attempt attempt) {
        FlashMessage message;
        try {
            message = FlashMessage.of(flash.text(), references.getAndIncrement() & 0xFF);
        } catch (IllegalArgumentException e) {
            throw new NothingTaken(new CounterpartRefused("flash warning of attempt " + attempt.attemptId()
                    + " cannot be sent: " + e.getMessage()));
        }
        String destination = internationalDigits(flash.to().e164());
        List<byte[]> parts = message.parts();
        String first = null;
        for (int i = 0; i < parts.size(); i++) {
            String id = submitPart(destination, message, parts.get(i), attempt, i + 1, parts.size());
            if (first == null) {
                first = id;
            }
        }
        LOG.info("flash warning attempt {} of case {} taken by the SMSC {} as {} ({} part(s), data coding 0x{})",
                attempt.attemptId(), attempt.caseId(), settings.providerName(), first, parts.size(),
                Integer.toHexString(message.dataCoding()));
        return first;
    }

    private String submitPart(String destination, FlashMessage message, byte[] part, Attempt attempt, int number,
                              int total) {
        SmscConnection.Link link;
        try {
            link = connection.link();
        } catch (CounterpartUnavailable e) {
            throw new NothingTaken(e);
        }
        long timeout = settings.responseTimeout().toMillis();
        // half the response timeout: a send behind a full window gives up before the ones ahead of it time out
        long windowWait = timeout / 2;
        try {
            if (!link.window().tryAcquire(windowWait, TimeUnit.MILLISECONDS)) {
                throw new NothingTaken(new CounterpartUnavailable("the window of " + settings.window()
                        + " submits to the SMSC " + settings.providerName() + " stayed full for " + windowWait
                        + " ms"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NothingTaken(new CounterpartUnavailable("interrupted while waiting for the SMSC window"));
        }
        CompletableFuture<SubmitSmResult> response = CompletableFuture.supplyAsync(() -> {
            try {
                return link.session().submitShortMessage(null, // the SMSC's default service_type
                        settings.sourceTon(), settings.sourceNpi(), settings.sourceAddress(),
                        TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, destination,
                        message.concatenated() ? WITH_UDH : SINGLE, (byte) 0, (byte) 0, null, null, RECEIPT,
                        (byte) 0, new RawDataCoding(message.dataCoding()), (byte) 0, part);
            } catch (PDUException | ResponseTimeoutException | InvalidResponseException | NegativeResponseException
                     | IOException e) {
                throw new CompletionException(e);
            }
        }, submitters);
        response.whenComplete((result, error) -> link.window().release());
        try {
            // jSMPP's own transaction timer ends the submit after the response timeout; the margin covers its wake-up
            CompletableFuture.anyOf(response, link.lost()).get(timeout + 1_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CounterpartUnavailable("interrupted while waiting for the SMSC's submit_sm_resp");
        } catch (ExecutionException | TimeoutException e) {
            // told apart below
        }
        if (!response.isDone()) {
            throw new CounterpartUnavailable("the bind to the SMSC " + settings.providerName() + " was lost while "
                    + "part " + number + "/" + total + " of flash warning attempt " + attempt.attemptId()
                    + " waited for its submit_sm_resp");
        }
        try {
            return response.join().getMessageId();
        } catch (CompletionException e) {
            throw failure(e.getCause(), attempt, number, total);
        }
    }

    private RuntimeException failure(Throwable error, Attempt attempt, int number, int total) {
        String what = "part " + number + "/" + total + " of flash warning attempt " + attempt.attemptId();
        return switch (error) {
            case NegativeResponseException e -> new NothingTaken(SmscErrors.of(settings.providerName(),
                    e.getCommandStatus()));
            // jSMPP's message of a field it cannot encode may quote the field, that is the number: left out
            case PDUException e -> new NothingTaken(new CounterpartRefused(what
                    + " has a field that SMPP cannot carry (" + e.getClass().getSimpleName() + ")"));
            case ResponseTimeoutException e -> new CounterpartUnavailable("the SMSC " + settings.providerName()
                    + " did not answer " + what + " within " + settings.responseTimeout().toMillis() + " ms");
            case InvalidResponseException e -> new CounterpartUnavailable("the SMSC " + settings.providerName()
                    + " answered " + what + " with an invalid response");
            case IOException e -> new CounterpartUnavailable("the connection to the SMSC " + settings.providerName()
                    + " failed while sending " + what, e);
            default -> new CounterpartUnavailable("sending " + what + " failed: " + error.getClass().getSimpleName());
        };
    }

    /** E.164 without its '+': what the SMSC expects with TON international and NPI ISDN. */
    static String internationalDigits(String e164) {
        return e164.startsWith("+") ? e164.substring(1) : e164;
    }

    /** A failure after which the SMSC holds nothing of the attempt's current part: the claim can go. */
    private static final class NothingTaken extends RuntimeException {
        private final RuntimeException failure;

        NothingTaken(RuntimeException failure) {
            super(failure.getMessage(), null, false, false);
            this.failure = failure;
        }
    }
}
