package io.trackeep.dashboard.ui.pubsub;

import io.lettuce.core.ScriptOutputType;
import io.trackeep.dashboard.local.redis.RedisServerProcess;
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

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Pub/Sub panel's ingest, measured: the real window shows the
 * panel while a publisher pushes 60,000 messages per second into its patterns. Four phases of
 * {@value #PHASE_SECONDS} s each, in the same run: <em>idle</em> (no messages: what this machine
 * alone costs the FX thread), <em>warm-up</em> (the first messages, while the JIT compiles the
 * receiving code), <em>frozen</em> (messages flow, the table is paused: the cost of
 * ingesting) and <em>live</em> (messages flow and the table moves: the whole panel).
 *
 * <p>Printed per phase: publish and receive rates, messages dropped, the FX thread's worst stall
 * (latency of a {@code runLater} posted every 5 ms), stalls over 100 ms, and the time of the panel's own pulses; then the buffer's size and
 * the heap. Asserted: only that memory stayed bounded (buffer and rows within the capacity) and
 * that the stream showed messages. Timings are printed, never asserted: this is a benchmark run
 * by the test suite as a smoke run, on whatever else the machine is doing.
 */
@ExtendWith(RedisServerExtension.class)
class PubSubIngestBenchTest extends FxTestSupport {

    private static final double TARGET_PER_SECOND = 60_000;
    private static final int PHASE_SECONDS = 3;
    private static final int MAX_BATCH = 1_000;
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

