package org.forewarn.workflows.ports;

/** What the provider answered: its id for the message, and which provider it was. */
public record SmsReceipt(String messageId, String provider) {
}
