package org.forewarn.app;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

/** A type of the read-model store's maps, noting the first byte (the tag) of each value it reads. */
final class FirstBytesRead extends BasicDataType<Object> {

    private final BasicDataType<Object> type;
    final List<Byte> tags = new ArrayList<>();

    FirstBytesRead(BasicDataType<Object> type) {
        this.type = type;
    }

    @Override
    public Object read(ByteBuffer buffer) {
        tags.add(buffer.get(buffer.position()));
        return type.read(buffer);
    }

    @Override
    public void write(WriteBuffer buffer, Object value) {
        type.write(buffer, value);
    }

    @Override
    public int getMemory(Object value) {
        return type.getMemory(value);
    }

    @Override
    public int compare(Object a, Object b) {
        return type.compare(a, b);
    }

    @Override
    public Object[] createStorage(int size) {
        return new Object[size];
    }
}
