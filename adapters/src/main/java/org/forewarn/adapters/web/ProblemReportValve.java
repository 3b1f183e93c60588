package org.forewarn.adapters.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * Tomcat's own refusals as problem documents. Some requests are refused by Tomcat before any
 * filter or the error controller sees them — a path with an encoded NUL or slash, invalid
 * percent-encoding, bytes that are not UTF-8 — and Tomcat would answer those with an HTML page.
 * This valve takes the place of Tomcat's error report and writes the same problem document
 * {@link ProblemErrorController} writes, without echoing anything of the request.
 */
public class ProblemReportValve extends ErrorReportValve {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int code = response.getStatus();
        if (code < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        HttpStatus status = HttpStatus.resolve(code);
        if (status == null) {
            status = code < 500 ? HttpStatus.BAD_REQUEST : HttpStatus.INTERNAL_SERVER_ERROR;
        }
        ProblemDetail problem = Problems.of(status, "http-" + code, status.is5xxServerError()
                ? "an unexpected error occurred; it has been logged"
                : "the request was refused: " + status.getReasonPhrase().toLowerCase());
        problem.setStatus(code);
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            response.getOutputStream().write(JSON.writeValueAsBytes(problem));
            response.finishResponse();
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response cannot take a body: nothing more to tell it
        }
    }
}
