package io.trackeep.dashboard.ui.pubsub;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.service.pubsub.DeliveryGap;
import io.trackeep.dashboard.service.pubsub.DeliveryLosses;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.testing.FxTestSupport;
import io.trackeep.dashboard.testing.RedisServerExtension;
import io.trackeep.dashboard.testing.WindowOnTestServer;
import io.trackeep.dashboard.ui.connect.ConnectionState;
import io.trackeep.dashboard.ui.pubsub.PatternSubscriptions.PatternState;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.Start;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Pub/Sub panel's ingest, measured from the first second: the real window (headless) shows the
 * panel, then a publisher pushes {@code pubsub.bench.rate} messages per second (60,000 by default)
 * into its patterns for {@code pubsub.bench.seconds} (4). Each second is printed: published,
 * received by the panel, the FX thread's worst stall (latency of a {@code runLater} posted every
 * 5 ms), the stalls over 100 ms (each counted once, with the probes it held up) and the CPU time of
 * the FX thread and of the renderer (Prism's thread, which the FX thread waits for at its next
 * pulse). Then who had the machine's cores during the run (this JVM's threads by kind,
 * redis-server, other processes: a stall on a saturated machine is mostly the FX thread waiting
 * for a core) and the CPU per table pulse; the totals: what was lost and whether the panel said so
 * (dropped by it, or estimated in the gaps of its connection), the server's view (connections it
 * accepted meanwhile: each is a reconnect of a subscriber it had cut; the largest output buffer it
 * sampled), the panel's pulses and memory. With {@code -Dpubsub.bench.stacks=FILE} the FX
 * thread's stack is appended to FILE every 5 ms while it is stalled over 50 ms. Last, the same
 * run's limits, after the panel so that they do not warm its code: Redis's delivery rate to a bare subscriber (a socket that only counts
 * messages), Lettuce's to a bare listener, and the panel's own at the same flat-out publishing,
 * each on channels the others do not see.
 *
 * <p>A round is one JVM, since the first second is what a cold JVM makes of it: run it three
 * times per rate (README.md, "Benchmarks"). In the normal test run it is a smoke run at 60,000
 * msg/s. Asserted: only that memory stayed bounded, that the panel showed messages, and that a
 * loss was reported whenever messages went missing. Timings are printed, never asserted.
 */
@ExtendWith(RedisServerExtension.class)
class PubSubIngestBenchTest extends FxTestSupport {

    private static final double RATE = Double.parseDouble(System.getProperty("pubsub.bench.rate", "60000"));
    private static final int SECONDS = Integer.getInteger("pubsub.bench.seconds", 4);
    private static final int BASELINE_SECONDS = 3;
    // With a file name, the FX thread's stack every 5 ms while no stall probe has run for 50 ms, appended there.
    private static final String STACKS = System.getProperty("pubsub.bench.stacks");
    private static final int MAX_BATCH = 1_000;
    /** CPU time of the publisher threads that have ended, in nanoseconds (for the CPU account). */
    private static final AtomicLong PUBLISHER_CPU = new AtomicLong();
    // Publishes ARGV[1] chat messages numbered from ARGV[2] on ARGV[3]<id % 16>, server-side, so
    // the publisher costs one round trip per batch and the machine's time goes to the receiving side.
    private static final String PUBLISH_BATCH = """
            local n = tonumber(ARGV[1])
            local base = tonumber(ARGV[2])
            for i = 1, n do
              local id = base + i
              redis.call('PUBLISH', ARGV[3] .. (id % 16), '{"id":' .. id .. ',"conversation_id":"c-' .. (id % 16)
                .. '","sender_id":' .. (id % 97) .. ',"body":"load test message","created_at":"2026-03-01T12:00:00.000000001Z"}')
            end
            return n
            """;

    private final RedisServerProcess server;
    private WindowOnTestServer app;

    PubSubIngestBenchTest(RedisServerProcess server) {
        this.server = server;
    }

    @Start
    void start(Stage stage) {
        useTemporaryConfig();
        app = new WindowOnTestServer(stage, server);
    }

    @AfterEach
    void closeWindow() {
        onFx(() -> app.close());
    }

    @AfterAll
    static void restoreConfig() {
        clearTemporaryConfig();
    }

