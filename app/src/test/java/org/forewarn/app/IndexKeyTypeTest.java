package org.forewarn.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.forewarn.app.DurableH2BackendTest.caseDocument;
import static org.forewarn.app.DurableH2BackendTest.withServer;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The unique indexes' keys of the read-model store in a compact form, in H2's order as before. */
class IndexKeyTypeTest {

    private final IndexKeyType type = new IndexKeyType();

    @TempDir
    Path dir;

    @Test
    void aKeyOfSimpleValuesReadsBackAsTheSameKeyWithTheSameSerialisedBytes() {
        Object[] keys = {
            new KeyValue("case-7"),
            new KeyValue("0194f0a3c2b1d:" + "e3c4a5b6-0000-4000-8000-000000000001"),
            new KeyValue(""),
            new KeyValue("风险 — «12381» \u0000\uFFFF"),
            new KeyValue(Integer.MIN_VALUE, 0, Integer.MAX_VALUE),
            new KeyValue(Long.MIN_VALUE, -1L, Long.MAX_VALUE),
            new KeyValue(-0.0, Double.NaN, 1.5, Double.NEGATIVE_INFINITY),
            new KeyValue(true, false, null, "mixed", 3, 4L),
        };
        Object[] read = roundTrip(keys);
        assertThat(read).containsExactly(keys);
        for (int i = 0; i < keys.length; i++) {
            // H2 orders the keys by these bytes: a key read back must sort where it was written
            assertThat(ObjectDataType.serialize(read[i])).as("key %s", keys[i])
                    .isEqualTo(ObjectDataType.serialize(keys[i]));
        }
        WriteBuffer buffer = new WriteBuffer();
        type.write(buffer, keys[0]);
        assertThat(buffer.getBuffer().get(0)).isEqualTo(IndexKeyType.COMPACT_KEY);
    }

    @Test
    void aKeyOfOtherValuesAndAnythingElseAreWrittenAsH2WritesThem() {
        Object[] keys = {
            new KeyValue(new ObjectId("65f1c2a3b4c5d6e7f8091a2b")),
            new KeyValue(new Document("a", 1)),
            "a plain string",
            42L,
        };
        assertThat(roundTrip(keys)).containsExactly(keys);
        WriteBuffer buffer = new WriteBuffer();
        type.write(buffer, keys[0]);
        assertThat(buffer.getBuffer().get(0)).isNotEqualTo(IndexKeyType.COMPACT_KEY);
    }

    @Test
    void searchingAPageFindsWhatH2sOwnSearchFinds() {
        Random random = new Random(7);
        ObjectDataType h2 = new ObjectDataType();
        List<Object> sorted = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            sorted.add(new KeyValue(randomValue(random)));
        }
        sorted.sort(h2::compare);
        Object[] page = sorted.stream().distinct().toArray();
        for (int probe = 0; probe < 2_000; probe++) {
            Object key = probe % 2 == 0 ? page[random.nextInt(page.length)] : new KeyValue(randomValue(random));
            Object copy = probe % 3 == 0 ? new KeyValue(new ArrayList<>(((KeyValue) key).stream().toList())) : key;
            int guess = random.nextInt(page.length + 2) - 1;
            assertThat(type.binarySearch(copy, page, page.length, guess)).as("search for %s", copy)
                    .isEqualTo(h2.binarySearch(copy, page, page.length, guess));
        }
    }

    @Test
    void theFileHoldsTheIdIndexKeysInTheCompactForm() {
        String file = dir.resolve("index.mv").toString();
        DurableH2Backend backend = new DurableH2Backend(file);
        withServer(backend, backend.store(), cases -> {
            for (int i = 0; i < 50; i++) {
                cases.insertOne(caseDocument(i, i));
            }
        });

        FirstBytesRead keys = new FirstBytesRead(new IndexKeyType());
        MVStore raw = MVStore.open(file);
        try {
            MVMap<Object, Object> index = raw.openMap("forewarn.cases._index__id_",
                    new MVMap.Builder<Object, Object>().keyType(keys));
            assertThat(index.size()).isEqualTo(50);
            assertThat(index.get(new KeyValue("case-7"))).isEqualTo("case-7");
            index.keySet().forEach(key -> assertThat(key).isInstanceOf(KeyValue.class));
        } finally {
            raw.close();
        }
        assertThat(keys.tags).as("the first byte of each key in the file").hasSizeGreaterThanOrEqualTo(50)
                .containsOnly(IndexKeyType.COMPACT_KEY);
    }

    private Object[] roundTrip(Object[] keys) {
        WriteBuffer buffer = new WriteBuffer();
        type.write(buffer, keys, keys.length);
        ByteBuffer bytes = buffer.getBuffer().flip();
        Object[] read = type.createStorage(keys.length);
        type.read(bytes, read, keys.length);
        assertThat(bytes.hasRemaining()).as("every byte written read back").isFalse();
        return read;
    }

    private static Object randomValue(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> "case-" + random.nextInt(1_000);
            case 1 -> Long.toHexString(random.nextLong()) + ":" + random.nextInt();
            case 2 -> random.nextInt(100) - 50;
            default -> random.nextLong();
        };
    }
}
