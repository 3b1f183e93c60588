package org.forewarn.adapters.web;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.forewarn.adapters.mongo.CaseReadModel;
import org.forewarn.adapters.mongo.CaseReadModel.QueueChange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Tells every open console which queue entries changed: an event {@code case-changed} with data
 * {@code {"caseId":…}} — never anything personal — whenever a case's entry changed (opened, risk
 * raised, rung started or skipped, overdue, claimed, renewed, released, reassigned, closed) or
 * its claim lapsed. It polls the read model rather than listening to events, so a console on any
 * node of a cluster hears of a change another node projected: every {@code interval} it reads the
 * entries changed since the last poll, looking back {@code overlap} further for writes that were
 * in flight, and tells each change once. A poll reads the open cases' queue entries and the cases
 * that left the queue in the seconds it looks at, never every case
 * ({@link CaseReadModel#queueChanges}); removals are kept ten minutes, so {@code overlap} must stay
 * well below that.
 */
public class CaseQueueChanges implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CaseQueueChanges.class);

    private final CaseReadModel cases;
    private final Clock clock;
    private final Duration overlap;
    private final Duration timeout;
    private final Set<SseEmitter> consoles = new CopyOnWriteArraySet<>();
    /** What was told recently, by case: the change's time, kept for the overlap. */
    private final Map<String, Instant> told = new HashMap<>();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "case-queue-changes");
        t.setDaemon(true);
        return t;
    });
    private Instant since;
    private long heartbeat;

    /**
     * @param interval how often the read model is polled
     * @param overlap  how far before the last poll each poll looks again (writes in flight, clock skew between nodes)
     * @param timeout  how long one stream stays open; the browser's EventSource reconnects by itself
     */
    public CaseQueueChanges(CaseReadModel cases, Clock clock, Duration interval, Duration overlap, Duration timeout) {
        this.cases = cases;
        this.clock = clock;
        this.overlap = overlap;
        this.timeout = timeout;
        this.since = clock.instant();
        poller.scheduleWithFixedDelay(this::pollSafely, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** A new stream for one console; a first comment line lets the client know it is connected. */
    public SseEmitter subscribe() {
        SseEmitter console = new SseEmitter(timeout.toMillis());
        console.onCompletion(() -> consoles.remove(console));
        console.onTimeout(() -> consoles.remove(console));
        console.onError(e -> consoles.remove(console));
        consoles.add(console);
        try {
            console.send(SseEmitter.event().comment("connected").reconnectTime(2000));
        } catch (IOException | IllegalStateException e) {
            consoles.remove(console);
        }
        return console;
    }

    /** How many consoles listen now. */
    public int listening() {
        return consoles.size();
    }

    private void pollSafely() {
        try {
            poll();
        } catch (RuntimeException e) {
            LOG.warn("queue changes not read this time: {}", e.toString());
        }
    }

    synchronized void poll() {
        Instant now = clock.instant();
        Instant from = since.minus(overlap);
        since = now;
        told.values().removeIf(at -> at.isBefore(from));
        if (consoles.isEmpty()) {
            return;
        }
        for (QueueChange change : cases.queueChanges(from, now)) {
            Instant before = told.put(change.caseId(), change.at());
            if (!change.at().equals(before)) {
                tell(SseEmitter.event().name("case-changed").data(Map.of("caseId", change.caseId()),
                        MediaType.APPLICATION_JSON));
            }
        }
        if (++heartbeat % 15 == 0) {
            tell(SseEmitter.event().comment("keep-alive"));
        }
    }

    private void tell(SseEmitter.SseEventBuilder event) {
        Iterator<SseEmitter> each = consoles.iterator();
        while (each.hasNext()) {
            SseEmitter console = each.next();
            try {
                console.send(event);
            } catch (IOException | IllegalStateException e) {
                consoles.remove(console); // the console went away; its stream is done
                console.completeWithError(e);
            }
        }
    }

    @Override
    public void close() {
        poller.shutdownNow();
        List.copyOf(consoles).forEach(SseEmitter::complete);
        consoles.clear();
    }
}
