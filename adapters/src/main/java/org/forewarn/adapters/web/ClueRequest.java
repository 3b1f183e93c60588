package org.forewarn.adapters.web;

/**
 * The body of {@code POST /api/v1/clues}, as received. Every field is read as text and validated
 * by {@link ClueIntake}, so that each bad field gets its own precise message.
 */
public record ClueRequest(
        String clueId,
        String victimNumber,
        String suspectNumber,
        String category,
        String riskLevel,
        String detectedAt,
        String channel,
        String source,
        String ageGroup) {
}
