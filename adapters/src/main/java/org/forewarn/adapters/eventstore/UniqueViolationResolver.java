package org.forewarn.adapters.eventstore;

import java.sql.SQLException;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;

/**
 * Recognises a unique-key violation by its SQLSTATE ({@code 23505}, the same on PostgreSQL and
 * H2), so that two writers appending the same aggregate sequence number get Axon's
 * {@code ConcurrencyException} instead of a generic failure. Axon's own JDBC resolver looks for
 * {@code SQLIntegrityConstraintViolationException}, which the PostgreSQL driver never throws.
 */
public class UniqueViolationResolver implements PersistenceExceptionResolver {

    private static final String UNIQUE_VIOLATION = "23505";

    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
