package org.forewarn.bpmn;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.DeployResourceCommandStep1.DeployResourceCommandStep2;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import io.camunda.client.api.worker.JobWorker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.forewarn.bpmn.Processes.JobTypes;
import org.forewarn.bpmn.Processes.Messages;
import org.forewarn.bpmn.Processes.Variables;

/**
 * The upper bound the orchestration allows: the same models on the same in-process engine, the
 * {@code case-opened} message published as the bridge publishes it, and workers that do nothing
 * but complete their jobs (the {@code rung-started} listener sets {@code currentRung}, as the
 * real one does) — no Axon, no database, no send. Measures message published → first warning
 * job completed, at a fixed rate and then flat out. Run by {@code ops/bench/bare-engine}; not a test.
 *
 * <pre>
 *   BareEngineBench [rate per second, default 100] [seconds, default 60] [flat-out instances, default 3000]
 *                   [worker threads, default 8]
 * </pre>
 */
public final class BareEngineBench {

    private static final List<String> FIRST_WARNINGS = List.of(JobTypes.SEND_WARNING_SMS,
            JobTypes.SEND_FLASH_WARNING, JobTypes.PLACE_AUTOMATED_CALL);
    private static final String[] RISKS = {"EXTREME", "HIGH", "HIGH", "MEDIUM", "MEDIUM", "LOW"};
    private static final String[] CHANNELS = {"CALL", "CALL", "SMS", "INTERNET", "CALL_FORWARDING", "LINE_BUSY"};
    private static final String[] AGES = {"ELDERLY", "ADULT", "ADULT", "ADULT", "MINOR"};

    private final Map<String, Long> published = new ConcurrentHashMap<>();
    private final Map<String, Long> warned = new ConcurrentHashMap<>();
    private final Random random = new Random(42);
    private final AtomicLong counter = new AtomicLong();

    private BareEngineBench() {
    }

    public static void main(String[] args) throws Exception {
        double rate = args.length > 0 ? Double.parseDouble(args[0]) : 100;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        int flatOut = args.length > 2 ? Integer.parseInt(args[2]) : 3000;
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : 8;
        InProcessZeebe engine = InProcessZeebe.start(0);
        try (CamundaClient client = engine.newClient(threads)) {
            deploy(client);
            BareEngineBench bench = new BareEngineBench();
            List<JobWorker> workers = bench.workers(client);
            bench.publish(client, "warmup", 20, 5);
            bench.awaitWarned("warmup", Duration.ofSeconds(60));
            System.out.printf(Locale.ROOT, "bare engine: %.0f cases/s for %d s, then %d flat out; %d worker threads%n",
                    rate, seconds, flatOut, threads);
            long start = System.nanoTime();
            bench.publish(client, "rate", rate, seconds);
            bench.awaitWarned("rate", Duration.ofSeconds(300));
            bench.print("rate", (System.nanoTime() - start) / 1e9);
            long flat = System.nanoTime();
            bench.publishFlatOut(client, "flat", flatOut);
            bench.awaitWarned("flat", Duration.ofSeconds(600));
            bench.print("flat", (System.nanoTime() - flat) / 1e9);
            workers.forEach(JobWorker::close);
        } finally {
            engine.close();
            InProcessZeebe.releaseSharedTimer();
        }
    }

    private static void deploy(CamundaClient client) {
        DeployResourceCommandStep2 deploy = null;
        for (String resource : Processes.RESOURCES) {
            deploy = deploy == null ? client.newDeployResourceCommand().addResourceFromClasspath(resource)
                    : deploy.addResourceFromClasspath(resource);
        }
        deploy.send().join();
    }

