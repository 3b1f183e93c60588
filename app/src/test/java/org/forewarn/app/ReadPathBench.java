package org.forewarn.app;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.net.InetSocketAddress;
import org.forewarn.adapters.mongo.CaseProjection;
import org.forewarn.adapters.mongo.CaseReadModel;
import org.forewarn.domain.AgeGroup;
import org.forewarn.domain.Clue;
import org.forewarn.domain.ClueChannel;
import org.forewarn.domain.ClueId;
import org.forewarn.domain.FraudCategory;
import org.forewarn.domain.Outcome;
import org.forewarn.domain.PhoneNumber;
import org.forewarn.domain.RiskLevel;
import org.forewarn.domain.Rung;
import org.forewarn.domain.person.api.CaseOpened;
import org.forewarn.domain.person.api.CaseResolved;
import org.forewarn.domain.person.api.FlashWarningSent;
import org.forewarn.domain.person.api.OperatorCallRecorded;
import org.forewarn.domain.person.api.PersonEvent;
import org.forewarn.domain.person.api.RungStarted;
import org.forewarn.domain.person.api.WarningSmsSent;

/**
 * Benchmark of the read paths operators wait on, with a large store: a case's page, its
 * history and the work queue (the queries of {@code --queue}, separated by {@code ;}), over HTTP
 * against the embedded application, and the live queue's poll of the read model (one call of
 * {@link CaseReadModel#queueChanges} over the window a poll reads, in process). Not a test: run it
 * with {@code ops/bench/read-paths}.
 *
 * <p>The store is filled through the application's own case projection (the same handler the
 * event processor calls, so the documents have exactly the shape and the keys a real run gives
 * them) with cases that went up the ladder: opened, warned by SMS and flash, called, and, for all
 * but the open share, resolved. The event store stays empty: these endpoints read the read model
 * only. A data directory given with {@code --data} is filled once and reused.
 */
public final class ReadPathBench {

    /** The categories and the mix of risk levels of benchmark clues (also {@link ProjectionBench}'s). */
    static final FraudCategory[] CATEGORIES = FraudCategory.values();
    static final RiskLevel[] RISKS = {RiskLevel.EXTREME, RiskLevel.HIGH, RiskLevel.HIGH, RiskLevel.MEDIUM,
                                              RiskLevel.MEDIUM, RiskLevel.LOW};

    private ReadPathBench() {
    }

    public static void main(String[] args) throws Exception {
        int cases = intArg(args, "--cases", 100_000);
        int openPercent = intArg(args, "--open-percent", 5);
        int samples = intArg(args, "--samples", 2_000);
        String queue = stringArg(args, "--queue", "status=OPEN&size=50;status=OPEN&overdue=true&size=50");
        Path data = Path.of(stringArg(args, "--data", Files.createTempDirectory("forewarn-readbench").toString()));
        System.out.printf("read paths: %,d cases (%d %% open), %,d samples per endpoint, data %s%n",
                cases, openPercent, samples, data);
        seedIfShort(data, cases, openPercent);
        // the seeded open cases have no events, so the recovery at start cannot re-open their processes
        try (RunningApp app = RunningApp.start(data, "--forewarn.workers.enabled=false",
                "--logging.level.root=WARN", "--logging.level.org.forewarn.adapters.web.ProcessRecovery=OFF")) {
            MongoDatabase readModels = app.bean(MongoDatabase.class);
            System.out.printf("cases in the read model: %,d, open (work_queue): %,d, history entries: %,d%n",
                    readModels.getCollection("cases").countDocuments(),
                    readModels.getCollection("work_queue").countDocuments(),
                    readModels.getCollection("case_history").countDocuments());
            Random random = new Random(7);
            measure(app, "GET /api/v1/cases/{id}", samples, i -> "/api/v1/cases/" + caseId(random.nextInt(cases)));
            measure(app, "GET /api/v1/cases/{id}/history", samples,
                    i -> "/api/v1/cases/" + caseId(random.nextInt(cases)) + "/history");
            if (!queue.isBlank()) {
                for (String query : queue.split(";")) {
                    measure(app, "GET /api/v1/cases?" + query, samples, i -> "/api/v1/cases?" + query);
                }
            }
            CaseReadModel readModel = app.bean(CaseReadModel.class);
            // what one poll of the live queue reads: the last second and the default overlap of 5 s
            measure("live-queue poll (CaseReadModel.queueChanges, 6 s)", Math.min(samples, 500), i -> {
                Instant now = Instant.now();
                readModel.queueChanges(now.minusSeconds(6), now);
            });
        }
        System.exit(0); // the in-process engine's client threads outlive the closed context
    }

