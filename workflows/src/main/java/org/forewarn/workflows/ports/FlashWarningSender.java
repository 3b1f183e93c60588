package org.forewarn.workflows.ports;

/**
 * Sends a flash-screen warning (闪信): a message the handset shows over whatever is on screen
 * and does not store. Implementations must be idempotent on {@link FlashWarning#idempotencyKey()}:
 * the same key sent twice reaches the person once and answers with the same receipt.
 */
public interface FlashWarningSender {

    SmsReceipt send(FlashWarning flash);
}
