package org.forewarn.app;

import de.bwaldvogel.mongo.backend.KeyValue;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

/**
 * How the embedded read-model store writes the keys of a collection's unique indexes (its
 * {@code _id} index first) into its H2 file. The library keys them by its {@link KeyValue}, which
 * H2 does not know: by default it Java-serialises each one, with the class descriptions of the key
 * and of its list, every time a page of the index is written. Here a key whose values are all
 * strings, numbers, booleans or nulls, as every key the application writes is, goes to the file as
 * a tag, its count of values and each value in H2's own compact form; any other key, and every
 * key of a file written before this type, goes through H2's {@link ObjectDataType} as before.
 * <p>
 * The order of the keys does not change: it is H2's, which for a type it does not know is the
 * order of the keys' Java-serialised bytes, and pages written before are sorted by it. A search
 * serialises the key it looks for once instead of at each comparison of the search.
 */
final class IndexKeyType extends BasicDataType<Object> {

    /** The tag of a key in this type's form: a byte H2's {@link ObjectDataType} never writes (its tags are 0–119). */
    static final byte COMPACT_KEY = (byte) 0xB6;

    private static final byte NULL = 0;
    private static final byte STRING = 1;
    private static final byte INTEGER = 2;
    private static final byte LONG = 3;
    private static final byte DOUBLE = 4;
    private static final byte FALSE = 5;
    private static final byte TRUE = 6;

    private final ObjectDataType others = new ObjectDataType();

    @Override
    public int getMemory(Object key) {
        if (!(key instanceof KeyValue values) || !compact(values)) {
            return others.getMemory(key);
        }
        int memory = 80 + 4 * values.size();
        for (Object value : values) {
            memory += value instanceof String text ? 24 + 2 * text.length() : 16;
        }
        return memory;
    }

    @Override
    public void write(WriteBuffer buffer, Object key) {
        if (!(key instanceof KeyValue values) || !compact(values)) {
            others.write(buffer, key);
            return;
        }
        buffer.put(COMPACT_KEY).putVarInt(values.size());
        for (Object value : values) {
            switch (value) {
                case null -> buffer.put(NULL);
                case String text -> buffer.put(STRING).putVarInt(text.length()).putStringData(text, text.length());
                case Integer number -> buffer.put(INTEGER).putInt(number);
                case Long number -> buffer.put(LONG).putLong(number);
                case Double number -> buffer.put(DOUBLE).putLong(Double.doubleToRawLongBits(number));
                case Boolean truth -> buffer.put(truth ? TRUE : FALSE);
                default -> throw new IllegalStateException("not a compact key value: " + value.getClass());
            }
        }
    }

    @Override
    public Object read(ByteBuffer buffer) {
        if (buffer.get(buffer.position()) != COMPACT_KEY) {
            return others.read(buffer);
        }
        buffer.get();
        int size = DataUtils.readVarInt(buffer);
        List<Object> values = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            byte type = buffer.get();
            values.add(switch (type) {
                case NULL -> null;
                case STRING -> DataUtils.readString(buffer, DataUtils.readVarInt(buffer));
                case INTEGER -> buffer.getInt();
                case LONG -> buffer.getLong();
                case DOUBLE -> Double.longBitsToDouble(buffer.getLong());
                case FALSE -> Boolean.FALSE;
                case TRUE -> Boolean.TRUE;
                default -> throw new IllegalStateException("unknown compact key value type " + type);
            });
        }
        return new KeyValue(values);
    }

    /** Whether every value of the key has this type's form (and reads back as the same Java type). */
    private static boolean compact(KeyValue values) {
        for (Object value : values) {
            if (value != null && !(value instanceof String || value instanceof Integer || value instanceof Long
                    || value instanceof Double || value instanceof Boolean)) {
                return false;
            }
        }
        return true;
    }

    /** H2's order, unchanged: see the class. */
    @Override
    public int compare(Object a, Object b) {
        return others.compare(a, b);
    }

    /**
     * H2's binary search over a page's keys, in H2's order, with the key searched for serialised
     * once: H2 compares two keys of a type it does not know by serialising both.
     */
    @Override
    public int binarySearch(Object key, Object storage, int size, int initialGuess) {
        if (!(key instanceof KeyValue)) {
            return super.binarySearch(key, storage, size, initialGuess);
        }
        Object[] keys = cast(storage);
        byte[] searched = ObjectDataType.serialize(key);
        int low = 0;
        int high = size - 1;
        int x = initialGuess - 1;
        if (x < 0 || x > high) {
            x = high >>> 1;
        }
        while (low <= high) {
            int compare = compareTo(key, searched, keys[x]);
            if (compare > 0) {
                low = x + 1;
            } else if (compare < 0) {
                high = x - 1;
            } else {
                return x;
            }
            x = (low + high) >>> 1;
        }
        return -(low + 1);
    }

    private int compareTo(Object key, byte[] serialised, Object other) {
        if (key == other) {
            return 0;
        }
        if (other instanceof KeyValue) {
            return ObjectDataType.compareNotNull(serialised, ObjectDataType.serialize(other));
        }
        return compare(key, other);
    }

    @Override
    public Object[] createStorage(int size) {
        return new Object[size];
    }
}
