package org.forewarn.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded application killed with {@code kill -9} while a platform pushes clues at it, then
 * started again on the same data directory, where the platform re-posts what got no answer.
 * Whatever was answered must hold: each accepted clue keeps its case, each person has one case,
 * each case was opened once and its ladder goes on to the warning SMS, which went out once.
 */
class CrashUnderLoadTest {

    /** 10 clues a second, a few in flight at once, as a platform pushing its detections. */
    private static final Duration PACE = Duration.ofMillis(100);
    /** The platform's backlog for this run; the kill comes while part of it is still in flight. */
    private static final int CLUES = 60;
    private static final int ACCEPTED_BEFORE_KILL = 20;

    @TempDir
    Path data;

    @Test
    void killedUnderLoadTheAppKeepsEveryAcceptedClueAndWarnsEachCaseOnceAfterTheRestart() throws Exception {
        Load load = new Load();
        List<Path> logs = new ArrayList<>();

        ChildApp first = ChildApp.start(data);
        logs.add(first.logFile());
        load.startAgainst(first);
        await().atMost(Duration.ofSeconds(60)).until(() -> load.accepted.size() >= ACCEPTED_BEFORE_KILL);
        first.kill();
        // the platform goes on pushing for a moment while the application is down
        int postedAtKill = load.postedCount();
        await().atMost(Duration.ofSeconds(10)).until(() -> load.postedCount() >= Math.min(CLUES, postedAtKill + 5));
        load.stop();
        int acceptedBeforeKill = load.accepted.size();
        List<Clue> unanswered = load.unanswered();
        assertThat(unanswered).as("posts in flight or sent while the app was down").isNotEmpty();

        long restartedAt = System.nanoTime();
        Map<String, String> caseOfPerson = new HashMap<>();
        Set<String> cases = new HashSet<>();
        long warnedAfterMillis;
        try (ChildApp second = ChildApp.start(data)) {
            logs.add(second.logFile());
            long readyAfterMillis = millisSince(restartedAt);

            // the platform retries what got no answer; a clue committed before the kill answers 200 now
            for (Clue clue : unanswered) {
                HttpResponse<String> answer = second.post("/api/v1/clues", "intake", clue.body());
                assertThat(answer.statusCode()).as(answer.body()).isIn(200, 202);
                load.accepted.put(clue.clueId(), Json.parse(answer.body()).path("caseId").asText());
            }
            // everything answered before the kill is still there, with the same case
            for (Clue clue : load.posted) {
                HttpResponse<String> again = second.post("/api/v1/clues", "intake", clue.body());
                assertThat(again.statusCode()).as(clue.clueId() + ": " + again.body()).isEqualTo(200);
                assertThat(Json.parse(again.body()).path("caseId").asText()).as(clue.clueId())
                        .isEqualTo(load.accepted.get(clue.clueId()));
            }
            for (Clue clue : load.posted) {
                String caseId = load.accepted.get(clue.clueId());
                String before = caseOfPerson.putIfAbsent(clue.number(), caseId);
                assertThat(before).as("one case per person").isIn(null, caseId);
                cases.add(caseId);
            }
            assertThat(cases).hasSize(caseOfPerson.size());

            // every case goes on to its warning SMS: opened once, warned once
            Set<String> waiting = ConcurrentHashMap.newKeySet();
            waiting.addAll(cases);
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                for (String caseId : List.copyOf(waiting)) {
                    if (types(second, caseId).contains("WarningSmsSent")) {
                        waiting.remove(caseId);
                    }
                }
                assertThat(waiting).as("cases not warned yet").isEmpty();
            });
            warnedAfterMillis = millisSince(restartedAt);
            for (String caseId : cases) {
                List<String> types = types(second, caseId);
                assertThat(types.stream().filter("CaseOpened"::equals).count()).as(caseId + " " + types).isEqualTo(1);
                assertThat(types.stream().filter("WarningSmsSent"::equals).count()).as(caseId + " " + types)
                        .isEqualTo(1);
            }
            System.out.printf("crash under load: %d clues posted (%d persons), %d answered before the kill, "
                            + "%d re-posted unanswered; restarted app ready after %d ms, every case warned after %d ms%n",
                    load.posted.size(), cases.size(), acceptedBeforeKill, unanswered.size(), readyAfterMillis,
                    warnedAfterMillis);
        }

        Map<String, Long> smsPerCase = outboxWarningsPerCase(data.resolve("readmodels.mv"));
        assertThat(smsPerCase.keySet()).isEqualTo(cases);
        assertThat(smsPerCase).allSatisfy((caseId, count) -> assertThat(count).as(caseId).isEqualTo(1L));
        for (Path log : logs) {
            String text = read(log);
            for (String number : caseOfPerson.keySet()) {
                assertThat(text).as("no phone number in " + log.getFileName()).doesNotContain(number.substring(1));
            }
        }
    }

    /**
     * The outbox as the killed and restarted application left it on disk: the read-model file is
     * opened by a MongoDB-wire server of the test's own once the application has stopped (the
     * file belongs to one process at a time), so what is counted is what was written, not what a
     * running application may still hold. The application's own store reads it: the library's
     * plain one does not know its BSON documents.
     */
    private static Map<String, Long> outboxWarningsPerCase(Path readModels) {
        MongoServer server = new MongoServer(new DurableH2Backend(readModels.toString()));
        try {
            server.bind("127.0.0.1", 0);
            try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:"
                    + server.getLocalAddress().getPort() + "/?retryWrites=false")) {
                MongoDatabase db = client.getDatabase("forewarn");
                Map<String, Long> perCase = new LinkedHashMap<>();
                for (Document entry : db.getCollection("outbox").find(new Document("kind", "WARNING_SMS"))) {
                    perCase.merge(entry.getString("caseId"), 1L, Long::sum);
                }
                assertThat(db.getCollection("outbox").countDocuments())
                        .as("nothing but the warning SMS went out").isEqualTo(perCase.values().stream()
                                .mapToLong(Long::longValue).sum());
                return perCase;
            }
        } finally {
            server.shutdownNow();
        }
    }

    private static List<String> types(AppClient app, String caseId) {
        HttpResponse<String> answer = app.get("/api/v1/cases/" + caseId + "/history", "auditor");
        return answer.statusCode() == 200 ? Json.types(Json.parse(answer.body())) : List.of();
    }

    private static long millisSince(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }

    /** One clue as posted: its id, the victim's number (digits only) and the exact body. */
    record Clue(String clueId, String number, String body) {
    }

    /**
     * The platform: a clue every {@link #PACE} on a few connections. Most clues are about a new
     * person; every tenth repeats an earlier clue (the platform's own retry), every tenth names a
     * person who has a clue already (a second detection for an open case).
     */
    private static final class Load {

        final List<Clue> posted = new ArrayList<>();
        final Map<String, String> accepted = new ConcurrentHashMap<>();
        private final AtomicInteger next = new AtomicInteger();
        private final ScheduledExecutorService pace = Executors.newSingleThreadScheduledExecutor();
        private final ExecutorService connections = Executors.newFixedThreadPool(4);

        void startAgainst(AppClient app) {
            pace.scheduleAtFixedRate(() -> {
                int i = next.getAndIncrement();
                if (i >= CLUES) {
                    return;
                }
                Clue clue = clue(i);
                connections.submit(() -> {
                    try {
                        HttpResponse<String> answer = app.post("/api/v1/clues", "intake", clue.body());
                        if (answer.statusCode() == 200 || answer.statusCode() == 202) {
                            accepted.putIfAbsent(clue.clueId(), Json.parse(answer.body()).path("caseId").asText());
                        }
                    } catch (UncheckedIOException killed) {
                        // no answer: the platform will post it again
                    }
                });
            }, 0, PACE.toMillis(), TimeUnit.MILLISECONDS);
        }

        void stop() throws InterruptedException {
            pace.shutdownNow();
            connections.shutdown();
            assertThat(connections.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }

        synchronized int postedCount() {
            return posted.size();
        }

        /** The distinct clues posted that never got a 200 or 202, in the order they were first posted. */
        List<Clue> unanswered() {
            Map<String, Clue> open = new LinkedHashMap<>();
            posted.stream().filter(c -> !accepted.containsKey(c.clueId())).forEach(c -> open.putIfAbsent(c.clueId(), c));
            return List.copyOf(open.values());
        }

        private synchronized Clue clue(int i) {
            Clue clue;
            if (i >= 10 && i % 10 == 3) {
                clue = posted.get(i - 7);
            } else if (i >= 10 && i % 10 == 6) {
                Clue earlier = posted.get(i - 5);
                clue = new Clue("zj-load-" + i, earlier.number(), Json.clue("zj-load-" + i, earlier.number(), "HIGH"));
            } else {
                String number = "139" + String.format("%08d", 50_000_000 + i);
                clue = new Clue("zj-load-" + i, number, Json.clue("zj-load-" + i, number, "HIGH"));
            }
            posted.add(clue);
            return clue;
        }
    }

    static String read(Path file) {
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.collect(Collectors.joining("\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