    @Test
    void ingestsFromTheFirstSecondWithBoundedMemoryAndReportsEveryLoss() throws Exception {
        waitUntil("connected", Duration.ofSeconds(15), () -> app.window().connection().state() == ConnectionState.CONNECTED);
        onFx(() -> app.window().shell().navigate("pubsub"));
        PubSubPanel panel = (PubSubPanel) app.window().panels().find("pubsub").orElseThrow();
        PubSubViewModel vm = panel.viewModel();
        waitUntil("patterns live", Duration.ofSeconds(15),
                () -> vm.subscriptions().patterns().stream().allMatch(p -> p.state() == PatternState.SUBSCRIBED));

        say("pubsub ingest: %s, %d cores, load average %.1f at the start (a loaded machine skews every figure; compare the ratios)",
                Runtime.version(), Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        say("pubsub ingest: redis-server %s; the panel at %,.0f msg/s for %d s, from the first message", redisVersion(), RATE, SECONDS);
        long heapBefore = usedHeapAfterGc();
        try (RedisConnections publisher = RedisConnections.open(server.settings())) {
            String sha = publisher.sync().scriptLoad(PUBLISH_BATCH);
            Idle idle = idle(vm);
            Run panelRun = panelRun(vm, publisher, sha, heapBefore);
            say("pubsub ingest: FX thread idle, before the traffic: worst stall %.1f ms", idle.worstStallMs);

            say("pubsub ingest: the same run's limits, publishing flat out for %d s each:", BASELINE_SECONDS);
            double redisRate = bareSocket(publisher, sha);
            double lettuceRate = bareLettuce(publisher, sha);
            double panelMax = panelFlatOut(vm, publisher, sha);
            say("pubsub ingest: SUMMARY at %,.0f msg/s: the panel received %.3f of what was published in the first second and %.3f "
                            + "over %d s; %.2f x Redis's delivery to a bare subscriber (%,.0f msg/s), %.2f x Lettuce's (%,.0f msg/s); "
                            + "flat out the panel takes %,.0f msg/s (%.2f x Redis's, %.2f x Lettuce's); worst FX stall %.1f ms in "
                            + "the first second, %.1f ms in all, %d stalls over 100 ms; lost %,d, reported %s",
                    RATE, panelRun.firstSecondShare(), panelRun.share(), SECONDS, panelRun.receivedRate() / redisRate, redisRate,
                    panelRun.receivedRate() / lettuceRate, lettuceRate, panelMax, panelMax / redisRate, panelMax / lettuceRate,
                    panelRun.firstSecondStallMs, panelRun.worstStallMs, panelRun.stallsOver100ms, panelRun.lost(),
                    panelRun.reported());
        }
    }

    /** One second of no traffic: what the machine alone costs the FX thread. */
    private static Idle idle(PubSubViewModel vm) throws Exception {
        StallMonitor stalls = StallMonitor.start(1);
        sleep(1000);
        stalls.stop();
        return new Idle(stalls.worst.get(0) / 1e6);
    }

    private record Idle(double worstStallMs) {
    }

    private Run panelRun(PubSubViewModel vm, RedisConnections publisher, String sha, long heapBefore) throws Exception {
        long connectionsBefore = info(publisher, "total_connections_received");
        long receivedBefore = vm.received();
        StreamTable.PulseTimes pulsesBefore = callFx(() -> vm.table().pulseTimes());
        StallMonitor stalls = StallMonitor.start(SECONDS + 1);
        CpuAccount cpuBefore = CpuAccount.take(publisher);
        long[] receivedAt = new long[SECONDS + 1];
        long[] publishedAt = new long[SECONDS + 1];
        long[] peakOutputBuffer = new long[SECONDS + 1];
        long[] fxCpu = new long[SECONDS + 1];
        long[] rendererCpu = new long[SECONDS + 1];
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long fxId = callFx(() -> Thread.currentThread().getId());
        long rendererId = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("QuantumRenderer"))
                .mapToLong(Thread::getId).findFirst().orElse(-1);
        fxCpu[0] = threads.getThreadCpuTime(fxId);
        rendererCpu[0] = threads.getThreadCpuTime(rendererId);
        AtomicLong published = new AtomicLong();
        Thread publishing = publisherThread(publisher, sha, "tk:messages:load-", RATE, SECONDS, published);
        long start = System.nanoTime();
        publishing.start();
        for (int s = 1; s <= SECONDS; s++) {
            sleepUntil(start + s * 1_000_000_000L);
            receivedAt[s] = vm.received() - receivedBefore;
            publishedAt[s] = published.get();
            peakOutputBuffer[s] = info(publisher, "client_recent_max_output_buffer");
            fxCpu[s] = threads.getThreadCpuTime(fxId);
            rendererCpu[s] = threads.getThreadCpuTime(rendererId);
        }
        publishing.join();
        CpuAccount cpu = CpuAccount.take(publisher).minus(cpuBefore);
        long pulsesWhilePublishing = callFx(() -> vm.table().pulseTimes().count()) - pulsesBefore.count();
        stalls.stop();
        waitUntilQuiet(vm::received);
        sleep(600); // a few pulses after the last messages
        long received = vm.received() - receivedBefore;
        DeliveryLosses losses = vm.subscriptions().losses();
        waitUntil("the panel to explain its cuts", Duration.ofSeconds(10), () -> vm.subscriptions().losses().gaps().stream()
                .allMatch(g -> g.backAt() != null && g.cause() != DeliveryGap.Cause.UNKNOWN));
        losses = vm.subscriptions().losses();
        long reconnects = info(publisher, "total_connections_received") - connectionsBefore;

        for (int s = 1; s <= SECONDS; s++) {
            long p = publishedAt[s] - publishedAt[s - 1];
            long r = receivedAt[s] - receivedAt[s - 1];
            say("pubsub ingest, second %d: published %,9d, received %,9d (%.3f), FX worst stall %6.1f ms, %d stalls over 100 ms "
                            + "(%d late probes); CPU: FX thread %3.0f ms, renderer %3.0f ms; Redis's largest output buffer %5.1f MB",
                    s, p, r, p == 0 ? 0 : (double) r / p, stalls.worst.get(s - 1) / 1e6, stalls.over100ms.get(s - 1),
                    stalls.lateProbes.get(s - 1), (fxCpu[s] - fxCpu[s - 1]) / 1e6, (rendererCpu[s] - rendererCpu[s - 1]) / 1e6,
                    peakOutputBuffer[s] / 1e6);
        }
        long total = published.get();
        long reportedLost = losses.dropped() + losses.estimatedLostInGaps();
        say("pubsub ingest, totals: published %,d, received %,d, lost %,d; the panel reports %,d dropped and %,d cuts of its "
                        + "connection (about %,d lost%s); the server accepted %,d connections meanwhile (each a reconnect)",
                total, received, total - received, losses.dropped(), losses.cuts(), losses.estimatedLostInGaps(),
                StreamTable.heldPart(losses), reconnects);
        Instant now = Instant.now();
        losses.gaps().forEach(g -> say("pubsub ingest, gap: %s", g.describe(now)));

        StreamTable.PulseTimes pulses = callFx(() -> vm.table().pulseTimes());
        long pulseCount = pulses.count() - pulsesBefore.count();
        int rows = callFx(() -> vm.table().rows().size());
        int buffered = vm.buffered();
        long heapAfter = usedHeapAfterGc();
        say("pubsub ingest, panel: %d pulses, %.1f ms each on average, worst %.1f ms; buffer %,d of %,d messages, table rows %,d; "
                        + "heap used after GC %,d MiB before and %,d MiB after",
                pulseCount, (pulses.totalNanos() - pulsesBefore.totalNanos()) / 1e6 / Math.max(1, pulseCount), pulses.worstNanos() / 1e6,
                buffered, vm.capacity(), rows, heapBefore >> 20, heapAfter >> 20);
        say("pubsub ingest, CPU: %s", cpu.describe());
        say("pubsub ingest, CPU per table pulse: FX thread %.1f ms, renderer %.1f ms (CPU time, which a busy machine inflates far less "
                        + "than the stalls)", cpu.seconds().get("FX thread") * 1e3 / Math.max(1, pulsesWhilePublishing),
                cpu.seconds().get("renderer") * 1e3 / Math.max(1, pulsesWhilePublishing));
        say("pubsub ingest, status line: \"%s\"", callFx(() -> vm.table().statusProperty().get()));

        assertThat(buffered).as("the buffer stays within its capacity").isLessThanOrEqualTo(vm.capacity());
        assertThat(rows).as("the table holds no more than the buffer, and shows messages").isLessThanOrEqualTo(vm.capacity()).isPositive();
        if (received < total) {
            assertThat(losses.none()).as("%,d messages went missing: the panel must say so", total - received).isFalse();
        }
        double seconds = SECONDS;
        return new Run(total, received, publishedAt[1], receivedAt[1], received / seconds, stalls.worst.get(0) / 1e6,
                stalls.worstOverall() / 1e6, stalls.over100msOverall(), reportedLost, losses.none());
    }

