package org.forewarn.adapters.smpp;

import static org.jsmpp.SMPPConstant.*;

import java.time.Duration;
import java.util.Map;
import org.forewarn.workflows.ports.CounterpartRefused;
import org.forewarn.workflows.ports.CounterpartUnavailable;

/**
 * What an SMSC's error {@code command_status} in a submit_sm_resp means for the job: a refusal
 * that the same submit_sm would meet again (a malformed or barred destination, a data coding or
 * field the SMSC does not take, a sender it does not allow) is {@link CounterpartRefused}, so the
 * job becomes an incident at once; congestion and the SMSC's own faults (throttled, queue full,
 * system error, submit failed, temporary application error) and any status not listed are
 * {@link CounterpartUnavailable}, tried again with back-off — an unknown vendor code costs a few
 * retries rather than a warning never sent.
 */
final class SmscErrors {

    /** SMPP 3.4 §5.1.3 names, for messages that carry no personal data. */
    private static final Map<Integer, String> PERMANENT = Map.ofEntries(
            Map.entry(STAT_ESME_RINVMSGLEN, "ESME_RINVMSGLEN"),
            Map.entry(STAT_ESME_RINVCMDLEN, "ESME_RINVCMDLEN"),
            Map.entry(STAT_ESME_RINVCMDID, "ESME_RINVCMDID"),
            Map.entry(STAT_ESME_RINVPRTFLG, "ESME_RINVPRTFLG"),
            Map.entry(STAT_ESME_RINVREGDLVFLG, "ESME_RINVREGDLVFLG"),
            Map.entry(STAT_ESME_RINVSRCADR, "ESME_RINVSRCADR"),
            Map.entry(STAT_ESME_RINVDSTADR, "ESME_RINVDSTADR"),
            Map.entry(STAT_ESME_RINVSERTYP, "ESME_RINVSERTYP"),
            Map.entry(STAT_ESME_RINVESMCLASS, "ESME_RINVESMCLASS"),
            Map.entry(STAT_ESME_RINVSRCTON, "ESME_RINVSRCTON"),
            Map.entry(STAT_ESME_RINVSRCNPI, "ESME_RINVSRCNPI"),
            Map.entry(STAT_ESME_RINVDSTTON, "ESME_RINVDSTTON"),
            Map.entry(STAT_ESME_RINVDSTNPI, "ESME_RINVDSTNPI"),
            Map.entry(STAT_ESME_RINVSCHED, "ESME_RINVSCHED"),
            Map.entry(STAT_ESME_RINVEXPIRY, "ESME_RINVEXPIRY"),
            Map.entry(STAT_ESME_RINVDFTMSGID, "ESME_RINVDFTMSGID"),
            Map.entry(STAT_ESME_RX_P_APPN, "ESME_RX_P_APPN"),
            Map.entry(STAT_ESME_RX_R_APPN, "ESME_RX_R_APPN"),
            Map.entry(STAT_ESME_RINVTLVSTREAM, "ESME_RINVTLVSTREAM"),
            Map.entry(STAT_ESME_RTLVNOTALLWD, "ESME_RTLVNOTALLWD"),
            Map.entry(STAT_ESME_RINVTLVLEN, "ESME_RINVTLVLEN"),
            Map.entry(STAT_ESME_RMISSINGTLV, "ESME_RMISSINGTLV"),
            Map.entry(STAT_ESME_RINVTLVVAL, "ESME_RINVTLVVAL"),
            Map.entry(STAT_ESME_RSERTYPUNAUTH, "ESME_RSERTYPUNAUTH"),
            Map.entry(STAT_ESME_RPROHIBITED, "ESME_RPROHIBITED"),
            Map.entry(STAT_ESME_RSERTYPDENIED, "ESME_RSERTYPDENIED"),
            Map.entry(STAT_ESME_RINVDCS, "ESME_RINVDCS"),
            Map.entry(STAT_ESME_RINVSRCADDRSUBUNIT, "ESME_RINVSRCADDRSUBUNIT"),
            Map.entry(STAT_ESME_RINVDSTADDRSUBUNIT, "ESME_RINVDSTADDRSUBUNIT"));

    private static final Map<Integer, String> TRANSIENT = Map.of(
            STAT_ESME_RSYSERR, "ESME_RSYSERR",
            STAT_ESME_RMSGQFUL, "ESME_RMSGQFUL",
            STAT_ESME_RTHROTTLED, "ESME_RTHROTTLED",
            STAT_ESME_RSUBMITFAIL, "ESME_RSUBMITFAIL",
            STAT_ESME_RX_T_APPN, "ESME_RX_T_APPN",
            STAT_ESME_RINVBNDSTS, "ESME_RINVBNDSTS",
            STAT_ESME_RSERTYPUNAVAIL, "ESME_RSERTYPUNAVAIL",
            STAT_ESME_RDELIVERYFAILURE, "ESME_RDELIVERYFAILURE",
            STAT_ESME_RUNKNOWNERR, "ESME_RUNKNOWNERR");

    /** A throttled ESME is asked to slow down: at least this long before the job's next try. */
    static final Duration THROTTLED_WAIT = Duration.ofSeconds(5);

    private SmscErrors() {
    }

    static boolean permanent(int commandStatus) {
        return PERMANENT.containsKey(commandStatus);
    }

    static String name(int commandStatus) {
        String name = PERMANENT.getOrDefault(commandStatus, TRANSIENT.get(commandStatus));
        return name != null ? name : String.format("command_status 0x%08x", commandStatus);
    }

    /** The exception for an error submit_sm_resp of the SMSC {@code provider}. */
    static RuntimeException of(String provider, int commandStatus) {
        String message = "the SMSC " + provider + " answered submit_sm with " + name(commandStatus);
        if (permanent(commandStatus)) {
            return new CounterpartRefused(message);
        }
        Duration wait = commandStatus == STAT_ESME_RTHROTTLED || commandStatus == STAT_ESME_RMSGQFUL
                ? THROTTLED_WAIT : null;
        return new CounterpartUnavailable(message, wait, null);
    }
}