    /**
     * Fills the data directory's read-model file before the application opens it, through the
     * library's own H2 store (which writes its file in the background) instead of the
     * application's write-through one: the seeding is not what is measured, and write-through
     * would make 100,000 cases take half an hour.
     */
    private static void seedIfShort(Path data, int cases, int openPercent) throws java.io.IOException {
        Files.createDirectories(data);
        MongoServer server = new MongoServer(new H2Backend(data.resolve("readmodels.mv").toString()));
        try {
            InetSocketAddress address = server.bind();
            try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort()
                                                          + "/?retryWrites=false")) {
                MongoDatabase readModels = client.getDatabase("forewarn");
                int present = (int) readModels.getCollection("cases").countDocuments();
                if (present < cases) {
                    seed(new CaseProjection(readModels), present, cases, openPercent);
                }
            }
        } finally {
            server.shutdownNow();
        }
    }

    private static void seed(CaseProjection projection, int from, int to, int openPercent) {
        long start = System.nanoTime();
        Random random = new Random(42);
        Instant t0 = Instant.parse("2026-06-01T00:00:00Z");
        for (int i = from; i < to; i++) {
            String personId = "bench-p-" + i;
            String caseId = caseId(i);
            Instant at = t0.plusSeconds(i * 60L);
            Clue clue = new Clue(new ClueId("bench-clue-" + i),
                    PhoneNumber.parse("victimNumber", String.format("+86139%08d", i)),
                    PhoneNumber.parse("suspectNumber", String.format("+86170%08d", random.nextInt(50_000))),
                    CATEGORIES[random.nextInt(CATEGORIES.length)], RISKS[random.nextInt(RISKS.length)], at,
                    ClueChannel.CALL, "bench", AgeGroup.ADULT);
            List<PersonEvent> events = new ArrayList<>(firstHourOfLadder(personId, caseId, clue, at, i));
            if (random.nextInt(100) >= openPercent) {
                events.add(new OperatorCallRecorded(personId, caseId, caseId + ":outcome", Outcome.PERSUADED, null,
                        null, null, "operator"));
                events.add(new CaseResolved(personId, caseId, caseId + ":resolve", Outcome.PERSUADED, null, null, null,
                        List.of(), "operator"));
            }
            long seq = 0;
            for (PersonEvent event : events) {
                projection.on(event, caseId + ":e" + seq, seq, at.plusSeconds(seq * 20));
                seq++;
            }
            if ((i + 1) % 10_000 == 0) {
                System.out.printf("  seeded %,d cases, %.0f cases/s%n", i + 1,
                        (i + 1 - from) / ((System.nanoTime() - start) / 1e9));
            }
        }
        System.out.printf("seeded %,d cases in %.1f s%n", to - from, (System.nanoTime() - start) / 1e9);
    }

    /**
     * A case's events in the first hour of its ladder (also {@link ProjectionBench}'s): opened, the
     * SMS and flash rungs started and their warnings sent, the operator's call rung started.
     */
    static List<PersonEvent> firstHourOfLadder(String personId, String caseId, Clue clue, Instant at, int i) {
        return List.of(
                new CaseOpened(personId, caseId, clue, "intake"),
                new RungStarted(personId, caseId, caseId + ":sms", Rung.WARNING_SMS, at.plusSeconds(60), "worker"),
                new WarningSmsSent(personId, caseId, caseId + ":sms", "m-" + i, "outbox", "worker"),
                new RungStarted(personId, caseId, caseId + ":flash", Rung.FLASH_WARNING, at.plusSeconds(180), "worker"),
                new FlashWarningSent(personId, caseId, caseId + ":flash", "f-" + i, "outbox", "worker"),
                new RungStarted(personId, caseId, caseId + ":call", Rung.OPERATOR_CALL, at.plusSeconds(900), "worker"));
    }

    private static void measure(RunningApp app, String name, int samples, IntFunction<String> paths) {
        measure(name, samples, i -> {
            String path = paths.apply(i);
            check(app.get(path, "operator"), name);
        });
    }

    private static void measure(String name, int samples, IntConsumer call) {
        for (int i = 0; i < Math.min(200, samples); i++) {
            call.accept(i);
        }
        long[] nanos = new long[samples];
        long total = System.nanoTime();
        for (int i = 0; i < samples; i++) {
            long start = System.nanoTime();
            call.accept(i);
            nanos[i] = System.nanoTime() - start;
        }
        double seconds = (System.nanoTime() - total) / 1e9;
        Arrays.sort(nanos);
        System.out.printf("%-60s p50 %6.1f ms  p90 %6.1f ms  p99 %6.1f ms  max %6.1f ms  (%,.0f req/s, sequential)%n",
                name, ms(nanos, 0.50), ms(nanos, 0.90), ms(nanos, 0.99), nanos[samples - 1] / 1e6, samples / seconds);
    }

    private static void check(HttpResponse<String> answer, String name) {
        if (answer.statusCode() != 200) {
            throw new IllegalStateException(name + " answered " + answer.statusCode() + ": " + answer.body());
        }
    }

    private static double ms(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }

    private static String caseId(int i) {
        return "case-bench-" + i;
    }

    static int intArg(String[] args, String name, int otherwise) {
        String value = stringArg(args, name, null);
        return value == null ? otherwise : Integer.parseInt(value.replace("_", ""));
    }

    private static String stringArg(String[] args, String name, String otherwise) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return otherwise;
    }
}