    private List<JobWorker> workers(CamundaClient client) {
        List<JobWorker> workers = new ArrayList<>();
        for (String type : JobTypes.ALL) {
            workers.add(client.newWorker().jobType(type).handler((JobClient jobs, ActivatedJob job) -> {
                if (type.equals(JobTypes.RUNG_STARTED)) {
                    Object rung = job.getVariablesAsMap().get(Variables.RUNG);
                    client.newSetVariablesCommand(job.getProcessInstanceKey())
                        .variables(Map.of(Variables.CURRENT_RUNG, rung)).local(false).send().join();
                }
                jobs.newCompleteCommand(job).send().join();
                if (FIRST_WARNINGS.contains(type)) {
                    warned.putIfAbsent((String) job.getVariablesAsMap().get(Variables.CASE_ID), System.nanoTime());
                }
            }).name("bare-" + type).timeout(Duration.ofMinutes(1)).open());
        }
        return workers;
    }

    private void publish(CamundaClient client, String phase, double rate, int seconds) throws InterruptedException {
        long interval = (long) (1_000_000_000L / rate);
        long first = System.nanoTime();
        for (long i = 0; i < (long) (rate * seconds); i++) {
            long due = first + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            open(client, phase);
        }
    }

    private void publishFlatOut(CamundaClient client, String phase, int count) {
        for (int i = 0; i < count; i++) {
            open(client, phase);
        }
    }

    /** As the bridge does on {@code CaseOpened}: message id and correlation key are the case id. */
    private void open(CamundaClient client, String phase) {
        String caseId = phase + "-" + counter.incrementAndGet();
        Map<String, Object> variables = Map.of(Variables.CASE_ID, caseId,
                Variables.PERSON_ID, "p-" + caseId,
                Variables.RISK_LEVEL, RISKS[random.nextInt(RISKS.length)],
                Variables.CATEGORY, "INVESTMENT_SCAM",
                Variables.CHANNEL, CHANNELS[random.nextInt(CHANNELS.length)],
                Variables.AGE_GROUP, AGES[random.nextInt(AGES.length)]);
        published.put(caseId, System.nanoTime());
        client.newPublishMessageCommand().messageName(Messages.CASE_OPENED).correlationKey(caseId).messageId(caseId)
              .timeToLive(Duration.ofHours(1)).variables(variables).send();
    }

    private void awaitWarned(String phase, Duration atMost) throws InterruptedException {
        long until = System.nanoTime() + atMost.toNanos();
        while (System.nanoTime() < until) {
            long open = published.keySet().stream().filter(k -> k.startsWith(phase + "-"))
                                 .filter(k -> !warned.containsKey(k)).count();
            if (open == 0) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    private void print(String phase, double seconds) {
        List<Double> latencies = new ArrayList<>();
        long lastWarned = 0;
        long firstPublished = Long.MAX_VALUE;
        for (Map.Entry<String, Long> p : published.entrySet()) {
            Long w = warned.get(p.getKey());
            if (p.getKey().startsWith(phase + "-") && w != null) {
                latencies.add((w - p.getValue()) / 1e6);
                lastWarned = Math.max(lastWarned, w);
                firstPublished = Math.min(firstPublished, p.getValue());
            }
        }
        Collections.sort(latencies);
        long total = published.keySet().stream().filter(k -> k.startsWith(phase + "-")).count();
        double throughput = latencies.size() / ((lastWarned - firstPublished) / 1e9);
        System.out.printf(Locale.ROOT, "[%s] %d cases, %d warned: published -> 1st warning p50 %.0f ms  p90 %.0f ms"
                        + "  p99 %.0f ms  max %.0f ms; %.1f first warnings/s%n", phase, total, latencies.size(),
                pct(latencies, 50), pct(latencies, 90), pct(latencies, 99), pct(latencies, 100), throughput);
        System.out.printf(Locale.ROOT, "RESULT bare phase=%s cases=%d warned=%d p50=%.0f p99=%.0f throughput=%.1f%n",
                phase, total, latencies.size(), pct(latencies, 50), pct(latencies, 99), throughput);
    }

    private static double pct(List<Double> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
