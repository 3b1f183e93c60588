package org.forewarn.workflows.ports;

import java.util.List;
import java.util.Optional;
import org.forewarn.domain.PhoneNumber;

/**
 * Finds the phone number to warn for a case. Workers receive only identifiers from Zeebe; the
 * number itself is looked up here, from the store that holds personal data, at the moment of
 * sending.
 */
public interface CaseContacts {

    Optional<PhoneNumber> victimNumber(String personId, String caseId);

    /**
     * Whether the case has its outcome. Asked before a warning goes out or a countermeasure is
     * applied, so that nothing reaches the person of a case closed while the job waited; false
     * for a case this store does not know.
     */
    boolean isClosed(String personId, String caseId);

    /**
     * Whether a 12381 warning SMS of this case went out under another attempt than
     * {@code exceptAttemptId} and was not reported undelivered: the person has it, and a later
     * step (the emergency branch) does not send it again.
     */
    boolean warningSmsDelivered(String personId, String caseId, String exceptAttemptId);

    /**
     * The relatives registered for the person and not removed, in the order they were registered;
     * empty for a person with none or whose data was erased.
     */
    List<Relative> relatives(String personId);
}
