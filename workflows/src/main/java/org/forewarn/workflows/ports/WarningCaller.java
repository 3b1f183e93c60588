package org.forewarn.workflows.ports;

/**
 * Places the automated warning call: a recorded voice reads the script to the person. The
 * call's result arrives later, as a report from the platform. Implementations must be idempotent
 * on {@link WarningCall#idempotencyKey()}: the same key placed twice rings once and answers with
 * the same receipt.
 */
public interface WarningCaller {

    CallReceipt call(WarningCall call);
}
