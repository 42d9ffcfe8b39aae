package io.trackeep.dashboard.ui.overview;

import io.trackeep.dashboard.monitor.census.CensusSnapshot;
import io.trackeep.dashboard.monitor.census.KeyKind;
import io.trackeep.dashboard.monitor.overview.RecentRates;
import io.trackeep.dashboard.monitor.overview.ServerSnapshot;
import io.trackeep.dashboard.service.health.Alert;
import io.trackeep.dashboard.service.health.AlertThresholds;
import io.trackeep.dashboard.service.health.HealthProblem;
import io.trackeep.dashboard.service.health.HealthReport;
import io.trackeep.dashboard.service.health.HealthStatus;
import io.trackeep.dashboard.service.health.InfoParser;
import io.trackeep.dashboard.service.health.KeyspaceLookups;
import io.trackeep.dashboard.service.health.RedisInfo;
import io.trackeep.dashboard.service.redis.RedisAccessException;
import io.trackeep.dashboard.ui.kit.Figure;
import io.trackeep.dashboard.ui.kit.Trend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The Overview's view model without a window: figures, levels, alerts, bounded trends, census. */
class OverviewViewModelTest {

    private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
    private static Locale before;

    @BeforeAll
    static void usLocale() {
        before = Locale.getDefault();
        Locale.setDefault(Locale.US);
    }

    @AfterAll
    static void restoreLocale() {
        Locale.setDefault(before);
    }

    private static final String INFO = """
            # Server
            redis_version:6.2.14
            redis_mode:standalone
            uptime_in_seconds:7200
            run_id:abc
            # Clients
            connected_clients:42
            blocked_clients:0
            maxclients:10000
            # Memory
            used_memory:%d
            maxmemory:%d
            maxmemory_policy:noeviction
            # Persistence
            loading:0
            rdb_changes_since_last_save:12
            rdb_bgsave_in_progress:0
            rdb_last_save_time:1795600000
            rdb_last_bgsave_status:ok
            aof_enabled:0
            aof_last_write_status:ok
            # Stats
            instantaneous_ops_per_sec:1234
            keyspace_hits:900
            keyspace_misses:100
            expired_keys:5
            evicted_keys:0
            instantaneous_input_kbps:1.5
            instantaneous_output_kbps:3.0
            # Replication
            role:master
            connected_slaves:0
            # Keyspace
            db0:keys=1500,expires=300,avg_ttl=1000
            """;

    private static ServerSnapshot up(Instant at, long used, long max, List<Alert> alerts, Double recentHitRate) {
        return up(at, used, max, alerts, recentHitRate, "3600 1 300 100");
    }

    private static ServerSnapshot up(Instant at, long used, long max, List<Alert> alerts, Double recentHitRate, String save) {
        RedisInfo info = InfoParser.parse(INFO.formatted(used, max));
        info = info.withPersistence(info.persistence().withSaveSchedule(save));
        HealthReport r = new HealthReport(HealthStatus.UP, at, 420L, info, List.of(), null);
        RecentRates recent = recentHitRate == null ? RecentRates.NONE
                : new RecentRates(Duration.ofSeconds(60), new KeyspaceLookups(Math.round(recentHitRate * 1000),
                        Math.round((1 - recentHitRate) * 1000), true, Duration.ofSeconds(60)), 0.0, 0.5, null);
        return ServerSnapshot.of(r, alerts, recent);
    }

    private static OverviewUpdate update(ServerSnapshot s) {
        return new OverviewUpdate(s, null, null);
    }

    @Test
    void persistenceSaysNoneWithoutSavePointsOrAofAndUnknownWhenTheScheduleCannotBeRead() {
        OverviewViewModel vm = new OverviewViewModel();
        vm.apply(update(up(T0, 12 * 1024 * 1024, 0, List.of(), 0.95, "")));
        assertThat(vm.figure("persistence").text()).as("save \"\" and no AOF: nothing is saved").isEqualTo("None");
        assertThat(vm.figure("persistence").detailProperty().get()).doesNotContain("saved");
        vm.apply(update(up(T0.plusSeconds(1), 12 * 1024 * 1024, 0, List.of(), 0.95, null)));
        assertThat(vm.figure("persistence").text()).as("CONFIG refused").isEqualTo("Unknown");
    }

