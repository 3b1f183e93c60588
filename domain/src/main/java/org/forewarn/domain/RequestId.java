package org.forewarn.domain;

import java.util.regex.Pattern;

/**
 * The identity of one attempt to do something (a job's attempt, an API request's idempotency
 * key): the same id twice changes nothing. 1–64 of {@code [A-Za-z0-9._:-]}.
 */
public final class RequestId {

    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private RequestId() {
    }

    /** @throws InvalidValueException naming {@code field} */
    public static String check(String field, String id) {
        if (id == null || id.isEmpty()) {
            throw new InvalidValueException(field, "is required");
        }
        if (!FORM.matcher(id).matches()) {
            throw new InvalidValueException(field, "must be 1 to 64 characters of A-Z a-z 0-9 . _ : -");
        }
        return id;
    }
}
