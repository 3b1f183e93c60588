package org.forewarn.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoDatabase;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.RejectionType;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.MessageIntent;
import io.camunda.zeebe.protocol.record.intent.VariableIntent;
import io.camunda.zeebe.protocol.record.value.MessageRecordValue;
import io.camunda.zeebe.protocol.record.value.VariableRecordValue;
import io.grpc.Status;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.forewarn.adapters.mongo.CaseProjection;
import org.forewarn.adapters.mongo.SuspectProjection;
import org.forewarn.bpmn.InProcessZeebe;
import org.forewarn.bpmn.Processes;
import org.forewarn.bpmn.Processes.JobTypes;
import org.forewarn.workflows.bridge.CaseProcessBridge;
import org.forewarn.workflows.jobs.CaseJobWorker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * At-least-once delivery seen from the running application: a job handed out again after its
 * work was done, and events handed again to the bridge and to the projections (a node that died
 * after acting and before recording its progress). The second delivery must change nothing: no
 * second message, no second process, no second history entry, no second count. The application
 * runs without job workers, so that the test is the worker and decides when a job is completed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedeliveryTest {

    @TempDir
    static Path data;
    private RunningApp app;
    private CamundaClient zeebe;
    private InProcessZeebe engine;

    @BeforeAll
    void start() {
        app = RunningApp.start(data, "--forewarn.workers.enabled=false", RunningApp.KEEP_ENGINE_LOG);
        zeebe = app.bean(CamundaClient.class);
        engine = app.bean(EmbeddedRuntime.ZEEBE_BEAN, InProcessZeebe.class);
        // the recovery at start re-opens open cases' processes; let it finish before cases open here
        EmbeddedProcessRecovery recovery = app.bean(EmbeddedProcessRecovery.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> !recovery.isRunning());
    }

    @AfterAll
    void stop() {
        app.close();
    }

    /**
     * The first holder of the send job did the work (the SMS is in the outbox, the warning on the
     * case) and never completed the job: it died, or its completion was lost. Zeebe hands the job
     * out again when its timeout passes; the second delivery sends nothing and records nothing,
     * and completes the step. The first holder's late completion is refused.
     */
    @Test
    void aJobHandedOutAgainAfterItsWorkWasDoneSendsNothingNewAndCompletesTheStep() throws Exception {
        String caseId = open("zj-redeliver-job-1", "13900139101", "HIGH", "+8617000000101");
        handle(JobTypes.RUNG_STARTED, activate(JobTypes.RUNG_STARTED, caseId));

        ActivatedJob first = activate(JobTypes.SEND_WARNING_SMS, caseId);
        ((CaseJobWorker) handler(JobTypes.SEND_WARNING_SMS)).doWork(first);
        // the history is the read model, a moment behind the event store
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(types(caseId)).containsExactly("CaseOpened", "RungStarted", "WarningSmsSent"));
        assertThat(outboxFor(caseId)).isEqualTo(1);

        engine.increaseTime(Duration.ofMinutes(2)); // past the job's timeout: Zeebe hands it out again
        ActivatedJob again = activate(JobTypes.SEND_WARNING_SMS, caseId);
        assertThat(again.getKey()).isEqualTo(first.getKey());
        handle(JobTypes.SEND_WARNING_SMS, again);

        assertThatThrownBy(() -> zeebe.newCompleteCommand(first).send().join())
                .isInstanceOfSatisfying(ClientStatusException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(types(caseId)).containsExactly("CaseOpened", "RungStarted", "WarningSmsSent");
            assertThat(outboxFor(caseId)).isEqualTo(1);
        });
        assertThat(zeebe.newActivateJobsCommand().jobType(JobTypes.SEND_WARNING_SMS).maxJobsToActivate(10)
                .timeout(Duration.ofMinutes(1)).send().join().getJobs())
                .as("the step is done").noneMatch(j -> caseId.equals(j.getVariablesAsMap().get("caseId")));
    }

    /**
     * The bridge's position is set back as if it had died after publishing and before recording
     * its progress: every event is handed to it again, and Zeebe takes none of the messages
     * again (same message ids), so each case still has one process. The projections are then
     * handed every event again, first as a redelivery and then as a replay from an emptied read
     * model; the case, its row in the work queue, its history and the suspect number read the same
     * as before.
     */
    @Test
    void eventsHandedAgainToTheBridgeAndTheProjectionsChangeNeitherProcessesNorReadModels() {
        String suspect = "+8617000000102";
        String caseId = open("zj-redeliver-events-1", "13900139102", "MEDIUM", suspect);
        assertThat(post("zj-redeliver-events-2", "13900139102", "HIGH", suspect).path("caseId").asText())
                .isEqualTo(caseId);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(types(caseId)).containsExactly("CaseOpened", "ClueMerged");
            assertThat(publishedFor(caseId)).as("case-opened and risk-raised").hasSize(2);
            assertThat(lookup(suspect).path("categories").path("FAKE_CUSTOMER_SERVICE").asInt()).isEqualTo(2);
        });
        assertThat(processesOf(caseId)).isEqualTo(1);
        String caseView = app.get("/api/v1/cases/" + caseId, "operator").body();
        JsonNode queueItem = queueItem(caseId);
        assertThat(queueItem.path("riskLevel").asText()).isEqualTo("HIGH");
        JsonNode history = Json.parse(app.get("/api/v1/cases/" + caseId + "/history", "auditor").body());
        JsonNode suspectView = lookup(suspect);

        TrackingEventProcessor bridge = processor(CaseProcessBridge.PROCESSING_GROUP);
        assertThat(bridge.supportsReset()).as("the bridge is never replayed").isFalse();
        handAgain(bridge);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(refusedFor(caseId)).as("both messages offered again, refused as already there")
                        .containsExactlyInAnyOrder(Processes.Messages.CASE_OPENED, Processes.Messages.RISK_RAISED));
        assertThat(publishedFor(caseId)).hasSize(2);
        assertThat(processesOf(caseId)).isEqualTo(1);

        handAgain(processor(CaseProjection.PROCESSING_GROUP));
        handAgain(processor(SuspectProjection.PROCESSING_GROUP));
        assertSameReadModels(caseId, caseView, history, suspect, suspectView);
        assertThat(queueItem(caseId)).isEqualTo(queueItem);

        replay(processor(CaseProjection.PROCESSING_GROUP));
        replay(processor(SuspectProjection.PROCESSING_GROUP));
        assertSameReadModels(caseId, caseView, history, suspect, suspectView);
        assertThat(queueItem(caseId)).isEqualTo(queueItem);
        assertThat(history).hasSize(2);
    }

    private void assertSameReadModels(String caseId, String caseView, JsonNode history, String suspect,
                                      JsonNode suspectView) {
        assertThat(Json.parse(app.get("/api/v1/cases/" + caseId, "operator").body()))
                .isEqualTo(Json.parse(caseView));
        assertThat(Json.parse(app.get("/api/v1/cases/" + caseId + "/history", "auditor").body())).isEqualTo(history);
        assertThat(lookup(suspect)).isEqualTo(suspectView);
        assertThat(app.bean(MongoDatabase.class).getCollection("case_history")
                .countDocuments(new Document("caseId", caseId))).isEqualTo(history.size());
    }

    /** The case's row in the work queue (its risk's page). */
    private JsonNode queueItem(String caseId) {
        JsonNode page = Json.parse(app.get("/api/v1/cases?risk=HIGH&size=200", "operator").body());
        for (JsonNode item : page.path("items")) {
            if (caseId.equals(item.path("caseId").asText())) {
                return item;
            }
        }
        throw new AssertionError("case " + caseId + " is not in the queue");
    }

    /** Sets the processor back to the first event, as a plain position (no replay): every event is delivered again. */
    private void handAgain(TrackingEventProcessor processor) {
        processor.shutDown();
        assertThat(processor.processingStatus()).as("no position left from before").isEmpty();
        TokenStore tokens = app.bean(TokenStore.class);
        app.bean(TransactionManager.class).executeInTransaction(() -> {
            for (int segment : tokens.fetchSegments(processor.getName())) {
                tokens.storeToken(null, processor.getName(), segment);
            }
        });
        processor.start();
        awaitCaughtUp(processor);
    }

    /** Resets the processor (its reset handler empties the read model) and replays every event. */
    private void replay(TrackingEventProcessor processor) {
        processor.shutDown();
        assertThat(processor.processingStatus()).as("no position left from before").isEmpty();
        processor.resetTokens();
        processor.start();
        awaitCaughtUp(processor);
    }

    private void awaitCaughtUp(TrackingEventProcessor processor) {
        long head = position(app.bean(EventStore.class).createHeadToken());
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            var status = processor.processingStatus();
            // a replay counts as one until an event after the reset arrives: the position tells
            return !status.isEmpty() && status.values().stream().allMatch(s ->
                    s.getCurrentPosition().orElse(-1) >= head && !s.isErrorState());
        });
    }

    private static long position(TrackingToken token) {
        return token == null ? -1 : token.position().orElse(-1);
    }

    private TrackingEventProcessor processor(String name) {
        return app.bean(EventProcessingConfiguration.class).eventProcessor(name, TrackingEventProcessor.class)
                  .orElseThrow();
    }

    private String open(String clueId, String number, String risk, String suspect) {
        JsonNode answer = post(clueId, number, risk, suspect);
        assertThat(answer.path("status").asText()).isEqualTo("OPENED");
        return answer.path("caseId").asText();
    }

    private JsonNode post(String clueId, String number, String risk, String suspect) {
        HttpResponse<String> answer = app.post("/api/v1/clues", "intake",
                Json.clue(clueId, number, risk, suspect, "FAKE_CUSTOMER_SERVICE"));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        return Json.parse(answer.body());
    }

    private JsonNode lookup(String number) {
        HttpResponse<String> answer = app.post("/api/v1/suspect-numbers:lookup", "operator",
                "{\"number\":\"" + number + "\"}");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return Json.parse(answer.body());
    }

    /** Waits for the case's job of this type and takes it, for a minute, as a worker would. */
    private ActivatedJob activate(String type, String caseId) {
        return await().atMost(Duration.ofSeconds(15)).until(() -> zeebe.newActivateJobsCommand().jobType(type)
                .maxJobsToActivate(10).timeout(Duration.ofMinutes(1))
                .send().join().getJobs().stream()
                .filter(j -> caseId.equals(j.getVariablesAsMap().get("caseId"))).findFirst().orElse(null),
                job -> job != null);
    }

    private void handle(String type, ActivatedJob job) throws Exception {
        handler(type).handle(zeebe, job);
    }

    private io.camunda.client.api.worker.JobHandler handler(String type) {
        return app.bean(CaseworkConfiguration.LadderWorkers.class).byType().get(type);
    }

    private List<String> types(String caseId) {
        HttpResponse<String> answer = app.get("/api/v1/cases/" + caseId + "/history", "auditor");
        return answer.statusCode() == 200 ? Json.types(Json.parse(answer.body())) : List.of();
    }

    private long outboxFor(String caseId) {
        return app.bean(MongoDatabase.class).getCollection("outbox").countDocuments(new Document("caseId", caseId));
    }

    /** The names of the messages Zeebe took for the case (correlation key = case id). */
    private List<String> publishedFor(String caseId) {
        return messages(caseId).filter(r -> r.getRecordType() == RecordType.EVENT
                && r.getIntent() == MessageIntent.PUBLISHED).map(r -> r.getValue().getName()).toList();
    }

    /** The names of the messages Zeebe refused for the case because one with the same id was there. */
    private List<String> refusedFor(String caseId) {
        return messages(caseId).filter(r -> r.getRecordType() == RecordType.COMMAND_REJECTION
                && r.getRejectionType() == RejectionType.ALREADY_EXISTS).map(r -> r.getValue().getName()).toList();
    }

    @SuppressWarnings("unchecked")
    private Stream<Record<MessageRecordValue>> messages(String caseId) {
        return records().filter(r -> r.getValueType() == ValueType.MESSAGE)
                        .map(r -> (Record<MessageRecordValue>) r)
                        .filter(r -> caseId.equals(r.getValue().getCorrelationKey()));
    }

    /** How many dissuasion processes were ever started for the case. */
    private long processesOf(String caseId) {
        return records().filter(r -> r.getValueType() == ValueType.VARIABLE && r.getIntent() == VariableIntent.CREATED)
                        .map(r -> (VariableRecordValue) r.getValue())
                        .filter(v -> v.getBpmnProcessId().equals(Processes.DISSUASION)
                                && v.getName().equals("caseId") && v.getScopeKey() == v.getProcessInstanceKey()
                                && v.getValue().equals("\"" + caseId + "\""))
                        .map(VariableRecordValue::getProcessInstanceKey).distinct().count();
    }

    private Stream<Record<?>> records() {
        return StreamSupport.stream(engine.records().getRecords().spliterator(), false);
    }
}
