package org.forewarn.workflows.ports;

import org.forewarn.domain.PhoneNumber;

/**
 * The payment side (banks and payment institutions, reached through the anti-fraud platform) of
 * the countermeasures on a person, who is identified by the mobile number their accounts are
 * registered with. Every order carries an idempotency key (the attempt id): the same key ordered
 * twice acts once and answers with the same receipt.
 */
public interface PaymentControl {

    /** Restricts outgoing transfers from the person's accounts (限制转账). */
    ControlReceipt restrictTransfers(String idempotencyKey, PhoneNumber number);

    ControlReceipt liftTransferRestriction(String idempotencyKey, PhoneNumber number);
}
