package org.forewarn.adapters.web;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.forewarn.adapters.web.InvalidFields.FieldError;
import org.forewarn.domain.InvalidValueException;

/**
 * Reads the text fields of a request body, collecting every error so that one answer names all
 * the fields at fault. Call {@link #done()} before using the values.
 */
final class Fields {

    private final List<FieldError> errors = new ArrayList<>();

    static Fields of(Object body, String what) {
        if (body == null) {
            throw new InvalidFields(List.of(new FieldError("body", "a JSON object with " + what + " is required")));
        }
        return new Fields();
    }

    <T> T read(Supplier<T> parse) {
        try {
            return parse.get();
        } catch (InvalidValueException e) {
            errors.add(new FieldError(e.field(), e.reason()));
            return null;
        }
    }

    void done() {
        if (!errors.isEmpty()) {
            throw new InvalidFields(errors);
        }
    }

    static String required(String field, String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidValueException(field, "is required");
        }
        return text;
    }

    /** A whole number of fen, or null when absent. */
    static Long fen(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new InvalidValueException(field, "must be a whole number of fen (1 yuan = 100 fen)");
        }
    }

    static boolean bool(String field, String text) {
        if ("true".equals(text)) {
            return true;
        }
        if ("false".equals(text)) {
            return false;
        }
        throw new InvalidValueException(field, text == null ? "is required (true or false)" : "must be true or false");
    }

    static Instant instant(String field, String text) {
        required(field, text);
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidValueException(field,
                    "must be an ISO-8601 date-time with offset, e.g. 2026-11-22T08:00:00+08:00");
        }
    }
}
