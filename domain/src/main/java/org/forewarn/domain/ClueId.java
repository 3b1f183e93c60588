package org.forewarn.domain;

import java.util.regex.Pattern;

/** The platform's own identifier of a clue; the key that makes intake idempotent. */
public record ClueId(String value) {

    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    public ClueId {
        if (value == null || value.isEmpty()) {
            throw new InvalidValueException("clueId", "is required");
        }
        if (!FORM.matcher(value).matches()) {
            throw new InvalidValueException("clueId", "must be 1 to 64 characters of A-Z a-z 0-9 . _ : -");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
