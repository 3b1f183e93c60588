package org.forewarn.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.JobIntent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.forewarn.bpmn.InProcessZeebe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A graceful stop lets the workers finish the jobs this node holds before the rest of the
 * application closes (their commands would otherwise find no handler and fail the job, a retry
 * lost per job in flight at every rolling restart), and takes no new job once it began.
 */
class JobWorkersTest {

    private static final String TYPE = "drain-test";

    private InProcessZeebe zeebe;
    private CamundaClient client;
    private final List<Long> handled = new CopyOnWriteArrayList<>();
    private final CountDownLatch inHand = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void start() {
        zeebe = InProcessZeebe.start(0);
        client = zeebe.newClient(2);
        client.newDeployResourceCommand().addProcessModel(Bpmn.createExecutableProcess("drain")
                .startEvent().serviceTask("work", t -> t.zeebeJobType(TYPE)).endEvent().done(), "drain.bpmn")
              .send().join();
    }

    @AfterEach
    void stop() {
        release.countDown();
        client.close();
        zeebe.close();
    }

    /** Completes each job once the test releases the first. */
    private void handle(JobClient jobs, ActivatedJob job) throws InterruptedException {
        handled.add(job.getKey());
        inHand.countDown();
        assertThat(release.await(30, TimeUnit.SECONDS)).isTrue();
        jobs.newCompleteCommand(job).send().join();
    }

    private JobWorkers workers(Duration drainTime) {
        return new JobWorkers(client, Map.of(TYPE, this::handle), Duration.ofMinutes(1), Duration.ofSeconds(2),
                drainTime);
    }

    private void startInstance() {
        client.newCreateInstanceCommand().bpmnProcessId("drain").latestVersion().send().join();
    }

    @Test
    void closingWaitsForTheJobInHandWhichCompletesAndTakesNoNewJob() throws Exception {
        JobWorkers workers = workers(Duration.ofSeconds(15));
        workers.open();
        startInstance();
        assertThat(inHand.await(10, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Boolean> closing = CompletableFuture.supplyAsync(workers::close);
        Thread.sleep(500);
        assertThat(closing).as("still waiting for the job in hand").isNotDone();
        startInstance(); // after the polls stopped: not for this node
        release.countDown();

        assertThat(closing.get(10, TimeUnit.SECONDS)).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> jobRecords(JobIntent.COMPLETED) == 1);
        assertThat(jobRecords(JobIntent.FAILED)).isZero();
        Thread.sleep(1000);
        assertThat(handled).as("the job created after the close began was not taken").hasSize(1);
        assertThat(jobRecords(JobIntent.CREATED)).isEqualTo(2);
    }

    @Test
    void aJobStillRunningWhenTheDrainTimeIsUpIsLeftAndTheCloseGoesOn() throws Exception {
        JobWorkers workers = workers(Duration.ofMillis(300));
        workers.open();
        startInstance();
        assertThat(inHand.await(10, TimeUnit.SECONDS)).isTrue();

        long began = System.nanoTime();
        assertThat(workers.close()).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(3));
        assertThat(jobRecords(JobIntent.COMPLETED)).isZero();
    }

    @Test
    void aNegativeDrainTimeIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> workers(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("drain time");
    }

    private long jobRecords(JobIntent intent) {
        return StreamSupport.stream(zeebe.records().getRecords().spliterator(), false)
                .filter(r -> r.getValueType() == ValueType.JOB && r.getIntent() == intent)
                .count();
    }
}
