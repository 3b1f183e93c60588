package org.forewarn.app;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.worker.JobHandler;
import io.camunda.client.api.worker.JobWorker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's job workers, one per job type, opened together and closed together.
 * <p>
 * Closing stops the polls and then waits, up to the drain time, for the jobs this node already
 * holds: those being handled and those a poll in flight still brings. Before, the workers were
 * only told to stop polling, and the application went on closing while their handlers ran: a
 * handler that sent its command after Axon had stopped met "no handler was subscribed for the
 * command" and failed its job, so every graceful stop (a rolling restart) cost a job in flight
 * one of its retries. A job still running when the drain time is up is left to its time-out and
 * handed to another node or to this one after its restart (each worker's work is idempotent).
 */
final class JobWorkers {

    private static final Logger LOG = LoggerFactory.getLogger(JobWorkers.class);
    private static final Duration CHECK_EVERY = Duration.ofMillis(20);

    private final CamundaClient zeebe;
    private final Map<String, JobHandler> handlers;
    private final Duration jobTimeout;
    private final Duration pollTimeout;
    private final Duration drainTime;
    private final List<JobWorker> open = new ArrayList<>();

    JobWorkers(CamundaClient zeebe, Map<String, JobHandler> handlers, Duration jobTimeout, Duration pollTimeout,
               Duration drainTime) {
        if (drainTime.isNegative()) {
            throw new IllegalArgumentException("the drain time cannot be negative: " + drainTime);
        }
        this.zeebe = zeebe;
        this.handlers = Map.copyOf(handlers);
        this.jobTimeout = jobTimeout;
        this.pollTimeout = pollTimeout;
        this.drainTime = drainTime;
    }

    synchronized void open() {
        // A short long-poll: a job handed back after its back-off does not wake a waiting
        // poll on the in-process engine, so a long one (the client's default is 10 s)
        // left retried jobs idle for tens of seconds.
        handlers.forEach((type, handler) -> open.add(zeebe.newWorker().jobType(type).handler(handler)
                .name("forewarn-" + type).timeout(jobTimeout).requestTimeout(pollTimeout).open()));
    }

    /**
     * Stops every poll, then waits until the jobs already activated for this node are handled or
     * the drain time is up.
     *
     * @return whether every worker finished its jobs in time
     */
    synchronized boolean close() {
        open.forEach(JobWorker::close);
        long deadline = System.nanoTime() + drainTime.toNanos();
        try {
            while (!open.stream().allMatch(JobWorker::isClosed)) {
                if (System.nanoTime() - deadline >= 0) {
                    LOG.warn("job workers still held jobs after {}; those are left to their time-out ({})",
                            drainTime, jobTimeout);
                    return false;
                }
                Thread.sleep(CHECK_EVERY.toMillis());
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            open.clear();
        }
    }
}
