package org.forewarn.workflows.jobs;

import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;
import org.forewarn.workflows.ports.CounterpartRefused;
import org.forewarn.workflows.ports.CounterpartUnavailable;

/**
 * How a worker gives a job back when its work failed: one retry fewer, after a back-off that
 * doubles with each failure (capped), so that a counterpart that keeps failing ends as an
 * incident in Operate rather than a hot loop or a silent stop. A counterpart that refused the
 * request for good ({@link CounterpartRefused}) leaves no retry: trying again would be refused
 * again. One that asked us to wait ({@link CounterpartUnavailable#retryAfter()}) is waited for at
 * least that long. The first back-off is {@value #FIRST_BACKOFF_TEXT} unless the application is
 * configured otherwise ({@code forewarn.workers.first-backoff}), e.g. a test that must see a retry
 * budget spent within seconds.
 */
public final class JobFailures {

    static final String FIRST_BACKOFF_TEXT = "PT2S";
    public static final Duration FIRST_BACKOFF = Duration.parse(FIRST_BACKOFF_TEXT);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
    private static final int MAX_MESSAGE = 500;
    private static final Pattern DIGIT_RUNS = Pattern.compile("\\+?\\d{7,}");

    private JobFailures() {
    }

    /** The back-off before the next try, given how many retries the job has left. */
    public static Duration backoff(int configuredRetries, int retriesLeft) {
        return backoff(FIRST_BACKOFF, configuredRetries, retriesLeft);
    }

    /** As {@link #backoff(int, int)}, starting from {@code first} instead of the standard first back-off. */
    public static Duration backoff(Duration first, int configuredRetries, int retriesLeft) {
        int failures = Math.max(0, configuredRetries - retriesLeft);
        long millis = first.toMillis() << Math.min(failures, 16);
        return Duration.ofMillis(Math.min(millis, MAX_BACKOFF.toMillis()));
    }

    /** Refuses a first back-off that is not positive or longer than the longest back-off. */
    public static Duration requireValidFirstBackoff(Duration first) {
        if (first == null || first.toMillis() <= 0 || first.compareTo(MAX_BACKOFF) > 0) {
            throw new IllegalArgumentException("forewarn.workers.first-backoff must be between 1 ms and "
                    + MAX_BACKOFF + ", not " + first);
        }
        return first;
    }

    /**
     * Fails the job. The message goes to Operate, so it carries the exception's class and message
     * only; callers must not put personal data into exception messages.
     */
    public static void fail(JobClient client, ActivatedJob job, int configuredRetries, Throwable error) {
        fail(client, job, FIRST_BACKOFF, configuredRetries, error);
    }

    /** As {@link #fail(JobClient, ActivatedJob, int, Throwable)}, with back-offs starting from {@code first}. */
    public static void fail(JobClient client, ActivatedJob job, Duration first, int configuredRetries,
                            Throwable error) {
        client.newFailCommand(job)
              .retries(retriesLeft(job, error))
              .retryBackoff(backoff(first, configuredRetries, job.getRetries(), error))
              .errorMessage(describe(error))
              .send()
              .join();
    }

    /** How many retries the job has left once this try fails: none means it becomes an incident. */
    public static int retriesLeft(ActivatedJob job) {
        return Math.max(0, job.getRetries() - 1);
    }

    /** As {@link #retriesLeft(ActivatedJob)}, but none at all when the counterpart refused for good. */
    public static int retriesLeft(ActivatedJob job, Throwable error) {
        return refusedForGood(error) ? 0 : retriesLeft(job);
    }

    /** The back-off, or the wait the counterpart asked for when that is longer (capped all the same). */
    public static Duration backoff(int configuredRetries, int retriesLeft, Throwable error) {
        return backoff(FIRST_BACKOFF, configuredRetries, retriesLeft, error);
    }

    /** As {@link #backoff(int, int, Throwable)}, starting from {@code first}. */
    public static Duration backoff(Duration first, int configuredRetries, int retriesLeft, Throwable error) {
        Duration backoff = backoff(first, configuredRetries, retriesLeft);
        Duration asked = causeOf(error, CounterpartUnavailable.class)
                .flatMap(CounterpartUnavailable::retryAfter)
                .orElse(Duration.ZERO);
        Duration longer = asked.compareTo(backoff) > 0 ? asked : backoff;
        return longer.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : longer;
    }

    /** Whether the error, or one of its causes, is a counterpart's refusal that no retry can change. */
    public static boolean refusedForGood(Throwable error) {
        return causeOf(error, CounterpartRefused.class).isPresent();
    }

    private static <T extends Throwable> Optional<T> causeOf(Throwable error, Class<T> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return Optional.of(type.cast(t));
            }
        }
        return Optional.empty();
    }

    /**
     * The failure as Operate, the logs and the case record show it: the exception's class and
     * message, at most 500 characters. Our own messages carry no personal data, but a
     * counterpart's may echo the number it was given, so any run of seven or more digits is
     * blanked out.
     */
    public static String describe(Throwable error) {
        String message = DIGIT_RUNS.matcher(error.getClass().getSimpleName() + ": " + error.getMessage())
                                   .replaceAll("[digits]");
        return message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) : message;
    }
}