    private record Run(long published, long received, long publishedFirstSecond, long receivedFirstSecond, double receivedRate,
                       double firstSecondStallMs, double worstStallMs, long stallsOver100ms, long reportedLost, boolean reportedNone) {
        double share() {
            return published == 0 ? 0 : (double) received / published;
        }

        double firstSecondShare() {
            return publishedFirstSecond == 0 ? 0 : (double) receivedFirstSecond / publishedFirstSecond;
        }

        long lost() {
            return published - received;
        }

        String reported() {
            return reportedNone ? "none" : String.format(Locale.ROOT, "about %,d", reportedLost);
        }
    }

    /** Redis's delivery rate to a subscriber that only counts what it reads from its socket. */
    private double bareSocket(RedisConnections publisher, String sha) throws Exception {
        try (RawSubscriber raw = new RawSubscriber(server, "bench:raw:*")) {
            return flatOut("Redis to a bare socket subscriber", publisher, sha, "bench:raw:", raw::count);
        }
    }

    /** Lettuce's: one pub/sub connection of the project's kind, a listener that only counts. */
    private double bareLettuce(RedisConnections publisher, String sha) throws Exception {
        try (RedisConnections redis = RedisConnections.open(server.settings())) {
            StatefulRedisPubSubConnection<String, String> c = redis.newPubSub();
            AtomicLong n = new AtomicLong();
            c.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String pattern, String channel, String message) {
                    n.incrementAndGet();
                }
            });
            c.sync().psubscribe("bench:lettuce:*");
            return flatOut("Lettuce to a counting listener", publisher, sha, "bench:lettuce:", n::get);
        }
    }

    /** The panel's own path, warm by now, under the same flat-out publishing. */
    private double panelFlatOut(PubSubViewModel vm, RedisConnections publisher, String sha) throws Exception {
        return flatOut("the panel (warm)", publisher, sha, "tk:messages:max-", vm::received);
    }

    private double flatOut(String who, RedisConnections publisher, String sha, String prefix, LongSupplier received) throws Exception {
        long before = received.getAsLong();
        long connectionsBefore = info(publisher, "total_connections_received");
        AtomicLong published = new AtomicLong();
        Thread publishing = publisherThread(publisher, sha, prefix, Double.POSITIVE_INFINITY, BASELINE_SECONDS, published);
        long start = System.nanoTime();
        publishing.start();
        publishing.join();
        long got = received.getAsLong() - before;
        double seconds = (System.nanoTime() - start) / 1e9;
        waitUntilQuiet(received);
        long all = received.getAsLong() - before;
        long cuts = info(publisher, "total_connections_received") - connectionsBefore;
        double rate = got / seconds;
        say("pubsub ingest, limit: %-34s published %,9.0f msg/s, received %,9.0f msg/s while publishing; %,d of %,d in the end%s",
                who + ":", published.get() / seconds, rate, all, published.get(),
                cuts > 0 ? String.format(Locale.ROOT, " (Redis cut it %d times at its output-buffer limit)", cuts) : "");
        return rate;
    }

    /** Publishes at {@code rate} (flat out when infinite) for {@code seconds}, counting into {@code published}. */
    private static Thread publisherThread(RedisConnections publisher, String sha, String prefix, double rate, int seconds,
                                          AtomicLong published) {
        Thread t = new Thread(() -> {
            long start = System.nanoTime();
            long end = start + seconds * 1_000_000_000L;
            long firstId = 1;
            long now;
            while ((now = System.nanoTime()) < end) {
                long due = Double.isInfinite(rate) ? MAX_BATCH : (long) ((now - start) / 1e9 * rate) - published.get();
                if (due <= 0) {
                    LockSupport.parkNanos(1_000_000L); // pacing, not waiting for a condition
                    continue;
                }
                int batch = (int) Math.min(MAX_BATCH, due);
                publisher.sync().evalsha(sha, ScriptOutputType.INTEGER, new String[0],
                        Integer.toString(batch), Long.toString(firstId + published.get()), prefix);
                published.addAndGet(batch);
            }
            PUBLISHER_CPU.addAndGet(ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime());
        }, "bench-publisher");
        t.setDaemon(true);
        return t;
    }

    /**
     * Worst latency of the FX thread per second: a {@code runLater} posted every 5 ms records how
     * long it waited. (No animation timer: it would make the FX thread lay out the scene 60 times a
     * second, which the real window does not do.) A stall is counted once however many probes it
     * held up: the probes posted during one stall all run when it ends, so a late probe posted
     * after the previous late one ran starts a new stall (a 300 ms stall makes some 40 late probes).
     */
    private static final class StallMonitor {
        final AtomicLongArray worst;
        final AtomicLongArray over100ms;
        final AtomicLongArray lateProbes;
        private final long start = System.nanoTime();
        private volatile boolean running = true;
        private final Thread prober = new Thread(this::probe, "fx-stall-probe");
        private final Thread sampler = new Thread(this::sample, "fx-stall-sampler");
        private final StringBuilder samples = new StringBuilder();
        private long lastLateRanAt = Long.MIN_VALUE; // FX thread only
        private volatile long lastRanAt = System.nanoTime();
        private volatile Thread fxThread;

        private StallMonitor(int seconds) {
            worst = new AtomicLongArray(seconds);
            over100ms = new AtomicLongArray(seconds);
            lateProbes = new AtomicLongArray(seconds);
        }

        static StallMonitor start(int seconds) {
            StallMonitor m = new StallMonitor(seconds);
            m.prober.setDaemon(true);
            m.prober.start();
            if (STACKS != null) {
                m.sampler.setDaemon(true);
                m.sampler.start();
            }
            return m;
        }

        private void probe() {
            while (running) {
                long posted = System.nanoTime();
                int second = (int) Math.min(worst.length() - 1, (posted - start) / 1_000_000_000L);
                Platform.runLater(() -> {
                    long ran = System.nanoTime();
                    lastRanAt = ran;
                    fxThread = Thread.currentThread();
                    long latency = ran - posted;
                    worst.accumulateAndGet(second, latency, Math::max);
                    if (latency > 100_000_000L) {
                        lateProbes.incrementAndGet(second);
                        if (posted > lastLateRanAt) {
                            over100ms.incrementAndGet(second);
                        }
                        lastLateRanAt = ran;
                    }
                });
                LockSupport.parkNanos(5_000_000L);
            }
        }

        /** While no probe has run for 50 ms: the time, how long, the FX thread's CPU time so far and its stack. */
        private void sample() {
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            while (running) {
                long now = System.nanoTime();
                Thread fx = fxThread;
                if (fx != null && now - lastRanAt > 50_000_000L) {
                    StackTraceElement[] stack = fx.getStackTrace();
                    samples.append(String.format(Locale.ROOT, "S %.3f s, stalled %.1f ms, FX thread CPU %.1f ms%n", (now - start) / 1e9,
                            (now - lastRanAt) / 1e6, threads.getThreadCpuTime(fx.getId()) / 1e6));
                    for (StackTraceElement frame : stack) {
                        samples.append("  ").append(frame).append('\n');
                    }
                }
                LockSupport.parkNanos(5_000_000L);
            }
        }

        long worstOverall() {
            long w = 0;
            for (int i = 0; i < worst.length(); i++) {
                w = Math.max(w, worst.get(i));
            }
            return w;
        }

        long over100msOverall() {
            long n = 0;
            for (int i = 0; i < over100ms.length(); i++) {
                n += over100ms.get(i);
            }
            return n;
        }

        void stop() throws InterruptedException, IOException {
            running = false;
            prober.join();
            if (STACKS != null) {
                sampler.join();
                Files.writeString(Path.of(STACKS), samples, StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
            onFx(() -> { }); // the last probes have run
        }
    }

    /**
     * Who had the machine's cores: CPU time of this JVM's threads by kind (from /proc/self/task,
     * names as the kernel keeps them, 15 characters), redis-server's own (INFO cpu), and the
     * machine's busy time (/proc/stat), of which the rest is other processes. Linux only; elsewhere
     * it says so.
     */
    private record CpuAccount(long wallNanos, double machineBusyCores, Map<String, Double> seconds, double redisSeconds, boolean available) {

        private static final long TICKS_PER_SECOND = 100; // USER_HZ on Linux
        private static final List<String> KINDS = List.of("FX thread", "renderer", "Lettuce I/O", "pub/sub dispatch", "publisher",
                "JIT compilers", "GC", "other JVM threads");

        static CpuAccount take(RedisConnections redis) {
            String info = redis.sync().info("cpu");
            double redisSeconds = infoDouble(info, "used_cpu_user") + infoDouble(info, "used_cpu_sys");
            long wall = System.nanoTime();
            Map<String, Double> byKind = new LinkedHashMap<>();
            KINDS.forEach(k -> byKind.put(k, 0.0));
            try (var tasks = Files.list(Path.of("/proc/self/task"))) {
                for (Path task : tasks.toList()) {
                    try {
                        String name = Files.readString(task.resolve("comm")).strip();
                        String stat = Files.readString(task.resolve("stat"));
                        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        double cpu = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / (double) TICKS_PER_SECOND;
                        byKind.merge(kind(name), cpu, Double::sum);
                    } catch (IOException gone) {
                        // the thread ended meanwhile
                    }
                }
                byKind.merge("publisher", PUBLISHER_CPU.get() / 1e9, Double::sum);
                String[] machine = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
                long total = 0;
                for (int i = 1; i < machine.length; i++) {
                    total += Long.parseLong(machine[i]);
                }
                long idle = Long.parseLong(machine[4]) + Long.parseLong(machine[5]);
                return new CpuAccount(wall, (total - idle) / (double) TICKS_PER_SECOND, byKind, redisSeconds, true);
            } catch (IOException | RuntimeException noProc) {
                return new CpuAccount(wall, 0, byKind, redisSeconds, false);
            }
        }

        private static String kind(String name) {
            if (name.startsWith("JavaFX Applicat")) {
                return "FX thread";
            } else if (name.startsWith("QuantumRenderer")) {
                return "renderer";
            } else if (name.startsWith("lettuce-")) {
                return "Lettuce I/O";
            } else if (name.startsWith("pubsub-dispatch")) {
                return "pub/sub dispatch";
            } else if (name.startsWith("bench-publisher")) {
                return "publisher";
            } else if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
                return "JIT compilers";
            } else if (name.startsWith("GC Thread") || name.startsWith("G1 ")) {
                return "GC";
            }
            return "other JVM threads";
        }

        private static double infoDouble(String info, String field) {
            String prefix = field + ":";
            return info.lines().filter(l -> l.startsWith(prefix)).mapToDouble(l -> Double.parseDouble(l.substring(prefix.length()).trim()))
                    .findFirst().orElse(0);
        }

        CpuAccount minus(CpuAccount before) {
            Map<String, Double> d = new LinkedHashMap<>();
            seconds.forEach((k, v) -> d.put(k, v - before.seconds.getOrDefault(k, 0.0)));
            return new CpuAccount(wallNanos - before.wallNanos, machineBusyCores - before.machineBusyCores, d,
                    redisSeconds - before.redisSeconds, available && before.available);
        }

        /** In cores (CPU seconds per second of the run). */
        String describe() {
            double wall = wallNanos / 1e9;
            if (!available) {
                return String.format(Locale.ROOT, "no /proc here: only redis-server's is known, %.2f cores", redisSeconds / wall);
            }
            StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "in cores over %.1f s, the machine's %d were %.2f busy: ", wall,
                    Runtime.getRuntime().availableProcessors(), machineBusyCores / wall));
            double ours = redisSeconds;
            for (var e : seconds.entrySet()) {
                s.append(String.format(Locale.ROOT, "%s %.2f, ", e.getKey(), e.getValue() / wall));
                ours += e.getValue();
            }
            s.append(String.format(Locale.ROOT, "redis-server %.2f; other processes %.2f", redisSeconds / wall,
                    Math.max(0, machineBusyCores - ours) / wall));
            return s.toString();
        }
    }

    /**
     * A subscriber that reads its socket and counts messages, nothing more: how fast Redis itself
     * delivers here. Speaks RESP2 to the test server (AUTH, PSUBSCRIBE); a message is a top-level
     * array of 4 (pmessage, pattern, channel, payload).
     */
    private static final class RawSubscriber implements AutoCloseable {
        private final Socket socket;
        private final AtomicLong count = new AtomicLong();
        private final Thread reader;

        RawSubscriber(RedisServerProcess server, String pattern) throws IOException {
            socket = new Socket(server.host(), server.port());
            socket.setReceiveBufferSize(1 << 20);
            OutputStream out = socket.getOutputStream();
            out.write(command("AUTH", server.password()));
            out.write(command("PSUBSCRIBE", pattern));
            out.flush();
            InputStream in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
            if (!readLine(in).equals("+OK")) {
                throw new IOException("AUTH refused");
            }
            reader = new Thread(() -> {
                try {
                    while (true) {
                        String header = readLine(in);
                        if (header.startsWith("*")) {
                            int n = Integer.parseInt(header.substring(1));
                            for (int i = 0; i < n; i++) {
                                String item = readLine(in);
                                if (item.startsWith("$")) {
                                    in.skipNBytes(Integer.parseInt(item.substring(1)) + 2L);
                                }
                            }
                            if (n == 4) {
                                count.incrementAndGet();
                            }
                        }
                    }
                } catch (IOException | RuntimeException closed) {
                    // closed by close(), or by Redis at its output-buffer limit (said by the connection count)
                }
            }, "bench-raw-subscriber");
            reader.setDaemon(true);
            reader.start();
        }

        long count() {
            return count.get();
        }

        private static byte[] command(String... words) {
            StringBuilder s = new StringBuilder("*").append(words.length).append("\r\n");
            for (String w : words) {
                s.append('$').append(w.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(w).append("\r\n");
            }
            return s.toString().getBytes(StandardCharsets.UTF_8);
        }

        private static String readLine(InputStream in) throws IOException {
            StringBuilder s = new StringBuilder(16);
            int c;
            while ((c = in.read()) != '\r') {
                if (c < 0) {
                    throw new IOException("closed");
                }
                s.append((char) c);
            }
            in.read(); // \n
            return s.toString();
        }

        @Override
        public void close() throws Exception {
            socket.close();
            reader.join(2000);
        }
    }

    private String redisVersion() {
        try (RedisConnections redis = RedisConnections.open(server.settings())) {
            String info = redis.sync().info("server");
            return info.lines().filter(l -> l.startsWith("redis_version:")).map(l -> l.substring(14).trim()).findFirst().orElse("?");
        }
    }

    private static long info(RedisConnections redis, String field) {
        String prefix = field + ":";
        return redis.sync().info().lines().filter(l -> l.startsWith(prefix))
                .mapToLong(l -> Long.parseLong(l.substring(prefix.length()).trim())).findFirst().orElse(-1);
    }

    private static void say(String format, Object... args) {
        System.out.printf(Locale.ROOT, "[measure] " + format + "%n", args);
    }

    private static void sleepUntil(long nanoTime) {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            LockSupport.parkNanos(Math.min(left, 10_000_000L));
        }
    }

    /** Waits (bounded) until {@code count} stops moving for half a second. */
    private static void waitUntilQuiet(LongSupplier count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        long last = -1;
        while (System.nanoTime() < deadline) {
            long seen = count.getAsLong();
            if (seen == last) {
                return;
            }
            last = seen;
            sleep(500);
        }
    }

    private static long usedHeapAfterGc() {
        Runtime rt = Runtime.getRuntime();
        System.gc();
        return rt.totalMemory() - rt.freeMemory();
    }
}