    @Test
    void aLiveServerFillsEveryFigure() {
        OverviewViewModel vm = new OverviewViewModel();
        vm.apply(update(up(T0, 12 * 1024 * 1024, 0, List.of(), 0.95)));

        assertThat(vm.figure("health").text()).isEqualTo("0.42 ms");
        assertThat(vm.figure("health").levelProperty().get()).isEqualTo(Figure.Level.NORMAL);
        assertThat(vm.figure("version").valueProperty().get()).isEqualTo("6.2.14");
        assertThat(vm.figure("version").detailProperty().get()).isEqualTo("standalone mode");
        assertThat(vm.figure("uptime").text()).isEqualTo("2 h");
        assertThat(vm.figure("memory").valueProperty().get()).isEqualTo("12.0");
        assertThat(vm.figure("memory").unitProperty().get()).isEqualTo("MiB");
        assertThat(vm.figure("memory").detailProperty().get()).isEqualTo("no maxmemory set");
        assertThat(vm.memoryFractionProperty().get()).isEqualTo(-1);
        assertThat(vm.figure("ops").text()).isEqualTo("1,234 ops/s");
        assertThat(vm.figure("clients").text()).isEqualTo("42");
        assertThat(vm.figure("clients").detailProperty().get()).isEqualTo("of 10,000 max");
        assertThat(vm.figure("hit-rate").text()).isEqualTo("95%");
        assertThat(vm.figure("hit-rate").detailProperty().get()).isEqualTo("last 1 min · 90% since start");
        assertThat(vm.figure("evictions").text()).isEqualTo("0");
        assertThat(vm.figure("evictions").detailProperty().get()).isEqualTo("0/min · noeviction");
        assertThat(vm.figure("expired").detailProperty().get()).isEqualTo("0.50 keys/s recently");
        assertThat(vm.figure("keys").text()).isEqualTo("1,500");
        assertThat(vm.figure("keys").detailProperty().get()).isEqualTo("300 with a TTL");
        assertThat(vm.figure("persistence").text()).isEqualTo("RDB");
        assertThat(vm.figure("persistence").detailProperty().get()).endsWith("12 changes");

        assertThat(vm.figure("replication").text()).isEqualTo("Master");
        assertThat(vm.figure("replication").detailProperty().get()).isEqualTo("no replicas");
        assertThat(vm.figures()).allSatisfy(f -> assertThat(f.levelProperty().get()).isEqualTo(Figure.Level.NORMAL));

        assertThat(vm.trend("ops").points()).singleElement().satisfies(p -> {
            assertThat(p.getXValue().doubleValue()).isEqualTo(T0.getEpochSecond());
            assertThat(p.getYValue().doubleValue()).isEqualTo(1234);
        });
        assertThat(vm.trend("memory").points().get(0).getYValue().doubleValue()).isEqualTo(12.0);
        assertThat(vm.trend("hit-rate").points().get(0).getYValue().doubleValue()).isEqualTo(95.0);
        assertThat(vm.trend("clients").points().get(0).getYValue().doubleValue()).isEqualTo(42);
        assertThat(vm.alerts()).isEmpty();
        assertThat(vm.alertCountProperty().get()).isZero();
        assertThat(vm.checkedAtProperty().get()).isEqualTo(T0);
    }

