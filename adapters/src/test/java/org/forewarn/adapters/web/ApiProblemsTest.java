package org.forewarn.adapters.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.axonframework.common.jdbc.JdbcException;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.TransactionSystemException;
import org.junit.jupiter.api.Test;

/** Which failures of an API call are the store going away (503, retry) and which are ours (500). */
class ApiProblemsTest {

    private final ApiProblems problems = new ApiProblems();

    @Test
    void brokenConnectionWrappedByAxonIsAnUnavailableStoreWithRetryAfter() {
        SQLException broken = new SQLException("An I/O error occurred while sending to the backend.", "08006",
                new EOFException());
        var answer = problems.fault(new JdbcException("Failed to create a SQL statement", broken));

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo(ApiProblems.RETRY_AFTER_SECONDS);
        assertThat(answer.getBody().getType().toString()).endsWith("store-unavailable");
    }

    @Test
    void poolTimeoutAndCommitOnAClosedConnectionAreAnUnavailableStore() {
        assertThat(ApiProblems.lostTheStore(new IllegalStateException(new SQLTransientConnectionException(
                "HikariPool-1 - Connection is not available, request timed out after 2000ms")))).isTrue();
        assertThat(ApiProblems.lostTheStore(new TransactionSystemException("Could not commit JDBC transaction",
                new SQLException("Connection is closed", "08003")))).isTrue();
        assertThat(ApiProblems.lostTheStore(new JdbcException("x",
                new SQLException("the database system is shutting down", "57P03")))).isTrue();
        assertThat(ApiProblems.lostTheStore(new JdbcException("Failed to create a SQL statement",
                new SQLException("Connection is closed")))).as("the pool's stand-in for a closed connection").isTrue();
    }

    @Test
    void otherSqlErrorsAndOurOwnFaultsStayInternalErrors() {
        assertThat(ApiProblems.lostTheStore(new JdbcException("x",
                new SQLException("duplicate key value violates unique constraint", "23505")))).isFalse();
        assertThat(ApiProblems.lostTheStore(new IllegalStateException("a bug"))).isFalse();
        assertThat(problems.fault(new IllegalStateException("a bug")).getStatusCode())
                .isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
    }
}
