package org.forewarn.bpmn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.worker.JobWorker;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A job failed with a short back-off comes back within seconds of the back-off running out, while
 * the in-process engine is busy with other jobs, polls and timers and no new work (a new case, a
 * message) arrives that could wake a forgotten check. The engine's back-off checker now and then
 * has no run planned while a job's back-off runs out, and the job then waited for some later
 * failure to plan one; {@link InProcessZeebe}'s watchdog bounds that wait. Without the watchdog
 * this test fails only now and then: it shows the bound, not the race.
 */
class InProcessZeebeBackoffTest {

    /** The hand-back may trail the due time by the engine's 1 s check interval and a poll. */
    private static final Duration HANDED_BACK_WITHIN = Duration.ofSeconds(3);
    private static final List<String> TYPES = List.of("sms", "flash", "carrier", "payment");
    private static final int TRIES = 5;
    private static final int ROUNDS = 10;
    private static final int CASES_PER_TYPE = 3;

    private InProcessZeebe zeebe;
    private CamundaClient client;
    private final List<JobWorker> workers = new ArrayList<>();
    /** Per job: when it was last failed and the back-off it was given, in System.nanoTime terms. */
    private final Map<Long, long[]> failed = new ConcurrentHashMap<>();
    /** How long after its back-off ran out each failed job was handed out again, in ms. */
    private final List<Long> lateBy = new CopyOnWriteArrayList<>();
    private final Set<Long> completedInstances = ConcurrentHashMap.newKeySet();

    @BeforeEach
    void start() {
        zeebe = InProcessZeebe.start(0);
        client = zeebe.newClient(4);
        // the application's other workers, each polling every 100 ms for a type without jobs
        // here: the engine processes a job activation every few milliseconds, as it does there
        for (int i = 0; i < 12; i++) {
            workers.add(client.newWorker().jobType("idle-" + i).handler((jobs, job) -> { })
                    .requestTimeout(Duration.ofSeconds(2)).open());
        }
        for (String type : TYPES) {
            // a service task with a non-interrupting timer that keeps coming due while the job
            // is tried, so the engine's timer checker runs all the time beside the back-off checker
            client.newDeployResourceCommand().addProcessModel(Bpmn.createExecutableProcess("p-" + type)
                    .startEvent().serviceTask("send", t -> t.zeebeJobType(type).zeebeJobRetries(String.valueOf(TRIES)))
                    .boundaryEvent("reminder", b -> b.cancelActivity(false).timerWithCycle("R/PT0.1S").endEvent())
                    .moveToActivity("send").endEvent().done(), "p-" + type + ".bpmn").send().join();
            workers.add(client.newWorker().jobType(type).handler((jobs, job) -> {
                long now = System.nanoTime();
                long[] last = failed.get(job.getKey());
                if (last != null) {
                    lateBy.add(Math.max(0, (now - last[0] - last[1]) / 1_000_000));
                }
                if (job.getRetries() > 1) {
                    // the application's back-offs with a 100 ms first one: 100, 200, 400, 800 ms
                    Duration backoff = Duration.ofMillis(100L << (TRIES - job.getRetries()));
                    failed.put(job.getKey(), new long[] {System.nanoTime(), backoff.toNanos()});
                    jobs.newFailCommand(job).retries(job.getRetries() - 1).retryBackoff(backoff)
                        .errorMessage("counterpart unavailable").send().join();
                } else {
                    jobs.newCompleteCommand(job).send().join();
                    completedInstances.add(job.getProcessInstanceKey());
                }
            }).timeout(Duration.ofMinutes(5)).requestTimeout(Duration.ofSeconds(2)).open());
        }
    }

    @AfterEach
    void stop() {
        workers.forEach(JobWorker::close);
        client.close();
        zeebe.close();
    }

    @Test
    void aJobFailedWithAShortBackoffIsHandedOutAgainWithinSecondsWhileTheEngineIsBusyWithPollsAndTimers() {
        for (int round = 0; round < ROUNDS; round++) {
            List<Long> instances = new ArrayList<>();
            for (int i = 0; i < CASES_PER_TYPE; i++) {
                for (String type : TYPES) {
                    instances.add(client.newCreateInstanceCommand().bpmnProcessId("p-" + type).latestVersion()
                            .send().join().getProcessInstanceKey());
                }
            }
            // four tries fail with back-offs adding up to 1.5 s; nothing reaches the engine
            // meanwhile but the workers' polls, their failures and the cycle timers
            await().atMost(Duration.ofSeconds(15)).until(() -> completedInstances.containsAll(instances));
        }

        assertThat(lateBy).as("every failed try came back")
                .hasSize(ROUNDS * CASES_PER_TYPE * TYPES.size() * (TRIES - 1));
        assertThat(lateBy).as("ms each try came back after its back-off ran out")
                .allSatisfy(ms -> assertThat(ms).isLessThan(HANDED_BACK_WITHIN.toMillis()));
    }
}
