package org.forewarn.workflows.jobs;

/**
 * The ids workers give their attempts. They name the case and the process step (and the round of
 * proposals where a step recurs), never the element-instance key: the embedded engine keeps no
 * state across restarts and hands out the same keys again, and a process re-opened after a
 * restart must find the attempt its predecessor made.
 */
public final class AttemptIds {

    private AttemptIds() {
    }

    /** One attempt per case and process step: {@code caseId:elementId}. */
    public static String step(String caseId, String elementId) {
        return caseId + ":" + elementId;
    }

    /** One per case, process step and round: {@code caseId:elementId:round}. */
    public static String step(String caseId, String elementId, int round) {
        return step(caseId, elementId) + ":" + round;
    }

    /**
     * One family SMS per case and relative, whichever family step sends it (the ladder's or the
     * emergency branch's): {@code caseId:family-sms:<10 hex digits of the relative id's SHA-256>},
     * short enough for the 64 characters an attempt id may have.
     */
    public static String familySms(String caseId, String relativeId) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(relativeId.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return caseId + ":family-sms:" + java.util.HexFormat.of().formatHex(digest, 0, 5);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** One per countermeasure and action ({@code apply}, {@code lift}, {@code notice}). */
    public static String countermeasure(String countermeasureId, String action) {
        return countermeasureId + ":" + action;
    }
}
