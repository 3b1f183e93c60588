package org.forewarn.domain;

/**
 * Who did something. A human is named by their user name; a part of the system by
 * {@code system:<part>} (for example {@code system:send-warning-sms}). Decisions with a major
 * effect on a person must name a human (PIPL art. 24), which is why the prefix is reserved.
 */
public final class Actors {

    public static final String SYSTEM_PREFIX = "system:";

    private Actors() {
    }

    public static String system(String part) {
        return SYSTEM_PREFIX + part;
    }

    public static boolean isHuman(String actor) {
        return actor != null && !actor.isBlank() && !actor.startsWith(SYSTEM_PREFIX);
    }

    /** @throws InvalidValueException when {@code actor} is missing */
    public static String required(String actor) {
        if (actor == null || actor.isBlank()) {
            throw new InvalidValueException("actor", "is required");
        }
        return actor;
    }
}
