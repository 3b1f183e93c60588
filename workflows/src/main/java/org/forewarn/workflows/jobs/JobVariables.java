package org.forewarn.workflows.jobs;

import io.camunda.client.api.response.ActivatedJob;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import org.forewarn.bpmn.Processes.Variables;
import org.forewarn.domain.Enums;

/**
 * Reads a job's variables as the workers need them. A missing or malformed variable is a fault
 * of the model, not of the case, so it fails the job with a message naming the variable (never
 * a personal value: the variables hold none).
 *
 * <p>Date-times come from FEEL as zoned strings such as {@code 2026-11-22T15:12:22.594Z[Etc/UTC]};
 * plain ISO-8601 instants and offset date-times are read too.
 */
public final class JobVariables {

    private final Map<String, Object> values;

    private JobVariables(Map<String, Object> values) {
        this.values = values;
    }

    public static JobVariables of(ActivatedJob job) {
        return of(job.getVariablesAsMap());
    }

    static JobVariables of(Map<String, Object> values) {
        return new JobVariables(values);
    }

    public String caseId() {
        return required(Variables.CASE_ID);
    }

    public String personId() {
        return required(Variables.PERSON_ID);
    }

    /** The round of proposals the ladder is in; 0 before the first rejection, when the variable is not set yet. */
    public int round() {
        Object value = values.get(Variables.ROUND);
        if (value == null) {
            return 0;
        }
        if (value instanceof Number number) {
            return number.intValue();
        }
        try {
            return Integer.parseInt(value.toString());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("process variable " + Variables.ROUND + " is not an integer");
        }
    }

    public String required(String name) {
        return optional(name).orElseThrow(
                () -> new IllegalArgumentException("process variable " + name + " is missing"));
    }

    public Optional<String> optional(String name) {
        return Optional.ofNullable(values.get(name)).map(Object::toString);
    }

    public <E extends Enum<E>> E required(Class<E> type, String name) {
        return Enums.parse(type, name, required(name));
    }

    public <E extends Enum<E>> Optional<E> optional(Class<E> type, String name) {
        return optional(name).map(code -> Enums.parse(type, name, code));
    }

    public Instant requiredInstant(String name) {
        return instant(name, required(name));
    }

    public Optional<Instant> optionalInstant(String name) {
        return optional(name).map(text -> instant(name, text));
    }

    private static Instant instant(String name, String text) {
        try {
            return ZonedDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("process variable " + name + " is not an ISO-8601 date-time");
        }
    }
}
