package org.forewarn.adapters.web;

import java.util.List;

/** Input that failed validation, with every field at fault; answered with 400. */
public class InvalidFields extends RuntimeException {

    private final List<FieldError> errors;

    public InvalidFields(List<FieldError> errors) {
        super(errors.stream().map(e -> e.field() + ": " + e.message()).reduce((a, b) -> a + "; " + b).orElse(""));
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }

    public record FieldError(String field, String message) {
    }
}
