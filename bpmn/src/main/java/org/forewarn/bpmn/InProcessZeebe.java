package org.forewarn.bpmn;

import io.camunda.client.CamundaClient;
import io.camunda.zeebe.db.AccessMetricsConfiguration;
import io.camunda.zeebe.db.ConsistencyChecksSettings;
import io.camunda.zeebe.db.ZeebeDb;
import io.camunda.zeebe.db.impl.rocksdb.RocksDbConfiguration;
import io.camunda.zeebe.db.impl.rocksdb.ZeebeRocksDbFactory;
import io.camunda.zeebe.engine.processing.job.JobBackoffCheckScheduler;
import io.camunda.zeebe.engine.processing.timer.DueDateTimerCheckScheduler;
import io.camunda.zeebe.process.test.api.RecordStreamSource;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.process.test.engine.EngineFactory;
import io.camunda.zeebe.protocol.ZbColumnFamilies;
import io.camunda.zeebe.stream.impl.StreamProcessor;
import io.camunda.zeebe.util.health.HealthIssue;
import io.camunda.zeebe.util.health.HealthReport;
import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Timer;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * The in-process Zeebe engine (zeebe-process-test-engine) with its gRPC gateway on the loopback
 * interface only. The engine's own factory binds every interface; this class swaps its gRPC
 * server, before it starts, for one bound to 127.0.0.1 that serves the same gateway.
 *
 * <p>It also gives the engine's stream processor a RocksDB database (Zeebe's {@code zeebe-db},
 * as a broker has) in a temporary directory, instead of the test engine's in-memory database,
 * which copies its whole state for every range it reads: each command then cost more the more
 * cases were open (docs/performance.md). The scheduled tasks (job back-offs, timers, time-outs,
 * message TTLs) run on their own actors, as on a broker.
 *
 * <p>The engine's due-date checkers (job back-offs and timers) run only when something planned
 * them, and each run plans the next from what it found. Under load the back-off checker was seen
 * with no run planned while a failed job waited for its back-off to end, so the job sat idle until
 * some other job failed (docs/reliability.md). A watchdog therefore asks both checkers to run
 * every {@link #CHECKER_WAKE_INTERVAL}: a run that finds nothing due costs one read of the first
 * entry of its column family, and a lost plan now costs at most that interval.
 *
 * <p>The engine keeps its state only while it runs: the directory is deleted when it stops.
 */
public final class InProcessZeebe implements AutoCloseable {

    private final ZeebeTestEngine engine;
    private final Server server;
    private final int port;
    private final Path stateDir;
    private final ScheduledExecutorService watchdog;

    /** How often the watchdog asks the back-off and timer checkers to run. */
    public static final Duration CHECKER_WAKE_INTERVAL = Duration.ofMillis(500);

    /** How often the log is trimmed, when it is ({@link #start(int, int)}). */
    private static final Duration LOG_TRIM_INTERVAL = Duration.ofSeconds(1);

    private InProcessZeebe(ZeebeTestEngine engine, Server server, int port, Path stateDir, int retainedLogEntries) {
        this.engine = engine;
        this.server = server;
        this.port = port;
        this.stateDir = stateDir;
        Object processor = field(engine, "streamProcessor");
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "zeebe-checker-watchdog");
            t.setDaemon(true);
            return t;
        });
        DueDateCheckers checkers = new DueDateCheckers(processor);
        watchdog.scheduleWithFixedDelay(checkers::wake, CHECKER_WAKE_INTERVAL.toMillis(),
                CHECKER_WAKE_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        if (retainedLogEntries < Integer.MAX_VALUE) {
            LogTrimmer trimmer = logTrimmer(engine, retainedLogEntries);
            watchdog.scheduleWithFixedDelay(trimmer::trim, LOG_TRIM_INTERVAL.toMillis(),
                    LOG_TRIM_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @SuppressWarnings("unchecked")
    private static LogTrimmer logTrimmer(ZeebeTestEngine engine, int retained) {
        Object storage = logStorage(engine);
        return new LogTrimmer((PublishedLog<?>) field(storage, "logEntries"),
                (Collection<?>) field(field(engine, "logStream"), "readers"),
                field(field(engine, "recordStream"), "logStreamReader"),
                (ConcurrentSkipListMap<Long, Integer>) field(storage, "positionIndexMapping"),
                retained);
    }

    /**
     * Starts an engine on the given loopback port (0 picks a free one) that keeps every entry of
     * its log, so that {@link #records()} shows all it did: for tests and benchmarks.
     */
    public static InProcessZeebe start(int port) {
        return start(port, Integer.MAX_VALUE);
    }

    /**
     * Starts an engine on the given loopback port (0 picks a free one) that releases the oldest
     * entries of its log once it holds more than {@code retainedLogEntries} and its stream
     * processor is past them ({@link LogTrimmer}); {@code Integer.MAX_VALUE} keeps them all.
     */
    public static InProcessZeebe start(int port, int retainedLogEntries) {
        if (retainedLogEntries < 1) {
            throw new IllegalArgumentException("the engine must retain at least one log entry, not " + retainedLogEntries);
        }
        int chosen = port == 0 ? freeLoopbackPort() : port;
        ZeebeTestEngine engine = EngineFactory.create(chosen);
        Server loopback = NettyServerBuilder
                .forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), chosen))
                .addService((BindableService) field(engine, "gateway"))
                .build();
        setField(engine, "grpcServer", loopback);
        Path stateDir = temporaryStateDir();
        ZeebeDb<ZbColumnFamilies> state = new ZeebeRocksDbFactory<ZbColumnFamilies>(new RocksDbConfiguration(),
                new ConsistencyChecksSettings(), new AccessMetricsConfiguration(AccessMetricsConfiguration.Kind.NONE, 1),
                SimpleMeterRegistry::new).createDb(stateDir.toFile());
        Object processor = field(engine, "streamProcessor");
        setField(processor, "zeebeDb", state);
        setField(engine, "database", state);
        publishLogEntriesSafely(engine);
        engine.start();
        return new InProcessZeebe(engine, loopback, chosen, stateDir, retainedLogEntries);
    }

    /**
     * Gives the engine's log storage a {@link PublishedLog} for its entries instead of the plain
     * list it is built with, which its stream processor read unsafely while the sequencer appended.
     * Nothing has been appended before the engine starts.
     */
    private static void publishLogEntriesSafely(ZeebeTestEngine engine) {
        Object storage = logStorage(engine);
        if (!(field(storage, "logEntries") instanceof List<?> entries) || !entries.isEmpty()) {
            throw new IllegalStateException("unexpected zeebe-process-test-engine version: its log is not an empty list");
        }
        setField(storage, "logEntries", new PublishedLog<>());
    }

    /** The engine's log entries (for tests: that they are in a {@link PublishedLog}, how many are held). */
    PublishedLog<?> logEntries() {
        return (PublishedLog<?>) field(logStorage(engine), "logEntries");
    }

    /** The test engine's in-memory log storage, behind its log stream. */
    private static Object logStorage(ZeebeTestEngine engine) {
        return field(field(engine, "logStream"), "logStorage");
    }

    private static Path temporaryStateDir() {
        try {
            return Files.createTempDirectory("forewarn-zeebe-state");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the engine's state directory", e);
        }
    }

    public URI grpcAddress() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    /** The addresses the gateway listens on (for checking that nothing but loopback is bound). */
    public List<? extends SocketAddress> listenAddresses() {
        return server.getListenSockets();
    }

    /** A gRPC-only client: the in-process engine has no REST API. */
    public CamundaClient newClient() {
        return newClient(1);
    }

    /** As {@link #newClient()}, with this many threads running its job workers' handlers. */
    public CamundaClient newClient(int jobWorkerThreads) {
        return CamundaClient.newClientBuilder()
                .grpcAddress(grpcAddress())
                .preferRestOverGrpc(false)
                .applyEnvironmentVariableOverrides(false)
                .numJobWorkerExecutionThreads(jobWorkerThreads)
                .build();
    }

    /**
     * Why the engine processes nothing any more, if it does not: its stream processor has failed,
     * and stays failed until the engine is started again. Empty otherwise, also while the
     * processor reports itself unhealthy for a moment (an actor busy past its health tick under a
     * burst), which passes by itself. The engine's gateway still answers when its processor has
     * failed, so a client alone cannot tell.
     */
    public Optional<String> failure() {
        StreamProcessor processor = (StreamProcessor) field(engine, "streamProcessor");
        if (!processor.isFailed()) {
            return Optional.empty();
        }
        return Optional.of("the engine's stream processor has failed" + issueOf(processor.getHealthReport()));
    }

    private static String issueOf(HealthReport report) {
        if (report == null || report.getIssue() == null) {
            return "";
        }
        HealthIssue issue = report.getIssue();
        if (issue.message() != null) {
            return ": " + issue.message();
        }
        return issue.throwable() == null ? "" : ": " + issue.throwable();
    }

    /**
     * The engine's records. With a trimmed log ({@link #start(int, int)}) reading them fails once
     * the oldest entries are released.
     */
    public RecordStreamSource records() {
        return engine.getRecordStreamSource();
    }

    /** Moves the engine's clock forward, firing due timers. */
    public void increaseTime(Duration duration) {
        engine.increaseTime(duration);
    }

    public void waitForIdleState(Duration timeout) throws InterruptedException, TimeoutException {
        engine.waitForIdleState(timeout);
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
        try {
            engine.stop();
        } finally {
            deleteRecursively(stateDir);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is not worth failing the shutdown for
        }
    }

    /**
     * Stops the engine library's shared, non-daemon timer thread, which would otherwise keep the
     * JVM alive after the application closes. Call once, when no engine will be created again in
     * this JVM.
     */
    public static void releaseSharedTimer() {
        try {
            Class<?> monitor = Class.forName("io.camunda.zeebe.process.test.engine.EngineStateMonitor");
            Field timer = monitor.getDeclaredField("TIMER");
            timer.setAccessible(true);
            ((Timer) timer.get(null)).cancel();
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot release the Zeebe engine's timer thread", e);
        }
    }

    /**
     * The stream processor's back-off and timer checkers, found among its lifecycle listeners
     * once the engine has recovered (they are registered then). Waking one asks it to run within
     * its resolution unless a run is already planned that soon; it is safe from any thread.
     */
    private static final class DueDateCheckers {
        private final Object processor;
        private volatile List<Runnable> wakes = List.of();

        DueDateCheckers(Object processor) {
            this.processor = processor;
        }

        void wake() {
            try {
                if (wakes.isEmpty()) {
                    wakes = find();
                }
                wakes.forEach(Runnable::run);
            } catch (RuntimeException e) {
                // the listener list is being filled while the engine recovers: try at the next tick
            }
        }

        private List<Runnable> find() {
            List<Runnable> found = new ArrayList<>();
            for (Object listener : List.copyOf((List<?>) field(processor, "lifecycleAwareListeners"))) {
                if (listener instanceof JobBackoffCheckScheduler backoffs) {
                    found.add(() -> backoffs.scheduleBackOff(-1));
                } else if (listener instanceof DueDateTimerCheckScheduler timers) {
                    found.add(() -> timers.scheduleTimer(-1));
                }
            }
            return found.size() == 2 ? List.copyOf(found) : List.of();
        }
    }

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A field of the test engine's internals; also used by {@link LogTrimmer}. */
    static Object field(Object target, String name) {
        try {
            Field f = target.getClass().getDeclaredField(name);
            f.setAccessible(true);
            return f.get(target);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("unexpected zeebe-process-test-engine version: no field " + name, e);
        }
    }

    private static void setField(Object target, String name, Object value) {
        try {
            Field f = target.getClass().getDeclaredField(name);
            f.setAccessible(true);
            f.set(target, value);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("unexpected zeebe-process-test-engine version: no field " + name, e);
        }
    }
}
