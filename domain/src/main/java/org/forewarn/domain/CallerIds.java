package org.forewarn.domain;

import java.util.regex.Pattern;

/**
 * Identifiers that a caller mints once and sends again when it retries (clue ids, request ids,
 * appeal ids): 1 to 64 characters of {@code A-Z a-z 0-9 . _ : -}, safe in URLs and logs.
 */
public final class CallerIds {

    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private CallerIds() {
    }

    /** @throws InvalidValueException naming {@code field} when the id is missing or malformed */
    public static String required(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw new InvalidValueException(field, "is required");
        }
        if (!FORM.matcher(value).matches()) {
            throw new InvalidValueException(field, "must be 1 to 64 characters of A-Z a-z 0-9 . _ : -");
        }
        return value;
    }
}
