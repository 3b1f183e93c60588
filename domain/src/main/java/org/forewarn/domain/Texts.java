package org.forewarn.domain;

/** Checks on free text from outside: length, and no control characters but line breaks and tabs. */
public final class Texts {

    private Texts() {
    }

    /** @throws InvalidValueException naming {@code field}, also when the text is missing altogether */
    public static void check(String field, String text, int maxLength) {
        if (text == null) {
            throw new InvalidValueException(field, "is required");
        }
        if (text.length() > maxLength) {
            throw new InvalidValueException(field, "is longer than " + maxLength + " characters");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') {
                throw new InvalidValueException(field, "contains a control character");
            }
        }
    }

    /** A required reason or note: not blank, at most {@code maxLength} characters. */
    public static String required(String field, String text, int maxLength) {
        if (text == null || text.isBlank()) {
            throw new InvalidValueException(field, "is required");
        }
        check(field, text, maxLength);
        return text.strip();
    }
}
