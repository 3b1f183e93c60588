package org.forewarn.workflows.ports;

/** What the call platform answered: its id for the call, and which platform it was. */
public record CallReceipt(String callId, String provider) {
}
