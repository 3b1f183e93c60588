package org.forewarn.domain;

/**
 * A value from outside (an API body, a configuration file) that the domain refuses. It names
 * the field so the caller can be told exactly what to fix; its message never repeats the
 * refused value when that value may be personal data.
 */
public class InvalidValueException extends IllegalArgumentException {

    private final String field;

    public InvalidValueException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }

    /** The message without the field prefix. */
    public String reason() {
        return getMessage().substring(field.length() + 2);
    }
}
