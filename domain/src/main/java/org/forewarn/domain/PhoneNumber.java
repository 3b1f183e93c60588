package org.forewarn.domain;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import java.util.Objects;

/**
 * A phone number in E.164 form ({@code +8613800138000}), normalised by Google's libphonenumber
 * from what fraud platforms push: E.164 with or without spaces, dashes, dots and parentheses,
 * the {@code 00} international prefix, and mainland China's national forms (an 11-digit mobile
 * number, or a landline with its trunk {@code 0}), read as numbers of region {@code CN}. Only
 * numbers that libphonenumber holds valid for their country are accepted.
 *
 * <p>Only ASCII digits count: full-width or other Unicode digits that merely look alike are
 * refused before libphonenumber (which would fold them) sees them, so that two spellings can
 * never name two persons. The number is personal data: {@link #toString()} is masked, and
 * {@link #e164()} must only be used where the number itself is needed (sending, the encrypted
 * store). After the person's data was erased the stored number reads as {@link #ERASED}.
 */
public record PhoneNumber(String e164) {

    /** What a number reads as once the key that encrypted it was destroyed. */
    public static final PhoneNumber ERASED = new PhoneNumber(PersonalText.ERASED_MARK);

    private static final int MAX_INPUT = 32;
    private static final String DEFAULT_REGION = "CN";
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    public PhoneNumber {
        Objects.requireNonNull(e164, "e164");
        if (!e164.equals(PersonalText.ERASED_MARK) && !isE164(e164)) {
            throw new InvalidValueException("phoneNumber", "not an E.164 number");
        }
    }

    /**
     * Parses a number as pushed by a platform or typed by an operator.
     *
     * @param field the name of the field being parsed, used in the error
     * @throws InvalidValueException naming {@code field} when the text is not a valid phone number;
     *                               the message never repeats the text
     */
    public static PhoneNumber parse(String field, String raw) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidValueException(field, "is required");
        }
        if (raw.length() > MAX_INPUT) {
            throw new InvalidValueException(field, "is longer than " + MAX_INPUT + " characters");
        }
        String trimmed = raw.strip();
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            boolean allowed = (c >= '0' && c <= '9') || (c == '+' && i == 0)
                    || c == ' ' || c == '-' || c == '(' || c == ')' || c == '.';
            if (!allowed) {
                throw new InvalidValueException(field,
                        "may contain only ASCII digits, a leading '+', spaces, dashes, dots and parentheses");
            }
        }
        com.google.i18n.phonenumbers.Phonenumber.PhoneNumber parsed = parseOrNull(trimmed);
        if (parsed == null) {
            throw new InvalidValueException(field, "is not a phone number in E.164 or mainland China national form");
        }
        if (!UTIL.isValidNumber(parsed) && trimmed.charAt(0) != '+' && trimmed.charAt(0) != '0') {
            // some platforms drop the '+' of international numbers: 447911123456
            com.google.i18n.phonenumbers.Phonenumber.PhoneNumber international = parseOrNull("+" + trimmed);
            if (international != null && UTIL.isValidNumber(international)) {
                parsed = international;
            }
        }
        if (!UTIL.isValidNumber(parsed)) {
            throw new InvalidValueException(field, "is not a valid number for "
                    + (parsed.getCountryCode() == 86 ? "mainland China" : "country code +" + parsed.getCountryCode()));
        }
        return new PhoneNumber(UTIL.format(parsed, PhoneNumberFormat.E164));
    }

    private static com.google.i18n.phonenumbers.Phonenumber.PhoneNumber parseOrNull(String text) {
        try {
            return UTIL.parse(text, DEFAULT_REGION);
        } catch (NumberParseException e) {
            return null;
        }
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

    public boolean isErased() {
        return e164.equals(PersonalText.ERASED_MARK);
    }

    /** The number as operators see it before revealing it: {@code +86138****8000}. */
    public String masked() {
        if (isErased()) {
            return e164;
        }
        int keepEnd = 4;
        int keepStart = Math.min(6, e164.length() - keepEnd - 2);
        return e164.substring(0, keepStart) + "****" + e164.substring(e164.length() - keepEnd);
    }

    @Override
    public String toString() {
        return masked();
    }
}
