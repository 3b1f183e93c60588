package org.forewarn.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the embedded runtime has acknowledged is on disk at that moment. The data directory is
 * copied while the application runs, right after an answer, as a {@code kill -9} would leave it
 * (nothing flushed, nothing closed); an application started on the copy must have the clue's
 * case in the event store and in the read model.
 */
class EmbeddedDurabilityTest {

    @TempDir
    Path temp;

    @Test
    void anAcceptedClueAndItsReadModelAreOnDiskWhenTheAnswersGoOut() {
        Path data = temp.resolve("data");
        Path killedAtAnswer = temp.resolve("killed-at-the-answer");
        Path killedAtView = temp.resolve("killed-when-the-case-showed");
        String caseId;
        try (RunningApp app = RunningApp.start(data, "--forewarn.workers.enabled=false")) {
            HttpResponse<String> accepted = app.post("/api/v1/clues", "intake",
                    Json.clue("zj-durable-1", "13900139011", "HIGH"));
            copyFiles(data, killedAtAnswer);
            assertThat(accepted.statusCode()).isEqualTo(202);
            caseId = Json.parse(accepted.body()).path("caseId").asText();
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(10)).until(() ->
                    app.get("/api/v1/cases/" + caseId, "operator").statusCode() == 200);
            copyFiles(data, killedAtView);

            // both files are reported, their size and the bytes written to them (EmbeddedStoreCompaction;
            // the event store is also compacted)
            for (String store : new String[] {"eventstore", "readmodels"}) {
                for (String metric : new String[] {"size", "written"}) {
                    HttpResponse<String> answer = app.get(
                            "/actuator/metrics/forewarn.embedded.store." + metric + "?tag=store:" + store, "supervisor");
                    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
                    assertThat(Json.parse(answer.body()).path("measurements").path(0).path("value").asDouble())
                            .as(store + " " + metric).isPositive();
                }
            }
        }

        // the clue's events were committed before the 202 went out; the read model on the copy
        // may not have had them yet, so the restarted projection replays them from the store
        try (RunningApp after = RunningApp.start(killedAtAnswer, "--forewarn.workers.enabled=false")) {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() ->
                    after.get("/api/v1/cases/" + caseId + "/history", "auditor").statusCode() == 200);
            assertThat(types(after, caseId)).startsWith("CaseOpened");
        }
        // the case projection had recorded its progress past CaseOpened: its document must be there
        try (RunningApp after = RunningApp.start(killedAtView, "--forewarn.workers.enabled=false")) {
            HttpResponse<String> view = after.get("/api/v1/cases/" + caseId, "operator");
            assertThat(view.statusCode()).as(view.body()).isEqualTo(200);
            assertThat(Json.parse(view.body()).path("status").asText()).isEqualTo("OPEN");
        }
    }

    private static java.util.List<String> types(RunningApp app, String caseId) {
        HttpResponse<String> answer = app.get("/api/v1/cases/" + caseId + "/history", "auditor");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return Json.types(Json.parse(answer.body()));
    }

    /** Copies every file as it is on disk now, without asking the running stores for anything. */
    private static void copyFiles(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else if (!file.getFileName().toString().endsWith(".lock.db")) {
                    Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
