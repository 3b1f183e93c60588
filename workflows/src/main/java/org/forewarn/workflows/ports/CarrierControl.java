package org.forewarn.workflows.ports;

import org.forewarn.domain.PhoneNumber;

/**
 * The carrier's side of the countermeasures on a person's line. Every order carries an
 * idempotency key (the attempt id): the same key ordered twice acts once and answers with the
 * same receipt. There is no order to restore a cancelled call forwarding: it was the fraudster's
 * diversion, and the person can set up a forwarding of their own again.
 */
public interface CarrierControl {

    /** Cancels any call forwarding on the line (踢线), so calls reach the person again. */
    ControlReceipt cancelForwarding(String idempotencyKey, PhoneNumber number);

    /** Suspends the line's service (停机). */
    ControlReceipt suspendService(String idempotencyKey, PhoneNumber number);

    ControlReceipt restoreService(String idempotencyKey, PhoneNumber number);

    /** Cuts the line's mobile data (断网). */
    ControlReceipt cutData(String idempotencyKey, PhoneNumber number);

    ControlReceipt restoreData(String idempotencyKey, PhoneNumber number);
}
