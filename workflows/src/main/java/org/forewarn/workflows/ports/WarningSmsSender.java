package org.forewarn.workflows.ports;

/**
 * Sends the 12381 warning SMS. Implementations must be idempotent on
 * {@link WarningSms#idempotencyKey()}: the same key sent twice reaches the person once and
 * answers with the same receipt.
 */
public interface WarningSmsSender {

    SmsReceipt send(WarningSms sms);
}
