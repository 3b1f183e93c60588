package org.forewarn.workflows.ports;

/**
 * Sends the SMS that tells a person about a countermeasure on them. Kept apart from the warning
 * SMS because it is a notice the law requires, not a warning, and providers and the outbox file
 * it as such. Implementations must be idempotent on {@link NoticeSms#idempotencyKey()}.
 */
public interface NoticeSmsSender {

    SmsReceipt send(NoticeSms notice);
}