    @Test
    void alertsAreListedCountedAndColourTheirFigure() {
        OverviewViewModel vm = new OverviewViewModel();
        Alert memory = new Alert("memory", Alert.Severity.WARNING, "Memory at 88 % of maxmemory");
        Alert slow = new Alert("slowlog", Alert.Severity.CRITICAL, "1 command slower than 10 ms");
        vm.apply(update(up(T0, 880, 1000, List.of(memory, slow), null)));

        assertThat(vm.alerts()).containsExactly(memory, slow);
        assertThat(vm.alertCountProperty().get()).isEqualTo(2);
        assertThat(vm.figure("memory").levelProperty().get()).isEqualTo(Figure.Level.WARNING);
        assertThat(vm.figure("memory").detailProperty().get()).isEqualTo("88% of 1000 B");
        assertThat(vm.memoryFractionProperty().get()).isEqualTo(0.88);
        assertThat(vm.figure("health").levelProperty().get()).isEqualTo(Figure.Level.CRITICAL);
        assertThat(vm.figure("health").detailProperty().get()).contains("slow commands");
        assertThat(vm.figure("hit-rate").text()).as("without a recent rate: since start").isEqualTo("90%");

        vm.apply(update(up(T0.plusSeconds(1), 500, 1000, List.of(), null)));
        assertThat(vm.alertCountProperty().get()).isZero();
        assertThat(vm.figure("memory").levelProperty().get()).isEqualTo(Figure.Level.NORMAL);
    }

    @Test
    void downKeepsTheLastFiguresSaysWhyAndAddsNoPoint() {
        OverviewViewModel vm = new OverviewViewModel();
        vm.apply(update(up(T0, 1024, 0, List.of(), null)));
        HealthReport down = new HealthReport(HealthStatus.DOWN, T0.plusSeconds(1), null, null, List.of(),
                new HealthProblem(RedisAccessException.Kind.UNREACHABLE, "PING: Redis is unreachable (Connection refused)"));
        Alert downAlert = new Alert("down", Alert.Severity.CRITICAL, "Redis is down: PING: Redis is unreachable");

        vm.apply(update(ServerSnapshot.of(down, List.of(downAlert), RecentRates.NONE)));

        assertThat(vm.figure("health").text()).isEqualTo("Down");
        assertThat(vm.figure("health").detailProperty().get()).contains("Connection refused");
        assertThat(vm.figure("health").levelProperty().get()).isEqualTo(Figure.Level.CRITICAL);
        assertThat(vm.figure("version").text()).as("last known").isEqualTo("6.2.14");
        assertThat(vm.trend("memory").points()).hasSize(1);
        assertThat(vm.alerts()).containsExactly(downAlert);
    }

    @Test
    void partialMeansNoFiguresForThisUser() {
        OverviewViewModel vm = new OverviewViewModel();
        HealthReport partial = new HealthReport(HealthStatus.PARTIAL, T0, 300L, null, List.of(),
                new HealthProblem(RedisAccessException.Kind.NOT_PERMITTED, "INFO: NOPERM"));
        vm.apply(update(ServerSnapshot.of(partial, List.of(), RecentRates.NONE)));
        assertThat(vm.figure("health").levelProperty().get()).isEqualTo(Figure.Level.WARNING);
        assertThat(vm.figure("memory").text()).isEqualTo(Figure.UNKNOWN_VALUE);
        assertThat(vm.figure("memory").detailProperty().get()).isEqualTo("INFO not permitted for this user");
    }

    @Test
    void trendsKeepFifteenMinutesAndTheWindowFollows() {
        OverviewViewModel vm = new OverviewViewModel();
        vm.apply(update(up(T0, 1024, 0, List.of(), null)));
        assertThat(vm.windowEndProperty().get() - vm.windowStartProperty().get())
                .as("at least a minute").isEqualTo(OverviewViewModel.MIN_SPAN.toSeconds());
        for (int s = 1; s <= 20 * 60; s++) {
            vm.apply(update(up(T0.plusSeconds(s), 1024, 0, List.of(), null)));
            if (s == 120) {
                assertThat(vm.windowStartProperty().get()).as("from the first point").isEqualTo(T0.getEpochSecond());
            }
        }
        double end = T0.plusSeconds(1200).getEpochSecond();
        assertThat(vm.windowEndProperty().get()).isEqualTo(end);
        assertThat(vm.windowStartProperty().get()).isEqualTo(end - 900);
        assertThat(vm.trend("ops").points()).hasSize(901);
        assertThat(vm.trend("ops").points().get(0).getXValue().doubleValue()).isEqualTo(end - 900);

        vm.clear();
        assertThat(vm.trend("ops").points()).isEmpty();
        assertThat(vm.figure("version").text()).isEqualTo(Figure.UNKNOWN_VALUE);
    }

