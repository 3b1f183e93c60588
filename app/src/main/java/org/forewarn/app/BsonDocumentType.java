package org.forewarn.app;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the embedded read-model store writes a collection's documents into its H2 file: as BSON,
 * with the MongoDB-wire server's own encoder and decoder, instead of H2's default for an object
 * it does not know, Java serialisation. Java serialisation wrote every document with the class
 * descriptions of the document and of each nested map and list, and read it back with a
 * reflective {@code readObject} per object: serialising pages was the largest part of the
 * store's CPU (docs/performance.md). BSON is what the server receives and answers anyway, so every
 * value a document can hold has its encoding, and a document reads back equal to the one written,
 * in its key order.
 * <p>
 * A document is written as the tag {@value #BSON_DOCUMENT} and the BSON bytes (which begin with
 * their own length). Everything else, and every value of a file written before this type (H2's
 * own tags, 0 to 119), goes through H2's {@link ObjectDataType}: old pages stay readable, and a
 * page is written in BSON the next time it changes.
 */
final class BsonDocumentType extends BasicDataType<Object> {

    /** The tag of a BSON document: a byte H2's {@link ObjectDataType} never writes (its tags are 0–119). */
    static final byte BSON_DOCUMENT = (byte) 0xB5;

    /** Heap taken by a document against its BSON bytes, as H2 counts twice the serialised length. */
    private static final int MEMORY_PER_BYTE = 4;

    /**
     * Encodings of one document tried before it is written as H2 writes it. The library updates a
     * document in place, the very object H2's page holds, and only then puts it back into its map;
     * H2 writes the pages of a commit on its own thread meanwhile, so it may be encoding the
     * document while another command changes it. Java serialisation read such a document without
     * noticing (and could write a stream that does not read back); here an encoding that met a key
     * added or removed under it (an exception, or not as many fields written as the document has)
     * starts again once the change is done.
     * A value replaced under it may still be written beside the older ones, as Java serialisation
     * could: the page is the previous commit's, and the change's own put marks the page for the
     * next commit, which writes the document whole. A document changed under every attempt is
     * written Java-serialised, as before this type.
     */
    static final int ENCODING_ATTEMPTS = 1_000;

    private static final Logger log = LoggerFactory.getLogger(BsonDocumentType.class);

    private final ObjectDataType others = new ObjectDataType();

    /** The running average of a document's estimated memory, as H2 keeps it for serialised objects. */
    private volatile int averageMemory = 10_000;

    @Override
    public int getMemory(Object value) {
        return value instanceof Document ? averageMemory : others.getMemory(value);
    }

    @Override
    public void write(WriteBuffer buffer, Object value) {
        if (!(value instanceof Document document)) {
            others.write(buffer, value);
            return;
        }
        for (int attempt = 1; attempt <= ENCODING_ATTEMPTS; attempt++) {
            ByteBuf bson = Unpooled.buffer(256);
            try {
                if (!encodedWhole(document, bson)) {
                    Thread.yield();
                    continue;
                }
                int length = bson.readableBytes();
                averageMemory = (int) ((length * (long) MEMORY_PER_BYTE + 15L * averageMemory) / 16);
                buffer.put(BSON_DOCUMENT).put(bson.array(), bson.arrayOffset() + bson.readerIndex(), length);
                return;
            } catch (RuntimeException changedMeanwhile) {
                // the library is changing the document while H2 writes its page: once it is done, encode again
                Thread.yield();
            } finally {
                bson.release();
            }
        }
        log.warn("A read-model document kept changing under {} attempts to encode it; written Java-serialised",
                ENCODING_ATTEMPTS);
        others.write(buffer, value);
    }

    /**
     * The document as the server's encoder writes it, field by field: whether as many fields were
     * written as the document has once written. An iteration over a document whose key is removed
     * under it may end early without an exception (the removed entry no longer links to the next).
     */
    private static boolean encodedWhole(Document document, ByteBuf bson) {
        int start = bson.writerIndex();
        bson.writeIntLE(0);
        int fields = 0;
        for (Map.Entry<String, Object> field : document.entrySet()) {
            Object value = field.getValue();
            byte type = BsonEncoder.determineType(value);
            bson.writeByte(type);
            bson.writeBytes(field.getKey().getBytes(StandardCharsets.UTF_8)).writeByte(0);
            BsonEncoder.encodeValue(type, value, bson);
            fields++;
        }
        bson.writeByte(0);
        bson.setIntLE(start, bson.writerIndex() - start);
        return fields == document.size();
    }

    @Override
    public Object read(ByteBuffer buffer) {
        int start = buffer.position();
        if (buffer.get(start) != BSON_DOCUMENT) {
            return others.read(buffer);
        }
        ByteBuffer bson = buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int length = bson.getInt(start + 1);
        bson.limit(start + 1 + length).position(start + 1);
        Document document = BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bson.slice()));
        buffer.position(start + 1 + length);
        return document;
    }

    @Override
    public Object[] createStorage(int size) {
        return new Object[size];
    }

    /** Documents have no order of their own: keys are compared, never values. */
    @Override
    public int compare(Object a, Object b) {
        return others.compare(a, b);
    }
}
