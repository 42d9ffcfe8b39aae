package io.trackeep.dashboard.ui.overview;

import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.service.health.AlertRules;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.testing.LivePanelTestSupport;
import io.trackeep.dashboard.ui.panel.StandardPanels;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard does not change what it measures: with every panel refreshing as fast as it may,
 * its own reads (thousands of keyspace lookups, most of them misses of per-minute counters that do
 * not exist) move neither the hit rate it shows nor its alerts.
 */
class OwnReadsHitRateTest extends LivePanelTestSupport {

    private static final Duration PER_PANEL = Duration.ofSeconds(2);

    @Test
    void anIdleRedisWatchedByEveryPanelShowsNoLookupsAndNoAlert(RedisServerProcess server, RedisConnections redis) {
        redis.sync().set("tk:session:only", "{\"user_id\":1}");
        openWindow(server, false);
        long before = lookups(redis);

        visitEveryPanel();

        long byTheDashboard = lookups(redis) - before;
        assertThat(byTheDashboard).as("lookups the dashboard itself caused (enough for an alert if counted)")
                .isGreaterThan(AlertRules.MIN_LOOKUPS_FOR_HIT_RATE);
        OverviewViewModel vm = overview();
        waitUntil("the hit rate over a window with the dashboard's reads", Duration.ofSeconds(15),
                () -> callFx(() -> vm.figure("hit-rate").valueProperty().get()).equals("no lookups"));
        assertThat(callFx(() -> vm.alerts().stream().map(a -> a.rule()).toList())).doesNotContain(AlertRules.HIT_RATE);
        assertThat(callFx(() -> vm.trend("hit-rate").points())).isEmpty();
        assertThat(callFx(() -> vm.figure("ops").detailProperty().get())).contains("/s from this dashboard");
    }

    @Test
    void aKnownHitRatioShowsWithinOnePointWhileEveryPanelRefreshes(RedisServerProcess server, RedisConnections redis)
            throws Exception {
        redis.sync().set("present", "v");
        openWindow(server, false);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong generated = new AtomicLong();
        // the application: exactly 7 hits and 3 misses in every ten lookups, about 300 a second
        Thread load = new Thread(() -> {
            try (RedisConnections app = RedisConnections.open(server.settings())) {
                while (running.get()) {
                    for (int i = 0; i < 10; i++) {
                        app.async().get(i < 7 ? "present" : "absent");
                    }
                    app.sync().ping();
                    generated.addAndGet(10);
                    Thread.sleep(30);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "load-generator");
        load.start();
        long before = lookups(redis);
        try {
            visitEveryPanel();
            OverviewViewModel vm = overview();
            waitUntil("a hit rate figure", Duration.ofSeconds(15), () -> !callFx(() -> vm.trend("hit-rate").points()).isEmpty());
            String shown = callFx(() -> vm.figure("hit-rate").valueProperty().get());
            double percent = Double.parseDouble(shown.replace("%", "").replace(',', '.').strip());
            assertThat(percent).as("hit rate shown: %s", shown).isBetween(69.0, 71.0);
        } finally {
            running.set(false);
            load.join(10_000);
        }
        long byTheDashboard = lookups(redis) - before - generated.get();
        // the dashboard's own lookups were large enough to move the figure by more than a point had they counted
        assertThat(byTheDashboard * 100.0 / (generated.get() + byTheDashboard)).isGreaterThan(3);
    }

    private void visitEveryPanel() {
        onFx(() -> window.shell().refreshIntervalProperty().set(Duration.ofMillis(250)));
        for (var spec : StandardPanels.ALL) {
            show(spec.id());
            sleep(PER_PANEL.toMillis()); // let the panel refresh a dozen times
        }
        show(StandardPanels.OVERVIEW.id());
    }

    private OverviewViewModel overview() {
        return ((OverviewPanel) window.panels().find("overview").orElseThrow()).viewModel();
    }

    private static long lookups(RedisConnections redis) {
        long total = 0;
        for (String line : redis.sync().info("stats").split("\r?\n")) {
            if (line.startsWith("keyspace_hits:") || line.startsWith("keyspace_misses:")) {
                total += Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
            }
        }
        return total;
    }
}
