package org.forewarn.workflows.ports;

import java.time.Instant;

/**
 * What the carrier or payment side answered to an order: its reference, which counterpart it was,
 * and when the order took effect. A repeated order answers with the first receipt, so the time
 * stays the one the order first took effect.
 */
public record ControlReceipt(String reference, String provider, Instant at) {
}
