package org.forewarn.workflows.jobs;

import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import io.camunda.client.api.worker.JobHandler;
import io.grpc.Status;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.forewarn.bpmn.Processes.Variables;
import org.forewarn.domain.Actors;
import org.forewarn.domain.Rung;
import org.forewarn.domain.person.api.RecordStepFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * What every worker on a case does around its work. The work runs first and answers the
 * variables to complete the job with; the job is then completed explicitly. If the person's
 * aggregate refuses the work because the case was closed meanwhile, the job is completed without
 * it: the case-resolved message is ending the process, and failing would only raise an incident
 * on a case nobody works any more. Any other failure fails the job with back-off; when that failure
 * uses the last retry, or the counterpart refused the request for good, {@link #beforeIncident}
 * runs first: it records on the case that the step failed for good ({@code StepFailed}), so the
 * shift sees that the ladder stopped there while Operations see the incident; a worker that reaches
 * a counterpart records its channel's failure instead ({@link ChannelWorker}).
 *
 * <p>A failure includes an {@link Error} other than the JVM's own ({@link VirtualMachineError}):
 * an assertion, a class that failed to link or initialise. The job client catches exceptions
 * only, so such an error used to leave the job unanswered and unlogged until its time-out, and
 * then again on every delivery: a case stalled with no incident for Operations to see. It is now
 * logged as an error and fails the job like any failure, so it ends as an incident. A
 * {@link VirtualMachineError} (out of memory, stack overflow) is logged and thrown on: nothing
 * here can be trusted to answer the engine then, and the job comes back after its time-out.
 *
 * <p>Subclasses keep {@link #doWork} free of side effects on the job, so a test can run it twice
 * for one job and see that the work happens once.
 */
public abstract class CaseJobWorker implements JobHandler {

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final String jobType;
    private final String actor;
    private final CommandGateway commands;
    private final int configuredRetries;
    private volatile Duration firstBackoff = JobFailures.FIRST_BACKOFF;

    /** @param configuredRetries the retries the models give this job type, for the back-off */
    protected CaseJobWorker(String jobType, CommandGateway commands, int configuredRetries) {
        this.jobType = jobType;
        this.actor = Actors.system(jobType);
        this.commands = commands;
        this.configuredRetries = configuredRetries;
    }

    @Override
    public final void handle(JobClient client, ActivatedJob job) {
        Map<String, Object> variables;
        try {
            variables = doWork(job);
        } catch (VirtualMachineError e) {
            log.error("{}: the JVM failed during job {} of case {}, which is left to its time-out: {}", jobType,
                    job.getKey(), caseIdOf(job), JobFailures.describe(e));
            throw e;
        } catch (RuntimeException | Error e) {
            if (ClosedCases.refusedAsClosed(e)) {
                log.info("{}: case {} is closed; job {} completes without its work", jobType, caseIdOf(job),
                        job.getKey());
                answer(job, () -> client.newCompleteCommand(job).send().join());
                return;
            }
            int retriesLeft = JobFailures.retriesLeft(job, e);
            // an Error is a defect or a broken library rather than a counterpart's bad moment
            log.atLevel(e instanceof Error ? Level.ERROR : Level.WARN)
               .log("{} failed for job {} of case {} ({} retries left): {}", jobType, job.getKey(), caseIdOf(job),
                       retriesLeft, JobFailures.describe(e));
            if (retriesLeft == 0) {
                beforeIncident(job, e);
            }
            answer(job, () -> JobFailures.fail(client, job, firstBackoff, configuredRetries, e));
            return;
        }
        answer(job, () -> complete(client, job, variables));
    }

    /**
     * Sends the job's answer. A job the engine no longer has ({@code NOT_FOUND}) is not an error:
     * its step was left while the work ran (a raised risk, a resolution or an operator's skip
     * moved the case on and cancelled it), or it timed out and another worker completed it. The
     * work itself is done once either way; failing the job as well would only be refused again.
     */
    private void answer(ActivatedJob job, Runnable send) {
        try {
            send.run();
        } catch (ClientStatusException e) {
            if (e.getStatusCode() != Status.Code.NOT_FOUND) {
                throw e;
            }
            log.info("{}: job {} of case {} is no longer in the engine (its step was left or another worker "
                    + "completed it); nothing to answer", jobType, job.getKey(), caseIdOf(job));
        }
    }

    /**
     * Starts the back-off of this worker's failed jobs at {@code first} instead of the standard 2 s;
     * set once, when the application wires its workers ({@code forewarn.workers.first-backoff}).
     */
    public final void useFirstBackoff(Duration first) {
        this.firstBackoff = JobFailures.requireValidFirstBackoff(first);
    }

    /**
     * The job's work, without completing it: run twice for one job, it acts and records once.
     *
     * @return the variables to complete the job with (may be empty)
     */
    public abstract Map<String, Object> doWork(ActivatedJob job);

    /**
     * Runs when a failure is about to turn the job into an incident: records {@code StepFailed} on
     * the case, once per step (case, element and round), with the rung the step knows and the
     * failure's class and message, which carry no personal data. Best effort: if the record fails
     * too (the job's variables are what failed, say), it is logged and the incident is raised all
     * the same.
     */
    protected void beforeIncident(ActivatedJob job, Throwable failure) {
        try {
            JobVariables variables = JobVariables.of(job);
            String caseId = variables.caseId();
            send(new RecordStepFailure(variables.personId(), caseId,
                    AttemptIds.step(caseId, job.getElementId(), variables.round()), jobType, rungOf(variables),
                    JobFailures.describe(failure), actor));
        } catch (RuntimeException e) {
            log.warn("{}: the failure of job {} could not be recorded on its case: {}", jobType, job.getKey(),
                    JobFailures.describe(e));
        }
    }

    /** The step's own rung, else the ladder's current one, else none (also when the variable is not a rung). */
    private static Rung rungOf(JobVariables variables) {
        try {
            return stepRung(variables).orElse(null);
        } catch (RuntimeException notARung) {
            return null;
        }
    }

    /** The rung element's own rung, else the ladder's current one, if the job's variables name one. */
    protected static Optional<Rung> stepRung(JobVariables variables) {
        return variables.optional(Rung.class, Variables.RUNG)
                        .or(() -> variables.optional(Rung.class, Variables.CURRENT_RUNG));
    }

    protected void complete(JobClient client, ActivatedJob job, Map<String, Object> variables) {
        client.newCompleteCommand(job).variables(variables).send().join();
    }

    /** Sends a command to the person's aggregate and waits for its answer. */
    protected final <R> R send(Object command) {
        return commands.sendAndWait(command);
    }

    /** {@code system:<job type>}: who the records made by this worker name. */
    protected final String actor() {
        return actor;
    }

    protected final String jobType() {
        return jobType;
    }

    protected final Logger log() {
        return log;
    }

    private static Object caseIdOf(ActivatedJob job) {
        return job.getVariablesAsMap().get(Variables.CASE_ID);
    }
}
