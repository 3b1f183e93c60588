import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A CPU profile of a running application with async-profiler: attaches to the process, samples
 * every thread's CPU time for the given seconds, writes the stacks in collapsed form (one line per
 * distinct stack, {@code thread;frame;frame… samples}, which flame-graph tools read) and prints
 * where the time went: by thread (numbers folded, so the four {@code zb-actors-N} are one line),
 * and the frames of this application and of the parts it adds to the engine (Axon, H2, the
 * MongoDB-wire server, Tomcat, the JIT compiler, the garbage collector) by inclusive share.
 * Run by {@code ops/bench/profile}, which fetches async-profiler from Maven Central:
 * <pre>
 *   ops/bench/profile &lt;pid&gt; &lt;seconds&gt; [collapsed output file]
 *   java ops/bench/Profile.java --summary &lt;collapsed file&gt;   (the summary of an earlier profile)
 * </pre>
 * Start it once the load is running: samples are CPU time, so an idle application gives few.
 */
public class Profile {

    /** Frames worth a line of their own in the summary, by inclusive share. */
    private static final Pattern INTERESTING = Pattern.compile(
            "^org/forewarn/|CompileBroker::compiler_thread_loop|G1CollectedHeap::|"
            + "org/axonframework/.*(processBatch|EventSourcingRepository\\.doLoad|appendEvents|fetchTrackedEvents|"
            + "AxonTimeLimitedTask\\.start|SimpleCommandBus\\.doDispatch)|"
            + "org/h2/mvstore/(FileStore\\.serializeAndStore|MVStore\\.readPage|MVStore\\.commit)|"
            + "org/h2/mvstore/type/ObjectDataType\\.(serialize|deserialize)|"
            + "de/bwaldvogel/mongo/backend/AbstractMongoDatabase\\.handleCommand|"
            + "org/springframework/security/web/FilterChainProxy\\.doFilter$|"
            + "io/camunda/zeebe/engine/Engine\\.process|io/camunda/client/impl/worker/JobRunnableFactoryImpl");

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("--summary")) {
            summary(Path.of(args[1]));
            return;
        }
        if (args.length != 4) {
            System.err.println("usage: java ops/bench/Profile.java <libasyncProfiler.so> <pid> <seconds> <collapsed file>\n"
                    + "       java ops/bench/Profile.java --summary <collapsed file>");
            System.exit(2);
        }
        String library = Path.of(args[0]).toAbsolutePath().toString();
        String pid = args[1];
        int seconds = Integer.parseInt(args[2]);
        Path out = Path.of(args[3]).toAbsolutePath();
        Files.deleteIfExists(out);
        command(pid, library, "start,event=cpu,interval=5ms,threads");
        System.out.printf(Locale.ROOT, "profiling process %s for %d s (CPU samples every 5 ms of CPU time)%n", pid, seconds);
        Thread.sleep(seconds * 1000L);
        command(pid, library, "stop,collapsed,file=" + out);
        if (!Files.exists(out)) {
            System.err.println("async-profiler wrote no profile to " + out + "; see the application's output");
            System.exit(1);
        }
        System.out.println("stacks: " + out);
        summary(out);
    }

    /** Loads the agent into the process (once started, loading it again only passes the command on). */
    private static void command(String pid, String library, String command) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(pid);
        try {
            vm.loadAgentPath(library, command);
        } finally {
            vm.detach();
        }
    }

    static void summary(Path collapsed) throws IOException {
        Map<String, Long> byThread = new HashMap<>();
        Map<String, Long> byFrame = new HashMap<>();
        long total = 0;
        for (String line : Files.readAllLines(collapsed)) {
            int space = line.lastIndexOf(' ');
            if (space < 0) {
                continue;
            }
            long samples = Long.parseLong(line.substring(space + 1));
            String[] frames = line.substring(0, space).split(";");
            total += samples;
            byThread.merge(threadGroup(frames[0]), samples, Long::sum);
            Set<String> seen = new HashSet<>();
            for (int i = 1; i < frames.length; i++) {
                String frame = frames[i];
                if (INTERESTING.matcher(frame).find() && !frame.contains("$$Lambda") && !frame.contains("lambda$")
                        && seen.add(frame)) {
                    byFrame.merge(frame, samples, Long::sum);
                }
            }
        }
        System.out.printf(Locale.ROOT, "%,d samples%n%nby thread:%n", total);
        print(byThread, total, 30);
        System.out.printf(Locale.ROOT, "%nframes of the application and of what it adds to the engine, inclusive:%n");
        print(byFrame, total, 45);
    }

    /** {@code [zb-actors-3 tid=1234]} → {@code zb-actors-N}. */
    static String threadGroup(String frame) {
        String name = frame.startsWith("[") && frame.endsWith("]") ? frame.substring(1, frame.length() - 1) : frame;
        return name.replaceAll(" tid=\\d+$", "").replaceAll("\\d+", "N");
    }

    private static void print(Map<String, Long> counts, long total, int limit) {
        List<Map.Entry<String, Long>> sorted = counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(limit).toList();
        for (Map.Entry<String, Long> e : sorted) {
            System.out.printf(Locale.ROOT, "%6.2f %%  %s%n", 100.0 * e.getValue() / total, e.getKey());
        }
    }
}
