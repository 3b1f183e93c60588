package org.forewarn.workflows.ports;

/**
 * Sends the family rung's SMS to a relative (亲情号码预警). Kept apart from the person's own
 * warning because it goes to someone else, and providers and the outbox file it as such.
 * Implementations must be idempotent on {@link FamilySms#idempotencyKey()}.
 */
public interface FamilySmsSender {

    SmsReceipt send(FamilySms sms);
}
