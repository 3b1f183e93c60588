import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The load benchmark's driver: posts clues to a running Forewarn at a fixed rate for a fixed
 * time, with a mix like a platform's (mostly new persons, some further clues for persons whose
 * case is open, some clues pushed twice), then a burst, and measures from each case's event
 * history how long it took from the clue's {@code CaseOpened} to the first warning sent
 * ({@code WarningSmsSent}, {@code FlashWarningSent} or {@code AutomatedCallPlaced}, whichever
 * the plan started with). It also checks that no accepted clue was lost (every clue answered
 * 200/202 is in its case's history) and samples the application's heap and CPU from its
 * actuator. JDK only, no build:
 *
 * <pre>
 *   java ops/bench/LoadDriver.java --base http://127.0.0.1:8080 --warmup 30 --rate 100 --seconds 300 --burst 1000
 * </pre>
 *
 * Prints a table and one line starting with {@code RESULT} for scripts. Exits 1 when a clue was
 * lost or an answer was a 5xx, so that a script can tell.
 */
public class LoadDriver {

    enum Kind { NEW, FURTHER, REPEATED }

    /** One clue sent: what, when, and what came back. */
    static final class Sent {
        final String clueId;
        final Kind kind;
        final String phase;
        final long scheduledNanos;
        volatile int status;
        volatile long answeredNanos;
        volatile String caseId;
        volatile String error;

        Sent(String clueId, Kind kind, String phase, long scheduledNanos) {
            this.clueId = clueId;
            this.kind = kind;
            this.phase = phase;
            this.scheduledNanos = scheduledNanos;
        }
    }

    record Sample(double seconds, double cpu, double heapMiB) {
    }

    private static final String[] CATEGORIES = {"IMPERSONATING_AUTHORITIES", "FAKE_CUSTOMER_SERVICE",
            "IMPERSONATING_ACQUAINTANCE", "IMPERSONATING_CARRIER", "BRUSHING_TASKS", "INVESTMENT_SCAM", "LOAN_SCAM",
            "ONLINE_GAMBLING", "CREDIT_REPAIR_SCAM", "ROMANCE_SCAM", "FAKE_SHOPPING", "GAME_TRADING_SCAM",
            "PRIZE_SCAM", "SOCIAL_INSURANCE_SCAM", "MILITARY_PURCHASE_SCAM", "OTHER"};
    /** Weights of the categories above, roughly as the Zhejiang platform reports them. */
    private static final int[] CATEGORY_WEIGHTS = {12, 14, 8, 4, 18, 14, 10, 4, 4, 5, 3, 1, 1, 1, 0, 1};
    private static final String[] PREFIXES = {"138", "139", "135", "136", "150", "151", "186", "187", "158", "177"};
    private static final Pattern CASE_ID = Pattern.compile("\"caseId\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern EVENT = Pattern.compile("\"type\"\\s*:\\s*\"(\\w+)\"\\s*,\\s*\"occurredAt\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern CLUE_ID = Pattern.compile("\"clueId\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern MEASUREMENT = Pattern.compile("\"value\"\\s*:\\s*([0-9.Ee+-]+)");

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                                              .connectTimeout(Duration.ofSeconds(5)).build();
    private final Random random;
    private final String run;
    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final List<String> openNumbers = Collections.synchronizedList(new ArrayList<>());
    private final List<Sample> samples = new CopyOnWriteArrayList<>();
    private final AtomicInteger persons = new AtomicInteger();
    private final long start = System.nanoTime();

    LoadDriver(URI base, long seed) {
        this.base = base;
        this.random = new Random(seed);
        this.run = Long.toString(seed, 36);
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        URI base = URI.create(options.getOrDefault("base", "http://127.0.0.1:8080"));
        double rate = Double.parseDouble(options.getOrDefault("rate", "100"));
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "300"));
        int burst = Integer.parseInt(options.getOrDefault("burst", "0"));
        int settle = Integer.parseInt(options.getOrDefault("settle", "300"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "0"));
        long seed = Long.parseLong(options.getOrDefault("seed", Long.toString(System.currentTimeMillis())));
        LoadDriver driver = new LoadDriver(base, seed);
        System.out.printf(Locale.ROOT, "load: %s, %.0f clues/s for %d s, then a burst of %d; seed %d%n", base, rate,
                seconds, burst, seed);
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(driver::sample, 0, 5, TimeUnit.SECONDS);
        if (warmup > 0) {
            // the first seconds of a fresh JVM compile and load code: their figures are not the
            // steady state's, so they are posted at the rate but reported apart
            driver.sustained("warmup", rate, warmup);
        }
        driver.sustained("sustained", rate, seconds);
        if (burst > 0) {
            driver.burst(burst);
        }
        driver.awaitAnswers(Duration.ofSeconds(60));
        sampler.shutdownNow();
        boolean ok = driver.report(Duration.ofSeconds(settle));
        System.exit(ok ? 0 : 1);
    }

    /** Posts clues at {@code rate} per second for {@code seconds}, each at its own scheduled moment. */
    void sustained(String phase, double rate, int seconds) throws InterruptedException {
        long interval = (long) (1_000_000_000L / rate);
        long first = System.nanoTime();
        long total = (long) (rate * seconds);
        for (long i = 0; i < total; i++) {
            long due = first + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            post(next(phase), due);
        }
    }

    /** Posts {@code count} new clues as fast as the client can, spread over one second at most. */
    void burst(int count) throws InterruptedException {
        long first = System.nanoTime();
        long interval = 1_000_000_000L / count;
        for (int i = 0; i < count; i++) {
            long due = first + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            post(newClue("burst"), due);
        }
    }

    /** 70 % new persons, 20 % a further clue for a person with an open case, 10 % a clue pushed again. */
    private Clue next(String phase) {
        int dice = random.nextInt(100);
        if (dice < 70 || openNumbers.isEmpty()) {
            return newClue(phase);
        }
        if (dice < 90) {
            String number = openNumbers.get(random.nextInt(openNumbers.size()));
            return new Clue(phase + "-" + run + "-" + sent.size(), number, Kind.FURTHER, phase);
        }
        Sent earlier = sent.get(random.nextInt(sent.size()));
        return new Clue(earlier.clueId, null, Kind.REPEATED, phase);
    }

    private Clue newClue(String phase) {
        int n = persons.incrementAndGet();
        String number = PREFIXES[n % PREFIXES.length]
                + String.format(Locale.ROOT, "%08d", Math.floorMod(run.hashCode() * 7919L + n * 104_729L, 100_000_000L));
        return new Clue(phase + "-" + run + "-" + sent.size(), number, Kind.NEW, phase);
    }

    record Clue(String clueId, String number, Kind kind, String phase) {
    }

    private final Map<String, String> bodies = new ConcurrentHashMap<>();

    private void post(Clue clue, long due) {
        // a repeated clue is the earlier one's body again, byte for byte
        String body = bodies.computeIfAbsent(clue.clueId(), id -> body(clue));
        Sent s = new Sent(clue.clueId(), clue.kind(), clue.phase(), due);
        sent.add(s);
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/v1/clues"))
                .header("Authorization", basic("intake"))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
            s.answeredNanos = System.nanoTime();
            if (failure != null) {
                s.status = -1;
                s.error = failure.getClass().getSimpleName();
                return;
            }
            s.status = response.statusCode();
            Matcher caseId = CASE_ID.matcher(response.body());
            if (caseId.find()) {
                s.caseId = caseId.group(1);
            }
            if (s.status == 202 && clue.kind() == Kind.NEW) {
                openNumbers.add(clue.number());
            }
        });
    }

    private String body(Clue clue) {
        String category = weighted();
        int r = random.nextInt(100);
        String risk = r < 5 ? "EXTREME" : r < 40 ? "HIGH" : r < 80 ? "MEDIUM" : "LOW";
        int c = random.nextInt(100);
        String channel = c < 55 ? "CALL" : c < 75 ? "SMS" : c < 90 ? "INTERNET" : c < 95 ? "CALL_FORWARDING"
                : "LINE_BUSY";
        int a = random.nextInt(100);
        String age = a < 25 ? ",\"ageGroup\":\"ELDERLY\"" : a < 95 ? ",\"ageGroup\":\"ADULT\"" : ",\"ageGroup\":\"MINOR\"";
        String suspect = random.nextInt(100) < 80
                ? ",\"suspectNumber\":\"+86170" + String.format(Locale.ROOT, "%08d", random.nextInt(5000)) + "\"" : "";
        String detected = OffsetDateTime.now(ZoneOffset.ofHours(8)).minusSeconds(30).withNano(0).toString();
        return "{\"clueId\":\"" + clue.clueId() + "\",\"victimNumber\":\"" + clue.number() + "\",\"category\":\""
                + category + "\",\"riskLevel\":\"" + risk + "\",\"detectedAt\":\"" + detected + "\",\"channel\":\""
                + channel + "\",\"source\":\"bench\"" + age + suspect + "}";
    }

    private String weighted() {
        int total = 0;
        for (int w : CATEGORY_WEIGHTS) {
            total += w;
        }
        int pick = random.nextInt(total);
        for (int i = 0; i < CATEGORIES.length; i++) {
            pick -= CATEGORY_WEIGHTS[i];
            if (pick < 0) {
                return CATEGORIES[i];
            }
        }
        return "OTHER";
    }

    void awaitAnswers(Duration atMost) throws InterruptedException {
        Instant until = Instant.now().plus(atMost);
        while (Instant.now().isBefore(until) && sent.stream().anyMatch(s -> s.answeredNanos == 0)) {
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    /** Heap and CPU of the application, from its actuator (the supervisor may read it). */
    void sample() {
        try {
            double cpu = metric("process.cpu.usage", "");
            double heap = metric("jvm.memory.used", "?tag=area:heap") / 1024 / 1024;
            samples.add(new Sample((System.nanoTime() - start) / 1e9, cpu, heap));
        } catch (Exception e) {
            // a missed sample is no measurement error; the next one comes in 5 s
        }
    }

    private double metric(String name, String query) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("/actuator/metrics/" + name + query))
                .header("Authorization", basic("supervisor")).timeout(Duration.ofSeconds(5)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher value = MEASUREMENT.matcher(response.body());
        return value.find() ? Double.parseDouble(value.group(1)) : Double.NaN;
    }

    /**
     * Reads the cases' histories until each has its first warning and every clue accepted for it
     * (or {@code settle} runs out), then prints. The reads are part of the load on the
     * application, so a round reads the pending cases in the order they were opened and stops
     * after {@value #PENDING_PER_ROUND} that are still pending (the ladder warns roughly in that
     * order): a backlog of thousands of cases is not read in full every two seconds while it is
     * being worked off. Once the settle time has run out, every case still pending is read once
     * more, so that nothing is reported lost or unwarned without having been read at the end.
     */
    boolean report(Duration settle) throws InterruptedException {
        Map<String, List<Sent>> byCase = new TreeMap<>();
        int failed = 0;
        Map<Integer, Integer> statuses = new TreeMap<>();
        Map<String, Long> openedAt = new HashMap<>();
        for (Sent s : sent) {
            statuses.merge(s.status, 1, Integer::sum);
            if ((s.status == 200 || s.status == 202) && s.caseId != null) {
                byCase.computeIfAbsent(s.caseId, k -> new ArrayList<>()).add(s);
                openedAt.merge(s.caseId, s.scheduledNanos, Math::min);
            } else {
                failed++;
            }
        }
        Map<String, long[]> firstWarning = new ConcurrentHashMap<>(); // caseId -> {opened ms, warned ms}
        Map<String, String> lost = new ConcurrentHashMap<>();
        Instant until = Instant.now().plus(settle);
        List<String> pending = new ArrayList<>(byCase.keySet());
        pending.sort(Comparator.comparing(openedAt::get));
        while (!pending.isEmpty()) {
            boolean last = !Instant.now().isBefore(until);
            List<String> still = new ArrayList<>();
            int stillThisRound = 0;
            int next = 0;
            while (next < pending.size()) {
                if (!last && stillThisRound >= PENDING_PER_ROUND) {
                    still.addAll(pending.subList(next, pending.size()));
                    break;
                }
                List<String> chunk = pending.subList(next, Math.min(next + IN_FLIGHT, pending.size()));
                next += chunk.size();
                Map<String, Boolean> done = new ConcurrentHashMap<>();
                try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
                    for (String caseId : chunk) {
                        pool.submit(() -> done.put(caseId, check(caseId, byCase.get(caseId), firstWarning, lost)));
                    }
                }
                for (String caseId : chunk) {
                    if (!done.getOrDefault(caseId, false)) {
                        still.add(caseId);
                        stillThisRound++;
                    }
                }
            }
            pending = still;
            if (last) {
                break;
            }
            if (!pending.isEmpty()) {
                TimeUnit.SECONDS.sleep(2);
            }
        }
        print(byCase, statuses, failed, firstWarning, lost,
                pending.stream().filter(caseId -> !firstWarning.containsKey(caseId)).toList());
        boolean serverErrors = statuses.keySet().stream().anyMatch(s -> s >= 500 || s < 0);
        return lost.isEmpty() && !serverErrors;
    }

    private static final int IN_FLIGHT = 8;
    private static final int PENDING_PER_ROUND = 16;

    /**
     * Reads one case's history: records its first warning, and which of its accepted clues are
     * missing. Done when it has both its opening and its first warning and misses no clue.
     */
    private boolean check(String caseId, List<Sent> clues, Map<String, long[]> firstWarning, Map<String, String> lost) {
        String history;
        try {
            history = history(caseId);
        } catch (Exception e) {
            return false;
        }
        long opened = -1;
        long warned = -1;
        Matcher event = EVENT.matcher(history);
        while (event.find()) {
            long at = Instant.parse(event.group(2)).toEpochMilli();
            String type = event.group(1);
            if (type.equals("CaseOpened") && opened < 0) {
                opened = at;
            } else if (warned < 0 && (type.equals("WarningSmsSent") || type.equals("FlashWarningSent")
                    || type.equals("AutomatedCallPlaced"))) {
                warned = at;
            }
        }
        Set<String> inHistory = new HashSet<>();
        Matcher clue = CLUE_ID.matcher(history);
        while (clue.find()) {
            inHistory.add(clue.group(1));
        }
        boolean missing = false;
        for (Sent s : clues) {
            if (!inHistory.contains(s.clueId)) {
                lost.put(s.clueId, caseId);
                missing = true;
            } else {
                lost.remove(s.clueId);
            }
        }
        if (opened >= 0 && warned >= 0) {
            firstWarning.put(caseId, new long[] {opened, warned});
        }
        // the read model may still be behind: a clue is lost only if it is still missing from
        // its case when the settle time has run out
        return opened >= 0 && warned >= 0 && !missing;
    }

    private void print(Map<String, List<Sent>> byCase, Map<Integer, Integer> statuses, int failed,
                       Map<String, long[]> firstWarning, Map<String, String> lost, List<String> unwarned) {
        System.out.println();
        System.out.println("answers by HTTP status (-1: no answer): " + statuses);
        for (String phase : List.of("warmup", "sustained", "burst")) {
            List<Sent> ofPhase = sent.stream().filter(s -> s.phase.equals(phase)).toList();
            if (ofPhase.isEmpty()) {
                continue;
            }
            long firstDue = ofPhase.stream().mapToLong(s -> s.scheduledNanos).min().orElse(0);
            long lastAnswer = ofPhase.stream().mapToLong(s -> s.answeredNanos).max().orElse(0);
            long accepted = ofPhase.stream().filter(s -> s.status == 200 || s.status == 202).count();
            double seconds = (lastAnswer - firstDue) / 1e9;
            List<Double> answerMs = ofPhase.stream().filter(s -> s.answeredNanos > 0)
                    .map(s -> (s.answeredNanos - s.scheduledNanos) / 1e6).sorted().toList();
            List<Long> latencies = new ArrayList<>();
            long lastWarning = 0;
            long firstOpened = Long.MAX_VALUE;
            for (Sent s : ofPhase) {
                long[] w = s.kind == Kind.NEW && s.caseId != null ? firstWarning.get(s.caseId) : null;
                if (w != null) {
                    latencies.add(w[1] - w[0]);
                    lastWarning = Math.max(lastWarning, w[1]);
                    firstOpened = Math.min(firstOpened, w[0]);
                }
            }
            Collections.sort(latencies);
            System.out.printf(Locale.ROOT, "%n[%s] %d clues sent, %d accepted in %.1f s: %.1f clues/s accepted%n",
                    phase, ofPhase.size(), accepted, seconds, accepted / seconds);
            System.out.printf(Locale.ROOT, "  POST answered after    p50 %6.0f ms  p90 %6.0f ms  p99 %6.0f ms  max %6.0f ms%n",
                    pct(answerMs, 50), pct(answerMs, 90), pct(answerMs, 99), pct(answerMs, 100));
            if (!latencies.isEmpty()) {
                List<Double> l = latencies.stream().map(Long::doubleValue).toList();
                System.out.printf(Locale.ROOT, "  opened -> 1st warning  p50 %6.0f ms  p90 %6.0f ms  p99 %6.0f ms  max %6.0f ms"
                        + "  (%d new cases)%n", pct(l, 50), pct(l, 90), pct(l, 99), pct(l, 100), l.size());
                System.out.printf(Locale.ROOT, "  first warnings: %.1f per second from the first case opened to the last warning%n",
                        latencies.size() / ((lastWarning - firstOpened) / 1000.0));
                System.out.printf(Locale.ROOT, "RESULT phase=%s sent=%d accepted=%d rate=%.1f p50=%.0f p90=%.0f p99=%.0f max=%.0f%n",
                        phase, ofPhase.size(), accepted, accepted / seconds, pct(l, 50), pct(l, 90), pct(l, 99),
                        pct(l, 100));
            }
        }
        System.out.printf(Locale.ROOT, "%ncases %d, refused or unanswered clues %d, clues lost %d, cases without a warning"
                + " after the settle time %d%n", byCase.size(), failed, lost.size(), unwarned.size());
        if (!lost.isEmpty()) {
            System.out.println("lost clues (clueId -> caseId), first 10: "
                    + lost.entrySet().stream().limit(10).toList());
        }
        if (!samples.isEmpty()) {
            double maxHeap = samples.stream().mapToDouble(Sample::heapMiB).max().orElse(Double.NaN);
            double meanCpu = samples.stream().mapToDouble(Sample::cpu).filter(d -> !Double.isNaN(d)).average()
                                    .orElse(Double.NaN);
            double maxCpu = samples.stream().mapToDouble(Sample::cpu).max().orElse(Double.NaN);
            System.out.printf(Locale.ROOT, "application: heap used max %.0f MiB; process CPU mean %.0f %%, max %.0f %% "
                    + "(of all cores, %d samples)%n", maxHeap, meanCpu * 100, maxCpu * 100, samples.size());
        }
    }

    private String history(String caseId) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        base.resolve("/api/v1/cases/" + caseId + "/history"))
                .header("Authorization", basic("operator")).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("history of " + caseId + ": HTTP " + response.statusCode());
        }
        return response.body();
    }

    private static double pct(List<Double> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new TreeMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value, got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }
}
