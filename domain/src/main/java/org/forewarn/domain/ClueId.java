package org.forewarn.domain;

/** The platform's own identifier of a clue; the key that makes intake idempotent. */
public record ClueId(String value) {

    public ClueId {
        CallerIds.required("clueId", value);
    }

    @Override
    public String toString() {
        return value;
    }
}
