package org.forewarn.domain;

import java.util.Objects;

/**
 * Free text that may name or describe people (an operator's note, a relative's name). It is
 * stored encrypted with the person's key like a phone number, so erasing the person erases it;
 * afterwards it reads as {@link #ERASED}. {@link #toString()} never prints it, so it cannot reach
 * a log by accident.
 */
public record PersonalText(String text) {

    /** How every erased personal value reads. */
    public static final String ERASED_MARK = "[erased]";
    public static final PersonalText ERASED = new PersonalText(ERASED_MARK);
    public static final PersonalText NONE = new PersonalText("");
    public static final int MAX_LENGTH = 2000;

    public PersonalText {
        Objects.requireNonNull(text, "text");
    }

    /**
     * Text from outside: at most {@value #MAX_LENGTH} characters, no control characters but line
     * breaks and tabs; {@code null} reads as empty.
     */
    public static PersonalText of(String field, String raw) {
        if (raw == null) {
            return NONE;
        }
        Texts.check(field, raw, MAX_LENGTH);
        return new PersonalText(raw.strip());
    }

    public boolean isErased() {
        return ERASED_MARK.equals(text);
    }

    public boolean isEmpty() {
        return text.isEmpty();
    }

    @Override
    public String toString() {
        return isErased() ? ERASED_MARK : "PersonalText[" + text.length() + " chars]";
    }
}
