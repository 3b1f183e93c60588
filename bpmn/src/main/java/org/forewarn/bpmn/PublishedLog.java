package org.forewarn.bpmn;

import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * The in-process engine's log entries, safe to read while they are appended. The engine library
 * keeps its log in a plain {@code ArrayList} that the sequencer appends to on one thread while the
 * stream processor reads it on another, with nothing between them that makes an append visible
 * whole: under sustained load a reader once saw the new size before the new element (a
 * {@code null} entry), the stream processor failed on it and the engine processed nothing more
 * (docs/reliability.md). Here an entry is stored before the size that covers it is published
 * through a volatile write, so a reader that sees an index below the size sees its entry.
 *
 * <p>Entries live in fixed-size segments, so growing never copies the entries themselves, only
 * the table of segments, and the oldest whole segments can be released once no reader needs them
 * ({@link #releaseBelow}): the engine appends a few hundred entries a second even when idle (its
 * gateway writes every job poll to the log), which the library's list kept for good. A released
 * entry keeps its index; reading it is refused.
 *
 * <p>Appends come from the engine's sequencer, which holds its own lock; they are serialised here
 * as well so that a second appender could not lose an entry. Entries are only ever added, so
 * {@code modCount} stays put and a reader iterating by index never fails.
 */
final class PublishedLog<E> extends AbstractList<E> implements RandomAccess {

    private static final int SEGMENT_BITS = 12;
    private static final int SEGMENT_SIZE = 1 << SEGMENT_BITS;
    private static final int OFFSET_MASK = SEGMENT_SIZE - 1;

    private volatile Object[][] segments = new Object[16][];
    private volatile int size;
    private volatile int released;

    @Override
    public synchronized boolean add(E entry) {
        if (entry == null) {
            throw new NullPointerException("a log entry cannot be null");
        }
        int index = size;
        int segment = index >>> SEGMENT_BITS;
        Object[][] table = segments;
        if (segment == table.length) {
            Object[][] grown = new Object[table.length * 2][];
            System.arraycopy(table, 0, grown, 0, table.length);
            table = grown;
        }
        if (table[segment] == null) {
            table[segment] = new Object[SEGMENT_SIZE];
        }
        table[segment][index & OFFSET_MASK] = entry;
        segments = table;
        size = index + 1; // publishes the entry and any new segment to readers that see this size
        return true;
    }

    @Override
    @SuppressWarnings("unchecked")
    public E get(int index) {
        int published = size;
        if (index < 0 || index >= published) {
            throw new IndexOutOfBoundsException("index " + index + " of a log of " + published + " entries");
        }
        Object[] segment = segments[index >>> SEGMENT_BITS];
        if (segment == null || index < released) {
            throw new IllegalStateException("log entry " + index + " was released; the log holds the entries from "
                    + released + " on");
        }
        return (E) segment[index & OFFSET_MASK];
    }

    /**
     * Releases the whole segments that lie below {@code index} (and below the size), so that the
     * entries in them can be collected. Returns how many entries are released in all: every
     * index below that number is refused from now on.
     */
    public synchronized int releaseBelow(int index) {
        // a reader not yet started asks for a negative index: nothing below it
        int upTo = (Math.max(0, Math.min(index, size)) >>> SEGMENT_BITS) << SEGMENT_BITS;
        if (upTo <= released) {
            return released;
        }
        released = upTo; // refused before its segment goes, so no reader takes a released slot for an entry
        Object[][] table = segments;
        for (int segment = 0; segment < upTo >>> SEGMENT_BITS; segment++) {
            table[segment] = null;
        }
        return upTo;
    }

    /** How many of the oldest entries have been released. */
    public int released() {
        return released;
    }

    /** How many entries are held (appended and not released). */
    public int held() {
        return size - released;
    }

    @Override
    public int size() {
        return size;
    }
}
