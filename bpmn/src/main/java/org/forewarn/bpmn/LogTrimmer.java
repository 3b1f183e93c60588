package org.forewarn.bpmn;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the in-process engine's log to a bounded number of entries. The engine's log is in memory
 * and the test engine never compacts it, while the engine appends to it all the time, a few
 * hundred small entries a second with nothing to do (every job poll is written to the log) and
 * larger ones under load: an idle embedded application grew by about 5 MB a minute, which a
 * 6 GiB heap holds for less than a day. A broker compacts its log behind a snapshot; here entries are
 * released once the engine's readers are past them and more than the retained number are held.
 *
 * <p>The readers are the log stream's own (the stream processor's); the record-stream reader that
 * {@link InProcessZeebe#records()} uses is left out, so once entries are released that view
 * fails on them instead of holding the log back. A reader's progress is its storage reader's
 * index, read without synchronisation: a stale value is an older, lower one, which releases less.
 * A reader is never moved back once the engine runs (only recovery at start seeks). If the
 * engine's internals are not what this expects, nothing is released and that is logged once.
 */
final class LogTrimmer {

    private static final Logger LOG = LoggerFactory.getLogger(LogTrimmer.class);

    private final PublishedLog<?> log;
    private final Collection<?> readers;
    private final Object excludedReader;
    private final ConcurrentSkipListMap<Long, Integer> positions;
    private final int retained;
    private volatile boolean broken;

    LogTrimmer(PublishedLog<?> log, Collection<?> readers, Object excludedReader,
               ConcurrentSkipListMap<Long, Integer> positions, int retained) {
        this.log = log;
        this.readers = readers;
        this.excludedReader = excludedReader;
        this.positions = positions;
        this.retained = retained;
    }

    /** Releases what no reader needs beyond the retained entries; cheap when nothing is due. */
    void trim() {
        if (broken || log.held() <= retained) {
            return;
        }
        try {
            int below = log.size() - retained;
            for (Object reader : readers) {
                if (reader != excludedReader) {
                    // the reader holds the block before its next index; keep that one as well
                    below = Math.min(below, nextIndexOf(reader) - 1);
                }
            }
            int released = log.releaseBelow(below);
            // a position maps to its entry's index + 1: drop those of the released entries
            for (Map.Entry<Long, Integer> first = positions.firstEntry();
                 first != null && first.getValue() <= released;
                 first = positions.firstEntry()) {
                positions.remove(first.getKey(), first.getValue());
            }
        } catch (RuntimeException e) {
            broken = true;
            LOG.warn("cannot read the in-process engine's log readers; its log is no longer trimmed", e);
        }
    }

    private static int nextIndexOf(Object logStreamReader) {
        Object storageReader = InProcessZeebe.field(logStreamReader, "reader");
        return ((Number) InProcessZeebe.field(storageReader, "currentIndex")).intValue();
    }
}
