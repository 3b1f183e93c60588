package org.forewarn.domain;

/** How the fraud reached the person, as the platform saw it. */
public enum ClueChannel {
    CALL, SMS, INTERNET,
    /** The victim's line is being forwarded: warning calls will not get through. */
    CALL_FORWARDING,
    /** The victim is on a long call right now. */
    LINE_BUSY;

    public static ClueChannel parse(String field, String code) {
        return Enums.parse(ClueChannel.class, field, code);
    }
}
