package org.forewarn.adapters.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLTransientException;
import java.util.List;
import java.util.stream.Collectors;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.forewarn.adapters.web.CaseController.CaseNotFound;
import org.forewarn.adapters.web.InvalidFields.FieldError;
import org.forewarn.domain.DomainRuleViolation;
import org.forewarn.domain.InvalidValueException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every failure of an API call into a problem document. Bad input gets a 4xx that names
 * the field; a store that cannot be reached gets 503 with {@code Retry-After}, so that the
 * platform retries rather than lose the clue; only a fault of ours is a 500, and its detail
 * reveals nothing of the request.
 */
@RestControllerAdvice
public class ApiProblems extends ResponseEntityExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ApiProblems.class);
    static final String RETRY_AFTER_SECONDS = "5";

    @ExceptionHandler(InvalidFields.class)
    ResponseEntity<ProblemDetail> invalid(InvalidFields e) {
        return ResponseEntity.badRequest().body(Problems.invalid(e.errors()));
    }

    @ExceptionHandler(CaseNotFound.class)
    ResponseEntity<ProblemDetail> notFound(CaseNotFound e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                             .body(Problems.of(HttpStatus.NOT_FOUND, "case-not-found", e.getMessage()));
    }

    @ExceptionHandler(SuspectController.NotFound.class)
    ResponseEntity<ProblemDetail> suspectNotFound(SuspectController.NotFound e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                             .body(Problems.of(HttpStatus.NOT_FOUND, "not-found", e.getMessage()));
    }

    /**
     * The rules refused the command: 409 for the state (a closed case is one such state, with a
     * type of its own), 404 for a thing it names, 403 for who asked, 410 for personal data that
     * was erased.
     */
    @ExceptionHandler(DomainRuleViolation.class)
    ResponseEntity<ProblemDetail> ruleViolation(DomainRuleViolation e) {
        HttpStatus status = switch (e.kind()) {
            case CONFLICT, CLOSED -> HttpStatus.CONFLICT;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case ERASED -> HttpStatus.GONE;
        };
        String type = switch (e.kind()) {
            case CONFLICT -> "rule-violation";
            case CLOSED -> "case-closed";
            case NOT_FOUND -> "not-found";
            case FORBIDDEN -> "not-allowed";
            case ERASED -> "personal-data-erased";
        };
        return ResponseEntity.status(status).body(Problems.of(status, type, e.getMessage()));
    }

    /** A value the domain refused while handling the command. */
    @ExceptionHandler(InvalidValueException.class)
    ResponseEntity<ProblemDetail> invalidValue(InvalidValueException e) {
        return ResponseEntity.badRequest().body(Problems.invalid(List.of(new FieldError(e.field(), e.reason()))));
    }

    /**
     * Spring Security's firewall refused a header value or the path once a handler read it (a
     * header with characters that are not printable ISO-8859-1, say): the request is at fault.
     */
    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<ProblemDetail> rejected(RequestRejectedException e) {
        return ResponseEntity.badRequest().body(Problems.of(HttpStatus.BAD_REQUEST, "request-rejected",
                "a header or the path holds characters that are not allowed"));
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<ProblemDetail> unknownAggregate(AggregateNotFoundException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                             .body(Problems.of(HttpStatus.NOT_FOUND, "not-found", "no such person or number"));
    }

    @ExceptionHandler({EventStoreException.class, DataAccessResourceFailureException.class,
            CannotCreateTransactionException.class, ConcurrencyException.class,
            AggregateStreamCreationException.class})
    ResponseEntity<ProblemDetail> unavailable(RuntimeException e) {
        LOG.warn("store unavailable, answered 503: {}", e.toString());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                             .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                             .body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "store-unavailable",
                                     "the case store cannot take this request right now; retry later"));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> fault(Exception e) {
        if (lostTheStore(e)) {
            return unavailable(e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e));
        }
        LOG.error("unexpected failure of an API call", e);
        return ResponseEntity.internalServerError()
                             .body(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error",
                                     "an unexpected error occurred; it has been logged"));
    }

    /**
     * Whether the failure is the database's connection going away, however it was wrapped: Axon
     * wraps a broken connection met while reading an aggregate in its own {@code JdbcException},
     * the pool's wait for a connection ends in {@link SQLTransientConnectionException}, and a
     * commit on a dropped connection in Spring's {@code TransactionSystemException}. The class of
     * the SQL exception, or SQLState class 08 (connection exception) and 57P (the server is shutting
     * down or not yet taking connections), tell it apart from a fault of ours, which stays a 500.
     * One more: once a statement broke the connection, the pool closes it, and the next statement
     * of the same transaction meets HikariCP's closed-connection stand-in, whose
     * {@code SQLException("Connection is closed")} carries no SQLState and no cause.
     * A commit whose answer was lost may have stored the clue; the platform's retry then gets the
     * first answer with 200, so 503 is right either way.
     */
    static boolean lostTheStore(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException
                    || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && (connectionState(sql.getSQLState()) || closedByThePool(sql))) {
                return true;
            }
        }
        return false;
    }

    private static boolean connectionState(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || sqlState.startsWith("57P"));
    }

    private static boolean closedByThePool(SQLException e) {
        return e.getSQLState() == null && "Connection is closed".equals(e.getMessage());
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Throwable cause = e.getMostSpecificCause();
        if (cause instanceof RequestBodyLimitFilter.BodyTooLarge tooLarge) { // a chunked body ran past the limit
            return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(Problems.bodyTooLarge(tooLarge.getMessage()));
        }
        FieldError error;
        if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            error = new FieldError(path(mismatch), "has the wrong JSON type; expected a string");
        } else if (cause instanceof MismatchedInputException) {
            error = new FieldError("body", "must be a JSON object with the clue's fields");
        } else if (cause instanceof StreamConstraintsException) {
            error = new FieldError("body", "exceeds the JSON nesting or size limits");
        } else if (cause instanceof JsonProcessingException json && json.getLocation() != null) {
            error = new FieldError("body", "is not valid JSON (line " + json.getLocation().getLineNr()
                    + ", column " + json.getLocation().getColumnNr() + ")");
        } else {
            error = new FieldError("body", "is not a readable JSON document");
        }
        return ResponseEntity.badRequest().body(Problems.invalid(List.of(error)));
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
    }
}
