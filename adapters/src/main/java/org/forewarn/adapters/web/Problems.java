package org.forewarn.adapters.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.forewarn.adapters.web.InvalidFields.FieldError;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * RFC 9457 problem documents for every error the API answers, in one shape: {@code type},
 * {@code title}, {@code status}, {@code detail}, and for invalid input {@code errors}, a list of
 * {@code {field, message}}.
 */
public final class Problems {

    static final String BASE = "https://forewarn.org/problems/";

    private Problems() {
    }

    public static ProblemDetail of(HttpStatus status, String slug, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(BASE + slug));
        problem.setTitle(status.getReasonPhrase());
        return problem;
    }

    public static ProblemDetail invalid(List<FieldError> errors) {
        ProblemDetail problem = of(HttpStatus.BAD_REQUEST, "invalid-input",
                errors.stream().map(e -> e.field() + ": " + e.message()).reduce((a, b) -> a + "; " + b)
                      .orElse("invalid input"));
        problem.setProperty("errors", errors);
        return problem;
    }

    public static ProblemDetail bodyTooLarge(String detail) {
        return of(HttpStatus.PAYLOAD_TOO_LARGE, "body-too-large", detail);
    }

    /** Writes a problem outside Spring MVC (security handlers, servlet filters). */
    public static void write(HttpServletResponse response, ObjectMapper json, ProblemDetail problem)
            throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
