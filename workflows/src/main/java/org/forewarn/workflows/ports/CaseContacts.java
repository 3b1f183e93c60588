package org.forewarn.workflows.ports;

import java.util.Optional;
import org.forewarn.domain.PhoneNumber;

/**
 * Finds the phone number to warn for a case. Workers receive only identifiers from Zeebe; the
 * number itself is looked up here, from the store that holds personal data, at the moment of
 * sending.
 */
public interface CaseContacts {

    Optional<PhoneNumber> victimNumber(String personId, String caseId);
}