    /**
     * Worst latency of the FX thread: a {@code runLater} posted every 5 ms records how long it
     * waited. (No animation timer: it would make the FX thread lay out the scene 60 times a
     * second, which the real window does not do.)
     */
    private static final class StallMonitor {
        final LongAccumulator worstRunLater = new LongAccumulator(Math::max, 0);
        final AtomicLong probes = new AtomicLong();
        final AtomicLong over100ms = new AtomicLong();
        private volatile boolean running = true;
        private final Thread prober = new Thread(() -> {
            while (running) {
                long posted = System.nanoTime();
                Platform.runLater(() -> {
                    long latency = System.nanoTime() - posted;
                    worstRunLater.accumulate(latency);
                    probes.incrementAndGet();
                    if (latency > 100_000_000L) {
                        over100ms.incrementAndGet();
                    }
                });
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "fx-stall-probe");

        static StallMonitor start() {
            StallMonitor m = new StallMonitor();
            m.prober.setDaemon(true);
            m.prober.start();
            return m;
        }

        void stop() throws InterruptedException {
            running = false;
            prober.join();
        }
    }

    /** Publishes at {@link #TARGET_PER_SECOND} for {@code seconds} (nothing when {@code seconds} is 0 and {@code idle}). */
    private static long publish(RedisConnections publisher, String sha, long firstId, double seconds) throws InterruptedException {
        long published = 0;
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long now;
        while ((now = System.nanoTime()) < end) {
            long due = (long) ((now - start) / 1e9 * TARGET_PER_SECOND) - published;
            if (due <= 0) {
                Thread.sleep(1);
                continue;
            }
            int batch = (int) Math.min(MAX_BATCH, due);
            publisher.sync().evalsha(sha, ScriptOutputType.INTEGER, new String[0],
                    Integer.toString(batch), Long.toString(firstId + published), "tk:messages:load-");
            published += batch;
        }
        return published;
    }

    private static void phase(String name, PubSubViewModel vm, RedisConnections publisher, String sha, boolean publishing) throws Exception {
        StreamTable.PulseTimes pulsesBefore = callFx(() -> vm.table().pulseTimes());
        long receivedBefore = vm.received();
        long droppedBefore = vm.subscriptions().dropped();
        StallMonitor stalls = StallMonitor.start();
        long start = System.nanoTime();
        long published;
        if (publishing) {
            published = publish(publisher, sha, receivedBefore + droppedBefore + 1, PHASE_SECONDS);
        } else {
            sleep(PHASE_SECONDS * 1000L);
            published = 0;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long received = vm.received() - receivedBefore;
        stalls.stop();
        StreamTable.PulseTimes pulses = callFx(() -> vm.table().pulseTimes());
        long pulseCount = pulses.count() - pulsesBefore.count();
        System.out.printf(Locale.ROOT, "[measure] pubsub ingest, %-7s: published %,7.0f msg/s, received %,7.0f msg/s, dropped %,d; "
                        + "FX worst runLater latency %6.1f ms (%,d of %,d probes over 100 ms); "
                        + "%d pulses, %.1f ms each on average%n",
                name, published / seconds, received / seconds, vm.subscriptions().dropped() - droppedBefore,
                stalls.worstRunLater.get() / 1e6, stalls.over100ms.get(), stalls.probes.get(),
                pulseCount, (pulses.totalNanos() - pulsesBefore.totalNanos()) / 1e6 / Math.max(1, pulseCount));
        waitUntilQuiet(vm); // what is still queued belongs to this phase
    }

    @Test
    void ingestsFiftyThousandMessagesPerSecondWithBoundedMemory() throws Exception {
        waitUntil("connected", Duration.ofSeconds(15), () -> app.window().connection().state() == ConnectionState.CONNECTED);
        onFx(() -> app.window().shell().navigate("pubsub"));
        PubSubPanel panel = (PubSubPanel) app.window().panels().find("pubsub").orElseThrow();
        PubSubViewModel vm = panel.viewModel();
        waitUntil("patterns live", Duration.ofSeconds(15),
                () -> vm.subscriptions().patterns().stream().allMatch(p -> p.state() == PatternState.SUBSCRIBED));

        long heapBefore = usedHeapAfterGc();
        try (RedisConnections publisher = RedisConnections.open(server.settings())) {
            String sha = publisher.sync().scriptLoad(PUBLISH_BATCH);
            phase("idle", vm, publisher, sha, false);
            // The first seconds of traffic also pay for compiling the receiving code (C2 threads
            // take a core): printed apart, so the phases below measure steady ingestion.
            phase("warm-up", vm, publisher, sha, true);
            onFx(() -> vm.table().pausedProperty().set(true));
            phase("frozen", vm, publisher, sha, true);
            onFx(() -> vm.table().pausedProperty().set(false));
            phase("live", vm, publisher, sha, true);
        }
        sleep(600); // a few pulses after the last messages
        int rows = callFx(() -> vm.table().rows().size());
        int buffered = vm.buffered();
        long heapAfter = usedHeapAfterGc();
        StreamTable.PulseTimes pulses = callFx(() -> vm.table().pulseTimes());
        System.out.printf(Locale.ROOT, "[measure] pubsub ingest: buffer %,d of %,d messages, table rows %,d; worst pulse %.1f ms; "
                        + "heap used after GC %,d MiB before and %,d MiB after%n",
                buffered, vm.capacity(), rows, pulses.worstNanos() / 1e6, heapBefore >> 20, heapAfter >> 20);
        System.out.println("[measure] pubsub ingest: status line \"" + callFx(() -> vm.table().statusProperty().get()) + "\"");

        assertThat(buffered).as("the buffer stays within its capacity").isLessThanOrEqualTo(vm.capacity());
        assertThat(rows).as("the table holds no more than the buffer, and shows messages").isLessThanOrEqualTo(vm.capacity()).isPositive();
        assertThat(vm.received()).as("the stream received messages").isPositive();
    }

    /** Waits (bounded) until the received count stops moving. */
    private static void waitUntilQuiet(PubSubViewModel vm) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        long last = -1;
        while (System.nanoTime() < deadline) {
            long seen = vm.received() + vm.subscriptions().dropped();
            if (seen == last) {
                return;
            }
            last = seen;
            sleep(250);
        }
    }

    private static long usedHeapAfterGc() {
        Runtime rt = Runtime.getRuntime();
        System.gc();
        return rt.totalMemory() - rt.freeMemory();
    }
}