    @Test
    void aTrendNeverHoldsMoreThanItsCap() {
        Trend t = new Trend("x", "X", "u", 100);
        for (int i = 0; i < 1000; i++) {
            t.add(i, i, 0);
        }
        assertThat(t.points()).hasSize(100);
        assertThat(t.points().get(0).getXValue().intValue()).isEqualTo(900);
    }

    @Test
    void censusFiguresAndProgress() {
        OverviewViewModel vm = new OverviewViewModel();
        assertThat(vm.censusStatusProperty().get()).isEqualTo("waiting for the first count…");
        CensusSnapshot running = new CensusSnapshot(T0, null, 450, 1000,
                Map.of(KeyKind.SESSION, 1234L, KeyKind.RATE_LIMIT, 56L, KeyKind.RESPONSE_CACHE, 700L,
                        KeyKind.SEARCH_CACHE, 80L, KeyKind.ANALYTICS_CACHE, 9L, KeyKind.LEADERBOARD, 3L), Map.of(), Set.of());
        vm.apply(new OverviewUpdate(up(T0, 1, 0, List.of(), null), running, null));
        assertThat(vm.sessionsProperty().get()).isEqualTo("1,234");
        assertThat(vm.limiterKeysProperty().get()).isEqualTo("56");
        assertThat(vm.cacheKeysProperty().get()).isEqualTo("789");
        assertThat(vm.leaderboardsProperty().get()).isEqualTo("3");
        assertThat(vm.censusStatusProperty().get()).isEqualTo("scanning… 45 %");

        vm.apply(new OverviewUpdate(up(T0.plusSeconds(1), 1, 0, List.of(), null), null, null));
        assertThat(vm.sessionsProperty().get()).as("kept while the census is not advanced").isEqualTo("1,234");

        vm.apply(new OverviewUpdate(up(T0.plusSeconds(2), 1, 0, List.of(), null), null, "not counted: SCAN not permitted"));
        assertThat(vm.censusStatusProperty().get()).isEqualTo("not counted: SCAN not permitted");
    }

    @Test
    void theQuietTextNamesTheThresholdsInForce() {
        OverviewViewModel vm = new OverviewViewModel();
        assertThat(vm.quietTextProperty().get()).contains("memory passes 80% of maxmemory", "hit rate falls below 80%",
                "longer than 10.0 ms", "more than 100 keys are evicted");
        vm.thresholdsProperty().set(new AlertThresholds(0.5, 0.9, 0.9, Duration.ofMillis(25), Duration.ofSeconds(2), 7));
        assertThat(vm.quietTextProperty().get()).contains("memory passes 50% of maxmemory", "below 90%", "25.0 ms",
                "more than 2 s", "more than 7 keys");
    }

    @Test
    void figuresSplitNumberAndUnit() {
        Figure f = new Figure("x", "X", "explained");
        f.show("12.3 MiB", "d", Figure.Level.NORMAL);
        assertThat(List.of(f.valueProperty().get(), f.unitProperty().get())).containsExactly("12.3", "MiB");
        f.show("87.5%", "d", null);
        assertThat(List.of(f.valueProperty().get(), f.unitProperty().get(), f.text())).containsExactly("87.5", "%", "87.5%");
        f.show("3 d 4 h", "d", Figure.Level.NORMAL);
        assertThat(List.of(f.valueProperty().get(), f.unitProperty().get())).containsExactly("3 d 4 h", "");
        f.show("1,234 ops/s", "d", Figure.Level.NORMAL);
        assertThat(f.text()).isEqualTo("1,234 ops/s");
        f.unknown("why");
        assertThat(List.of(f.valueProperty().get(), f.detailProperty().get())).containsExactly(Figure.UNKNOWN_VALUE, "why");
        assertThat(f.levelProperty().get()).isEqualTo(Figure.Level.UNKNOWN);
    }
}
