package org.forewarn.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.forewarn.adapters.twilio.PrismTwilio;
import org.forewarn.app.HostileRequests.Call;
import org.forewarn.app.RawHttp.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input never breaks the application: {@value #DEFAULT_REQUESTS} generated requests, aimed
 * at every endpoint with the credentials that let them reach its handler, get no 5xx; every
 * refusal is a problem document with its {@code status} and {@code title}; input that no endpoint
 * may take is refused; and a refusal writes nothing — a refused clue leaves no trace in the event
 * store, a command refused on a case leaves no event on it, and a clue sent twice opens one case.
 *
 * <p>The run is reproducible: it prints its seed, and
 * {@code -Dforewarn.fuzz.seed=<seed>} makes the same requests again
 * ({@code -Dforewarn.fuzz.requests=<n>} sends more or fewer).
 */
class BadInputTest {

    private static final int DEFAULT_REQUESTS = 10_000;
    private static final int CLIENTS = 4;
    private static final String WEBHOOK_BASE = "https://forewarn.example.org";
    private static final int MAX_REPORTED = 25;

    @TempDir
    static Path data;
    private static RunningApp app;
    private static RawHttp http;
    private static HostileRequests.Targets targets;

    @BeforeAll
    static void start() {
        app = RunningApp.start(data,
                // the Twilio webhooks exist only with a Twilio channel; its API is never reached here
                "--forewarn.channels.call=twilio",
                "--forewarn.twilio.account-sid=" + PrismTwilio.ACCOUNT_SID,
                "--forewarn.twilio.auth-token=" + PrismTwilio.AUTH_TOKEN,
                "--forewarn.twilio.messaging-service-sid=" + PrismTwilio.MESSAGING_SERVICE_SID,
                "--forewarn.twilio.voice-from=+14155550100",
                "--forewarn.twilio.webhook-base-url=" + WEBHOOK_BASE,
                "--forewarn.twilio.api-base-url=http://127.0.0.1:" + AppClient.freePort());
        http = new RawHttp(app.base());
        JsonNode a = openCase("fz-target-a", "+8618900000001");
        JsonNode b = openCase("fz-target-b", "+8618900000002");
        String suspectId = await().atMost(Duration.ofSeconds(20)).until(() -> {
            HttpResponse lookup = send("POST", "/api/v1/suspect-numbers:lookup", "operator",
                    "{\"number\":\"+8617000000002\"}");
            return lookup.status() == 200 ? Json.parse(lookup.body()).path("suspectId").asText() : null;
        }, id -> id != null);
        targets = new HostileRequests.Targets(a.path("caseId").asText(), a.path("personId").asText(),
                b.path("caseId").asText(), b.path("personId").asText(), suspectId, WEBHOOK_BASE,
                PrismTwilio.AUTH_TOKEN);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void tenThousandHostileRequestsGetNo5xxOnlyProblemDocumentsAndWriteNothingWhenRefused() throws Exception {
        long seed = Long.getLong("forewarn.fuzz.seed", new java.security.SecureRandom().nextLong());
        int requests = Integer.getInteger("forewarn.fuzz.requests", DEFAULT_REQUESTS);
        System.out.println("BadInputTest: " + requests + " requests, -Dforewarn.fuzz.seed=" + seed);
        // process recovery takes no input and re-creates a process for every open case: an
        // operations call whose cost grows with the cases, not a target for bad input
        HostileRequests generator = new HostileRequests(seed, targets, Endpoints.ALL.stream()
                .filter(e -> !e.path().equals("/api/v1/admin/process-recovery"))
                // an endless stream takes no input and would hold a client until its timeout
                .filter(e -> !e.path().equals(Endpoints.STREAM)).toList());
        Map<String, Long> beforeByType = eventTypes(targets.personId());

        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> slow = new ConcurrentLinkedQueue<>();
        Map<String, java.util.concurrent.atomic.LongAdder> timeByAttack = new ConcurrentHashMap<>();
        Set<String> acceptedClues = ConcurrentHashMap.newKeySet();
        Set<String> refusedClues = ConcurrentHashMap.newKeySet();
        Map<String, AtomicInteger> acceptedCommands = new ConcurrentHashMap<>();
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        AtomicLong next = new AtomicLong();
        AtomicInteger sent = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        for (int c = 0; c < CLIENTS; c++) {
            clients.submit(() -> {
                for (long i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
                    Call call = generator.call(i);
                    long started = System.nanoTime();
                    try {
                        Answer answer = send(call);
                        long millis = (System.nanoTime() - started) / 1_000_000;
                        timeByAttack.computeIfAbsent(call.endpoint() + " " + call.attack().split(" ")[0],
                                k -> new java.util.concurrent.atomic.LongAdder()).add(millis);
                        if (millis > 1000) {
                            slow.add(millis + " ms: " + call.describe() + " -> " + answer.status());
                        }
                        sent.incrementAndGet();
                        statuses.computeIfAbsent(answer.status(), s -> new AtomicInteger()).incrementAndGet();
                        check(call, answer, failures);
                        if (call.clueId() != null && call.method().equals("POST")) { // OPTIONS answers 200 too
                            (answer.status() < 300 ? acceptedClues : refusedClues).add(call.clueId());
                            if ("valid".equals(call.attack())) {
                                checkSentAgain(call, answer, failures);
                                sent.incrementAndGet();
                            }
                        }
                        if (answer.status() < 300 && call.method().equals(call.endpoint().method())) {
                            acceptedCommands.computeIfAbsent(call.path(), p -> new AtomicInteger()).incrementAndGet();
                        }
                    } catch (RuntimeException | AssertionError e) {
                        failures.add(call.describe() + " -> " + e + " after "
                                + (System.nanoTime() - started) / 1_000_000 + " ms");
                    }
                }
                return null;
            });
        }
        clients.shutdown();
        assertThat(clients.awaitTermination(10, TimeUnit.MINUTES)).isTrue();
        System.out.println("BadInputTest: answers by status " + new java.util.TreeMap<>(statuses));
        timeByAttack.entrySet().stream().sorted((x, y) -> Long.compare(y.getValue().sum(), x.getValue().sum())).limit(5)
                .forEach(t -> System.out.println("BadInputTest: time " + t.getValue().sum() + " ms " + t.getKey()));

        slow.stream().limit(MAX_REPORTED).forEach(s -> System.out.println("BadInputTest: slow " + s));
        failures.forEach(f -> System.out.println("BadInputTest: FAILED " + f));
        assertThat(failures).as("seed %d: %d of %d requests broke a rule, e.g.%n%s", seed, failures.size(), requests,
                String.join("\n", failures.stream().limit(MAX_REPORTED).toList())).isEmpty();
        assertThat(sent.get()).isGreaterThanOrEqualTo(requests);
        assertThat(statuses.keySet()).as("the generator reaches handlers, not only the gates")
                .contains(200, 201, 202, 400, 404, 405, 409, 413, 415);

        assertCluesLeftNoTraceUnlessAccepted(seed, acceptedClues, refusedClues);
        assertRefusedCommandsLeftNoEvent(seed, beforeByType, acceptedCommands);
    }

    @Test
    void aValidClueSentTwiceOpensExactlyOneCase() throws Exception {
        String clue = Json.clue("fz-twice-1", "+8618900000003", "MEDIUM");
        HttpResponse first = send("POST", "/api/v1/clues", "intake", clue);
        HttpResponse again = send("POST", "/api/v1/clues", "intake", clue);

        assertThat(first.status()).isEqualTo(202);
        assertThat(again.status()).isEqualTo(200);
        assertThat(Json.parse(again.body()).path("caseId").asText())
                .isEqualTo(Json.parse(first.body()).path("caseId").asText());
        assertThat(storedClueIds().stream().filter("fz-twice-1"::equals)).hasSize(1);
    }

    // ---- the rules every answer keeps -----------------------------------------------------

    private static void check(Call call, Answer answer, ConcurrentLinkedQueue<String> failures) {
        int status = answer.status();
        if (status >= 500) {
            failures.add(call.describe() + " -> " + status + " " + shorten(answer.body()));
            return;
        }
        if (call.mustBeRefused() && status < 400) {
            failures.add(call.describe() + " -> " + status + " although no endpoint may take it: "
                    + shorten(answer.body()));
            return;
        }
        if (status >= 400 && call.method().equals("TRACE")) {
            return; // Tomcat refuses TRACE in its connector, before any code of ours, with a bare status
        }
        if (status >= 400) {
            String problem = problemFault(answer, !call.method().equals("HEAD"));
            if (problem != null) {
                failures.add(call.describe() + " -> " + status + " " + problem);
            }
        }
    }

    /** What is wrong with a refusal as a problem document, or null when nothing is. */
    static String problemFault(Answer answer, boolean hasBody) {
        if (answer.contentType() == null || !answer.contentType().startsWith("application/problem+json")) {
            return "is not a problem document: Content-Type " + answer.contentType() + ", " + shorten(answer.body());
        }
        if (!hasBody) {
            return null;
        }
        JsonNode problem;
        try {
            problem = Json.parse(answer.body());
        } catch (AssertionError e) {
            return "has a body that is not JSON: " + shorten(answer.body());
        }
        if (problem.path("status").asInt() != answer.status() || problem.path("title").asText().isBlank()) {
            return "lacks its status or title: " + shorten(answer.body());
        }
        return null;
    }

    private static void checkSentAgain(Call call, Answer first, ConcurrentLinkedQueue<String> failures) {
        Answer again = send(call);
        if (first.status() != 202 || again.status() != 200 || !Json.parse(again.body()).path("caseId")
                .equals(Json.parse(first.body()).path("caseId"))) {
            failures.add(call.describe() + " sent twice -> " + first.status() + " " + shorten(first.body())
                    + ", then " + again.status() + " " + shorten(again.body()));
        }
    }

    private static void assertCluesLeftNoTraceUnlessAccepted(long seed, Set<String> accepted, Set<String> refused)
            throws SQLException {
        List<String> stored = storedClueIds();
        Map<String, Integer> times = new HashMap<>();
        stored.forEach(id -> times.merge(id, 1, Integer::sum));
        Set<String> refusedOnly = new HashSet<>(refused);
        refusedOnly.removeAll(accepted);
        assertThat(refusedOnly).as("seed %d: refused clues found in the event store", seed)
                               .doesNotContainAnyElementsOf(times.keySet());
        assertThat(accepted).as("seed %d: some valid clues were generated", seed).isNotEmpty();
        for (String id : accepted) {
            assertThat(times.getOrDefault(id, 0)).as("seed %d: events taking in clue %s", seed, id).isEqualTo(1);
        }
    }

    /**
     * Each command the shift sends on the target case becomes one event of its own type; so
     * there are as many of those events as the command was answered 2xx, and none for a refusal.
     */
    private static void assertRefusedCommandsLeftNoEvent(long seed, Map<String, Long> before,
                                                         Map<String, AtomicInteger> accepted) throws SQLException {
        Map<String, String> eventOf = Map.of(
                "call-outcomes", "OperatorCallRecorded",
                "relatives", "RelativeRegistered",
                "family-contacts", "FamilyContacted",
                "skip", "RungSkipped");
        Map<String, Long> after = eventTypes(targets.personId());
        eventOf.forEach((call, event) -> {
            int answered = accepted.getOrDefault("/api/v1/cases/" + targets.caseId() + "/" + call,
                    new AtomicInteger()).get();
            long events = after.getOrDefault(event, 0L) - before.getOrDefault(event, 0L);
            assertThat(events).as("seed %d: %s events after %d accepted %s", seed, event, answered, call)
                              .isEqualTo(answered);
        });
    }

    // ---- the event store, read directly: the truth, not a read model ----------------------

    /** The clue id of every CaseOpened and ClueMerged event, once per event. */
    private static List<String> storedClueIds() throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection db = app.bean(DataSource.class).getConnection();
             PreparedStatement query = db.prepareStatement("SELECT payload FROM DomainEventEntry "
                     + "WHERE payloadType LIKE '%.CaseOpened' OR payloadType LIKE '%.ClueMerged'");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                JsonNode clueId = Json.parse(rows.getString(1)).path("clue").path("clueId");
                ids.add(clueId.isObject() ? clueId.path("value").asText() : clueId.asText());
            }
        }
        return ids;
    }

    private static Map<String, Long> eventTypes(String aggregateId) throws SQLException {
        Map<String, Long> types = new HashMap<>();
        try (Connection db = app.bean(DataSource.class).getConnection();
             PreparedStatement query = db.prepareStatement(
                     "SELECT payloadType, COUNT(*) FROM DomainEventEntry WHERE aggregateIdentifier = ? "
                             + "GROUP BY payloadType")) {
            query.setString(1, aggregateId);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    String type = rows.getString(1);
                    types.put(type.substring(type.lastIndexOf('.') + 1), rows.getLong(2));
                }
            }
        }
        return types;
    }

    // ---- sending -----------------------------------------------------------------------

    private record HttpResponse(int status, String body) {
    }

    private static Answer send(Call call) {
        return http.send(call.method(), call.path(), RawHttp.basic(call.user()), call.contentType(), call.headers(),
                call.body(), call.chunked());
    }

    private static HttpResponse send(String method, String path, String user, String json) {
        Answer answer = http.send(method, path, RawHttp.basic(user), "application/json", Map.of(),
                json.getBytes(java.nio.charset.StandardCharsets.UTF_8), false);
        return new HttpResponse(answer.status(), answer.body());
    }

    private static JsonNode openCase(String clueId, String victim) {
        HttpResponse opened = send("POST", "/api/v1/clues", "intake", """
                {"clueId":"%s","victimNumber":"%s","suspectNumber":"+8617000000002","category":"LOAN_SCAM",
                 "riskLevel":"LOW","detectedAt":"%s","channel":"SMS","source":"fuzz-platform"}"""
                .formatted(clueId, victim, OffsetDateTime.now(ZoneOffset.ofHours(8)).minusMinutes(1).withNano(0)));
        assertThat(opened.status()).as(opened.body()).isEqualTo(202);
        JsonNode answer = Json.parse(opened.body());
        await().atMost(Duration.ofSeconds(20)).until(() ->
                send("GET", "/api/v1/cases/" + answer.path("caseId").asText(), "operator", "").status() == 200);
        return answer;
    }

    private static String shorten(String body) {
        String b = body == null ? "" : body.replaceAll("\\p{Cntrl}", "?");
        return b.length() > 300 ? b.substring(0, 300) + "…" : b;
    }
}
