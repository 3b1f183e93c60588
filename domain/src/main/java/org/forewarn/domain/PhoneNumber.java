package org.forewarn.domain;

import java.util.Objects;

/**
 * A phone number in E.164 form ({@code +8613800138000}). Accepts what fraud platforms push:
 * E.164 with or without spaces, dashes and parentheses, the {@code 00} international prefix,
 * and mainland China's national forms (an 11-digit mobile number, or a landline with its
 * leading trunk {@code 0}), which are given the {@code +86} country code.
 *
 * <p>Only ASCII digits count: full-width or other Unicode digits that merely look alike are
 * refused rather than folded, so that two spellings can never name two persons. The number
 * is personal data, so {@link #toString()} is masked; {@link #e164()} gives the number itself
 * and must only be used where the number is needed (sending, the encrypted store).
 */
public record PhoneNumber(String e164) {

    private static final int MAX_INPUT = 32;

    public PhoneNumber {
        Objects.requireNonNull(e164, "e164");
        if (!isE164(e164)) {
            throw new InvalidValueException("phoneNumber", "not an E.164 number");
        }
    }

    /**
     * Parses a number as pushed by a platform.
     *
     * @param field the name of the field being parsed, used in the error
     * @throws InvalidValueException naming {@code field} when the text is not a phone number
     */
    public static PhoneNumber parse(String field, String raw) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidValueException(field, "is required");
        }
        if (raw.length() > MAX_INPUT) {
            throw new InvalidValueException(field, "is longer than " + MAX_INPUT + " characters");
        }
        StringBuilder digits = new StringBuilder(16);
        boolean plus = false;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            } else if (c == '+' && i == firstNonSeparator(raw) && !plus) {
                plus = true;
            } else if (c == ' ' || c == '-' || c == '(' || c == ')' || c == '.') {
                // separators people and platforms write between digit groups
            } else {
                throw new InvalidValueException(field,
                        "may contain only ASCII digits, a leading '+', spaces, dashes, dots and parentheses");
            }
        }
        String d = digits.toString();
        String e164;
        if (plus) {
            e164 = "+" + d;
        } else if (d.startsWith("00")) {
            e164 = "+" + d.substring(2);
        } else if (d.length() == 11 && d.charAt(0) == '1' && d.charAt(1) >= '3') {
            e164 = "+86" + d; // mainland mobile, national form
        } else if (d.length() >= 10 && d.length() <= 12 && d.charAt(0) == '0' && d.charAt(1) != '0') {
            e164 = "+86" + d.substring(1); // mainland landline with trunk prefix
        } else if (d.length() >= 11 && d.length() <= 15 && d.charAt(0) != '0') {
            e164 = "+" + d; // international form without the '+'
        } else {
            throw new InvalidValueException(field, "is not a phone number in E.164 or mainland China national form");
        }
        if (!isE164(e164)) {
            throw new InvalidValueException(field, "is not a valid E.164 number (country code, then at most 15 digits in all)");
        }
        if (e164.startsWith("+86") && !isMainlandNumber(e164.substring(3))) {
            throw new InvalidValueException(field, "is not a valid mainland China number");
        }
        return new PhoneNumber(e164);
    }

    private static int firstNonSeparator(String raw) {
        for (int i = 0; i < raw.length(); i++) {
            if (raw.charAt(i) != ' ') {
                return i;
            }
        }
        return 0;
    }

    private static boolean isE164(String s) {
        if (s.length() < 8 || s.length() > 16 || s.charAt(0) != '+' || s.charAt(1) == '0') {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** Mobile numbers are 11 digits starting 13–19; landlines are area code (10, 2x, 3xx…) + 7–8 digits. */
    private static boolean isMainlandNumber(String national) {
        if (national.charAt(0) == '1' && national.charAt(1) != '0') {
            return national.length() == 11 && national.charAt(1) >= '3';
        }
        return national.length() >= 9 && national.length() <= 11;
    }

    /** The number as operators see it before revealing it: {@code +86138****8000}. */
    public String masked() {
        int keepEnd = 4;
        int keepStart = Math.min(6, e164.length() - keepEnd - 2);
        return e164.substring(0, keepStart) + "****" + e164.substring(e164.length() - keepEnd);
    }

    @Override
    public String toString() {
        return masked();
    }
}
