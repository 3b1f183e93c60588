package org.forewarn.adapters.smpp;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.forewarn.adapters.channels.SendLedger;
import org.forewarn.adapters.channels.SendLedger.Entry;
import org.forewarn.domain.DomainRuleViolation;
import org.forewarn.domain.person.api.RecordFlashWarningDelivery;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.DeliveryReceipt;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.Session;
import org.jsmpp.util.InvalidDeliveryReceiptException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the SMSC's delivery receipts (deliver_sm with the receipt bit of {@code esm_class}) into
 * {@link RecordFlashWarningDelivery}, actor {@value #ACTOR}. The message is named by the
 * {@code receipted_message_id} TLV when the SMSC sends one (SMPP 3.4 says it is exactly the id of
 * the submit_sm_resp), else by the {@code id:} of the receipt text; its state by the {@code stat:}
 * of the text, else by the {@code message_state} TLV. Only final states count:
 * {@code DELIVRD} is delivered; {@code UNDELIV}, {@code EXPIRED}, {@code REJECTD} and
 * {@code DELETED} are failed; {@code ENROUTE}, {@code ACCEPTD} and {@code UNKNOWN} are written to
 * the ledger and otherwise ignored. The time recorded is the receipt's arrival: the receipt's own
 * "done date" has minute precision and no time zone.
 *
 * <p>The message id leads to the attempt through the {@link SendLedger}. A receipt often arrives
 * before the worker has recorded the send (the SMSC can answer within milliseconds of its
 * submit_sm_resp, and the worker records only after), so a receipt whose id the ledger does not
 * know yet, or whose attempt the person's aggregate does not know yet (not found), is tried again
 * with a doubling delay for {@code retryFor}, on a thread of its own, never the session's. A
 * receipt still unknown then — another part of a long message, another system's message — is
 * logged and dropped. Every deliver_sm is answered with an OK deliver_sm_resp: refusing a receipt
 * only makes the SMSC send it again, and nothing in it can get better by that. Numbers never
 * enter the logs: the receipt's addresses are not read.
 */
public class SmppDeliveryReceipts implements MessageReceiverListener, AutoCloseable {

    public static final String ACTOR = "system:smsc";
    static final Duration FIRST_RETRY = Duration.ofMillis(200);

    private static final Logger LOG = LoggerFactory.getLogger(SmppDeliveryReceipts.class);

    private final SendLedger ledger;
    private final CommandGateway commands;
    private final String provider;
    private final Clock clock;
    private final Duration retryFor;
    private final ScheduledExecutorService retries;

    public SmppDeliveryReceipts(SendLedger ledger, CommandGateway commands, String provider, Clock clock,
                                Duration retryFor) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.commands = Objects.requireNonNull(commands, "commands");
        this.provider = Objects.requireNonNull(provider, "provider");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.retryFor = Objects.requireNonNull(retryFor, "retryFor");
        this.retries = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "smpp-receipts-" + provider);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** A delivery receipt reduced to what the casework needs. */
    record Receipt(String messageId, String status) {

        boolean isFinal() {
            return delivered() || failed();
        }

        boolean delivered() {
            return status.equals("DELIVRD");
        }

        boolean failed() {
            return switch (status) {
                case "UNDELIV", "EXPIRED", "REJECTD", "DELETED" -> true;
                default -> false;
            };
        }
    }

    @Override
    public void onAcceptDeliverSm(DeliverSm deliverSm) {
        if (!deliverSm.isSmscDeliveryReceipt()) {
            LOG.info("the SMSC {} delivered a message that is no delivery receipt; it is acknowledged and ignored",
                    provider);
            return;
        }
        Optional<Receipt> receipt = parse(deliverSm);
        if (receipt.isEmpty()) {
            LOG.warn("the SMSC {} sent a delivery receipt that names no message id or state; ignored", provider);
            return;
        }
        Instant at = clock.instant();
        if (!handle(receipt.get(), at, false)) {
            retry(receipt.get(), at, FIRST_RETRY, Duration.ZERO);
        }
    }

    /** Reads the id and the state, preferring the TLVs for the id and the text for the state. */
    static Optional<Receipt> parse(DeliverSm deliverSm) {
        String id = null;
        String status = null;
        OptionalParameter receipted = deliverSm.getOptionalParameter(OptionalParameter.Tag.RECEIPTED_MESSAGE_ID);
        if (receipted instanceof OptionalParameter.COctetString text) {
            id = text.getValueAsString();
        }
        try {
            DeliveryReceipt text = deliverSm.getShortMessageAsDeliveryReceipt();
            if (id == null || id.isBlank()) {
                id = text.getId();
            }
            status = text.getFinalStatus() == null ? null : text.getFinalStatus().name();
        } catch (InvalidDeliveryReceiptException e) {
            // some SMSCs send the TLVs only
        }
        if (status == null && deliverSm.getOptionalParameter(OptionalParameter.Tag.MESSAGE_STATE)
                instanceof OptionalParameter.Message_state state && state.getMessageState() != null) {
            status = stat(state.getMessageState());
        }
        if (id == null || id.isBlank() || status == null) {
            return Optional.empty();
        }
        return Optional.of(new Receipt(id.trim(), status));
    }

    private static String stat(OptionalParameter.Message_state.Message_state_enum state) {
        return switch (state) {
            case ENROUTE -> "ENROUTE";
            case DELIVERED -> "DELIVRD";
            case EXPIRED -> "EXPIRED";
            case DELETED -> "DELETED";
            case UNDELIVERABLE -> "UNDELIV";
            case ACCEPTED -> "ACCEPTD";
            case REJECTED -> "REJECTD";
            default -> "UNKNOWN";
        };
    }

    /**
     * Records the receipt on the ledger and, when final, on the person.
     *
     * @return false when the message or its attempt is not known (yet), true when done with it
     */
    private boolean handle(Receipt receipt, Instant at, boolean lastTry) {
        Optional<Entry> entry;
        try {
            entry = ledger.byProviderRef(provider, receipt.messageId());
        } catch (RuntimeException e) {
            LOG.warn("delivery receipt {} of the SMSC {}: the send ledger failed: {}", receipt.messageId(), provider,
                    e.getMessage());
            return false;
        }
        if (entry.isEmpty()) {
            if (lastTry) {
                LOG.info("delivery receipt {} ({}) of the SMSC {} names no flash warning sent by us; dropped",
                        receipt.messageId(), receipt.status(), provider);
            }
            return false;
        }
        Entry sent = entry.get();
        try {
            ledger.status(provider, receipt.messageId(), receipt.status(), null);
            if (!receipt.isFinal()) {
                return true;
            }
            commands.sendAndWait(new RecordFlashWarningDelivery(sent.personId(), sent.caseId(), sent.attemptId(),
                    receipt.delivered(), receipt.status(), at, ACTOR), 30, TimeUnit.SECONDS);
            LOG.info("flash warning attempt {} of case {}: the SMSC reports {}", sent.attemptId(), sent.caseId(),
                    receipt.status());
            return true;
        } catch (RuntimeException e) {
            if (lastTry) {
                LOG.warn("flash warning attempt {} of case {}: its delivery receipt ({}) is dropped: {}",
                        sent.attemptId(), sent.caseId(), receipt.status(), notFound(e)
                                ? "the person's record still knows no such attempt" : e.getClass().getSimpleName());
            }
            return false; // not found yet, or the ledger or the command bus failed: each may pass
        }
    }

    private void retry(Receipt receipt, Instant at, Duration delay, Duration waited) {
        Duration next = waited.plus(delay);
        boolean last = next.compareTo(retryFor) >= 0;
        try {
            retries.schedule(() -> {
                if (!handle(receipt, at, last) && !last) {
                    retry(receipt, at, delay.multipliedBy(2), next);
                }
            }, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.info("delivery receipt {} of the SMSC {} dropped at shutdown", receipt.messageId(), provider);
        }
    }

    private static boolean notFound(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DomainRuleViolation violation && violation.kind() == DomainRuleViolation.Kind.NOT_FOUND) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void onAcceptAlertNotification(AlertNotification alertNotification) {
        // an SMSC tells with it that a handset became reachable again; the ladder does not wait for that
    }

    @Override
    public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
        LOG.info("the SMSC {} sent a data_sm, which this ESME does not take", provider);
        throw new ProcessRequestException("data_sm is not taken", SMPPConstant.STAT_ESME_RINVCMDID);
    }

    @Override
    public void close() {
        retries.shutdownNow();
    }
}
