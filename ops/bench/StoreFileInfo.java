import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStore;

/**
 * What an embedded H2 file holds: its chunks, how much of them is live data, how much is chunks
 * with nothing live left (kept for the retention time or not yet freed), how much was written in
 * the last 45 s and 10 s before the newest chunk, and the gaps between chunks. Used for the long
 * runs in docs/performance.md.
 * <p>
 * Opens the file read-only; run it on a copy (cp) while the application runs, or on the file
 * after the application stopped (a normal stop compacts the file, so a copy shows the running
 * state):
 * <pre>
 *   java -cp ~/.m2/repository/com/h2database/h2/2.3.232/h2-2.3.232.jar ops/bench/StoreFileInfo.java data/readmodels.mv
 * </pre>
 */
public class StoreFileInfo {

    private record ChunkEntry(long block, long blocks, long maxLen, long liveLen, long time) {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: java -cp <h2 jar> ops/bench/StoreFileInfo.java <file.mv or file.mv.db>");
            System.exit(2);
        }
        MVStore store = new MVStore.Builder().fileName(args[0]).readOnly().open();
        try {
            report(store);
        } finally {
            store.close();
        }
    }

    private static void report(MVStore store) {
        long fileSize = store.getFileStore().size();
        List<ChunkEntry> chunks = new ArrayList<>();
        long newest = 0;
        for (Map.Entry<String, String> e : store.getLayoutMap().entrySet()) {
            if (!e.getKey().startsWith("chunk.")) {
                continue;
            }
            Map<String, String> c = DataUtils.parseMap(e.getValue());
            long max = Long.parseLong(c.get("max"), 16);
            ChunkEntry chunk = new ChunkEntry(Long.parseLong(c.get("block"), 16), Long.parseLong(c.get("len"), 16),
                    max, Long.parseLong(c.getOrDefault("liveMax", c.get("max")), 16), Long.parseLong(c.get("time"), 16));
            chunks.add(chunk);
            newest = Math.max(newest, chunk.time());
        }
        chunks.sort(Comparator.comparingLong(ChunkEntry::block));
        long onDisk = 0, live = 0, deadBytes = 0, last45 = 0, last10 = 0;
        int dead = 0;
        for (ChunkEntry c : chunks) {
            long bytes = c.blocks() * 4096;
            onDisk += bytes;
            live += c.liveLen();
            if (c.liveLen() == 0) {
                dead++;
                deadBytes += bytes;
            }
            if (newest - c.time() < 45_000) {
                last45 += bytes;
            }
            if (newest - c.time() < 10_000) {
                last10 += bytes;
            }
        }
        long end = 2; // the two file-header blocks
        long gapBytes = 0;
        int gaps = 0;
        TreeMap<Long, Integer> gapSizes = new TreeMap<>();
        for (ChunkEntry c : chunks) {
            long gap = c.block() - end;
            if (gap > 0) {
                gaps++;
                gapBytes += gap * 4096;
                gapSizes.merge(Long.highestOneBit(gap), 1, Integer::sum);
            }
            end = c.block() + c.blocks();
        }
        System.out.printf("file                        %8.1f MB%n", fileSize / 1e6);
        System.out.printf("chunks                      %8.1f MB  (%d)%n", onDisk / 1e6, chunks.size());
        System.out.printf("  live data in them         %8.1f MB  (uncompressed page lengths)%n", live / 1e6);
        System.out.printf("  with nothing live         %8.1f MB  (%d)%n", deadBytes / 1e6, dead);
        System.out.printf("  written in the last 45 s  %8.1f MB%n", last45 / 1e6);
        System.out.printf("  written in the last 10 s  %8.1f MB%n", last10 / 1e6);
        System.out.printf("gaps between chunks         %8.1f MB  (%d; by size in 4 KB blocks, at least: %s)%n",
                gapBytes / 1e6, gaps, gapSizes);
    }
}
