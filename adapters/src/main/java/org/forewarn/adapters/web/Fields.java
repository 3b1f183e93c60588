package org.forewarn.adapters.web;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.forewarn.adapters.web.InvalidFields.FieldError;
import org.forewarn.domain.InvalidValueException;

/**
 * Reads the text fields of a request body, collecting every error so that one answer names all
 * the fields at fault. Call {@link #done()} before using the values.
 */
final class Fields {

    static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("2200-01-01T00:00:00Z");
    private static final Pattern ASCII_INTEGER = Pattern.compile("[+-]?[0-9]{1,19}");

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

    /**
     * A whole number of fen, or null when absent. Only ASCII digits: {@link Long#parseLong} alone
     * would also read full-width, Arabic-Indic or Devanagari digits, so an amount could be written
     * in a form that looks like another.
     */
    static Long fen(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String amount = text.strip();
        if (!ASCII_INTEGER.matcher(amount).matches()) {
            throw new InvalidValueException(field, "must be a whole number of fen (1 yuan = 100 fen)");
        }
        try {
            return Long.parseLong(amount);
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

    /**
     * An ISO-8601 date-time with offset between {@link #EARLIEST} and {@link #LATEST}. Java reads
     * years up to ±999,999,999, but the read models (BSON dates, epoch milliseconds) cannot hold
     * most of them: one such date in an event would stop the case projection for every case.
     */
    static Instant instant(String field, String text) {
        required(field, text);
        Instant at;
        try {
            at = OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidValueException(field,
                    "must be an ISO-8601 date-time with offset, e.g. 2026-11-22T08:00:00+08:00");
        }
        if (at.isBefore(EARLIEST) || !at.isBefore(LATEST)) {
            throw new InvalidValueException(field, "must lie between the years 1900 and 2199");
        }
        return at;
    }
}
