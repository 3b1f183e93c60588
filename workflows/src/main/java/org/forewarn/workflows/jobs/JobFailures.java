package org.forewarn.workflows.jobs;

import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * How a worker gives a job back when its work failed: one retry fewer, after a back-off that
 * doubles with each failure (capped), so that a counterpart that keeps failing ends as an
 * incident in Operate rather than a hot loop or a silent stop.
 */
public final class JobFailures {

    static final Duration FIRST_BACKOFF = Duration.ofSeconds(2);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
    private static final int MAX_MESSAGE = 500;
    private static final Pattern DIGIT_RUNS = Pattern.compile("\\+?\\d{7,}");

    private JobFailures() {
    }

    /** The back-off before the next try, given how many retries the job has left. */
    public static Duration backoff(int configuredRetries, int retriesLeft) {
        int failures = Math.max(0, configuredRetries - retriesLeft);
        long millis = FIRST_BACKOFF.toMillis() << Math.min(failures, 16);
        return Duration.ofMillis(Math.min(millis, MAX_BACKOFF.toMillis()));
    }

    /**
     * Fails the job. The message goes to Operate, so it carries the exception's class and message
     * only; callers must not put personal data into exception messages.
     */
    public static void fail(JobClient client, ActivatedJob job, int configuredRetries, Throwable error) {
        client.newFailCommand(job)
              .retries(retriesLeft(job))
              .retryBackoff(backoff(configuredRetries, job.getRetries()))
              .errorMessage(describe(error))
              .send()
              .join();
    }

    /** How many retries the job has left once this try fails: none means it becomes an incident. */
    public static int retriesLeft(ActivatedJob job) {
        return Math.max(0, job.getRetries() - 1);
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
