package org.forewarn.app;

import de.bwaldvogel.mongo.MongoServer;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.forewarn.adapters.mongo.CaseProjection;
import org.forewarn.adapters.mongo.SuspectProjection;
import org.forewarn.domain.AgeGroup;
import org.forewarn.domain.Clue;
import org.forewarn.domain.ClueChannel;
import org.forewarn.domain.ClueId;
import org.forewarn.domain.PhoneNumber;
import org.forewarn.domain.person.api.PersonEvent;
import org.forewarn.domain.suspect.api.SuspectEvidenceRecorded;
import org.h2.mvstore.MVStore;

/**
 * Benchmark of the two busiest projections on the embedded read-model store as the application
 * runs them: the case projection and the suspect projection writing through the projections'
 * own client to the MongoDB-wire server on the application's H2 file store
 * ({@link DurableH2Backend}), committed once per event as the event processors' units of work
 * commit them ({@link ProjectionWrites}), with the application's forced syncs and compaction of
 * the file running. Each case gets the events of a ladder's first hour under load: opened, the
 * warning SMS rung started and its SMS sent, the flash rung started and its flash sent, the call
 * rung started; four clues in five name a suspect number (one of 5,000, as the load driver's), whose
 * evidence the suspect projection records. {@code --commit-every n} commits once per n events
 * instead, as event processors handling batches of n events would. Prints events/s and the process's CPU per case
 * (everything: the driver's calls, the wire server's threads, H2's). Not a test: run it with
 * {@code ops/bench/projections}.
 */
public final class ProjectionBench {

    private ProjectionBench() {
    }

    public static void main(String[] args) throws Exception {
        int warmup = ReadPathBench.intArg(args, "--warmup", 5_000);
        int cases = ReadPathBench.intArg(args, "--cases", 10_000);
        int rounds = ReadPathBench.intArg(args, "--rounds", 3);
        int commitEvery = ReadPathBench.intArg(args, "--commit-every", 1);
        Path data = Files.createTempDirectory("forewarn-projbench");
        System.out.printf("projections: %,d cases to warm up, then %d rounds of %,d cases, a commit every %d events;"
                + " data %s%n", warmup, rounds, cases, commitEvery, data);
        DurableH2Backend backend = new DurableH2Backend(data.resolve("readmodels.mv").toString());
        MongoServer server = new MongoServer(backend);
        server.bind("127.0.0.1", 0);
        Map<String, MVStore> stores = Map.of("readmodels", backend.store());
        StoreSync sync = new StoreSync(stores, Duration.ofSeconds(10), Duration.ofSeconds(1)).start();
        EmbeddedStoreCompaction compaction = new EmbeddedStoreCompaction(stores, 50, 2_000_000)
                .start(Duration.ofSeconds(5));
        try (ProjectionWrites writes = ProjectionWrites.deferred(server.getLocalAddress(), "forewarn")) {
            CaseProjection cases1 = new CaseProjection(writes.database());
            SuspectProjection suspects = new SuspectProjection(writes.database());
            Feeder feeder = new Feeder(cases1, suspects, writes, commitEvery);
            feeder.run(0, warmup);
            System.out.printf("warm-up: %s%n", feeder.last);
            double[] cpuPerCase = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                int from = warmup + r * cases;
                feeder.run(from, from + cases);
                System.out.printf("round %d: %s%n", r + 1, feeder.last);
                cpuPerCase[r] = feeder.cpuMsPerCase;
            }
            Arrays.sort(cpuPerCase);
            System.out.printf("RESULT cpu-ms-per-case median=%.2f min=%.2f max=%.2f (%d rounds of %,d cases)%n",
                    cpuPerCase[rounds / 2], cpuPerCase[0], cpuPerCase[rounds - 1], rounds, cases);
        } finally {
            compaction.close();
            sync.close();
            server.shutdownNow();
            backend.store().close();
        }
        System.exit(0);
    }

    /** Feeds cases' events to the projections, a commit per {@code commitEvery} events, and measures. */
    private static final class Feeder {

        private final CaseProjection cases;
        private final SuspectProjection suspects;
        private final ProjectionWrites writes;
        private final int commitEvery;
        private final com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        String last;
        double cpuMsPerCase;

        Feeder(CaseProjection cases, SuspectProjection suspects, ProjectionWrites writes, int commitEvery) {
            this.cases = cases;
            this.suspects = suspects;
            this.writes = writes;
            this.commitEvery = commitEvery;
        }

        /** As a unit of work of {@code commitEvery} events commits: once at its end. */
        private void handled(long events) {
            if (events % commitEvery == 0) {
                writes.commit();
            }
        }

        void run(int from, int to) {
            Random random = new Random(from);
            Instant t0 = Instant.parse("2026-06-01T00:00:00Z");
            long events = 0;
            long cpu = os.getProcessCpuTime();
            long start = System.nanoTime();
            for (int i = from; i < to; i++) {
                String personId = "bench-p-" + i;
                String caseId = "case-bench-" + i;
                Instant at = t0.plusMillis(i * 50L);
                boolean suspect = random.nextInt(100) < 80;
                int suspectIndex = random.nextInt(5_000);
                Clue clue = new Clue(new ClueId("bench-clue-" + i),
                        PhoneNumber.parse("victimNumber", String.format("+86139%08d", i)),
                        suspect ? PhoneNumber.parse("suspectNumber", String.format("+86170%08d", suspectIndex))
                                : null,
                        ReadPathBench.CATEGORIES[random.nextInt(ReadPathBench.CATEGORIES.length)],
                        ReadPathBench.RISKS[random.nextInt(ReadPathBench.RISKS.length)], at,
                        ClueChannel.CALL, "bench", AgeGroup.ADULT);
                List<PersonEvent> ladder = ReadPathBench.firstHourOfLadder(personId, caseId, clue, at, i);
                long seq = 0;
                for (PersonEvent event : ladder) {
                    cases.on(event, caseId + ":e" + seq, seq, at.plusMillis(seq * 10));
                    seq++;
                    handled(++events);
                }
                if (suspect) {
                    String suspectId = "suspect-bench-" + suspectIndex;
                    suspects.on(new SuspectEvidenceRecorded(suspectId, clue.suspectNumber(), clue.clueId().value(),
                            personId, clue.category(), at, true, 1 + random.nextInt(3), "system:suspect-evidence"),
                            caseId + ":s", 0L, at);
                    handled(++events);
                }
            }
            writes.commit();
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuSeconds = (os.getProcessCpuTime() - cpu) / 1e9;
            cpuMsPerCase = cpuSeconds * 1000 / (to - from);
            Map<String, String> figures = new LinkedHashMap<>();
            figures.put("cases", String.format("%,d", to - from));
            figures.put("events/s", String.format("%,.0f", events / seconds));
            figures.put("cases/s", String.format("%,.0f", (to - from) / seconds));
            figures.put("CPU ms per case", String.format("%.2f", cpuMsPerCase));
            figures.put("CPU cores busy", String.format("%.2f", cpuSeconds / seconds));
            last = figures.toString();
        }
    }
}
