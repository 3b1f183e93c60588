package org.forewarn.workflows.ports;

/**
 * A counterpart (SMS provider, SMSC, carrier, payment side) refused the request in a way that
 * sending it again cannot change: a 4xx other than 429, an invalid destination, a rejected
 * signature. The job that met it becomes an incident at once, without spending its retries, so
 * that a person looks at it. The message must carry no personal data.
 */
public class CounterpartRefused extends RuntimeException {

    public CounterpartRefused(String message) {
        super(message);
    }

    public CounterpartRefused(String message, Throwable cause) {
        super(message, cause);
    }
}
