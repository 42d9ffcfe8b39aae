package io.trackeep.dashboard.service.health;

import io.trackeep.dashboard.service.health.Alert.Severity;
import io.trackeep.dashboard.service.redis.RedisAccessException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The alert rules as a pure function, on reports built from INFO text. */
class AlertRulesTest {

    private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
    private static final Instant T1 = T0.plusSeconds(60);
    private static final AlertThresholds DEFAULTS = AlertThresholds.DEFAULTS;

    @Test
    void defaultsAreTheDesignValues() {
        assertThat(DEFAULTS).isEqualTo(new AlertThresholds(0.80, 0.80, 0.90, Duration.ofMillis(10), Duration.ofSeconds(1), 100));
        assertThatThrownBy(() -> new AlertThresholds(1.2, 0.8, 0.9, Duration.ZERO, Duration.ZERO, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AlertThresholds(0.8, Double.NaN, 0.9, Duration.ZERO, Duration.ZERO, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AlertThresholds(0.8, 0.8, 0.9, Duration.ofMillis(-1), Duration.ZERO, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AlertThresholds(0.8, 0.8, 0.9, Duration.ZERO, null, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AlertThresholds(0.8, 0.8, 0.9, Duration.ZERO, Duration.ZERO, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aHealthyServerRaisesNothing() {
        HealthReport healthy = up(T0, "used_memory:100", "maxmemory:1000", "keyspace_hits:95", "keyspace_misses:5",
                "connected_clients:10", "maxclients:100", "rdb_last_bgsave_status:ok", "aof_last_write_status:ok",
                "role:master", "slave0:ip=10.0.0.2,port=6380,state=online,offset=5,lag=1", "evicted_keys:0");
        assertThat(AlertRules.evaluate(healthy, null, DEFAULTS)).isEmpty();
    }

    @Test
    void capturedMasterInfoIsHealthyItsTwoLookupsAreTooFewForAHitRate() throws IOException {
        HealthReport report = new HealthReport(HealthStatus.UP, T0, 50L,
                InfoParser.parse(InfoParserTest.resource("info-redis-6.2-master.txt")), List.of(), null);
        assertThat(AlertRules.evaluate(report, null, DEFAULTS)).isEmpty();
    }

    @Test
    void hitRateNeedsEnoughLookupsInTheWindow() {
        assertThat(rules(up(T0, "keyspace_hits:1", "keyspace_misses:98"))).as("99 lookups").isEmpty();
        assertThat(rules(up(T0, "keyspace_hits:1", "keyspace_misses:99"))).extracting(Alert::rule)
                .containsExactly(AlertRules.HIT_RATE);
    }

    @Test
    void downReportIsOneCriticalAlertWithTheReason() {
        HealthReport down = new HealthReport(HealthStatus.DOWN, T0, null, null, null,
                new HealthProblem(RedisAccessException.Kind.AUTH_FAILED, "PING: authentication failed (WRONGPASS)"));
        assertThat(AlertRules.evaluate(down, null, DEFAULTS)).containsExactly(
                new Alert(AlertRules.DOWN, Severity.CRITICAL, "Redis is down: PING: authentication failed (WRONGPASS)"));
        HealthReport partial = new HealthReport(HealthStatus.PARTIAL, T0, 10L, null, null,
                new HealthProblem(RedisAccessException.Kind.AUTH_FAILED, "INFO denied"));
        assertThat(AlertRules.evaluate(partial, null, DEFAULTS)).isEmpty();
    }

    @Test
    void memory() {
        assertThat(rules(up(T0, "used_memory:850", "maxmemory:1000", "maxmemory_policy:allkeys-lru")))
                .containsExactly(new Alert(AlertRules.MEMORY, Severity.WARNING,
                        "Memory at 85 % of maxmemory (850 B of 1000 B, policy allkeys-lru); threshold 80 %"));
        assertThat(rules(up(T0, "used_memory:960", "maxmemory:1000"))).extracting(Alert::severity).containsExactly(Severity.CRITICAL);
        assertThat(rules(up(T0, "used_memory:800", "maxmemory:1000"))).as("at, not above").isEmpty();
        assertThat(rules(up(T0, "used_memory:999999", "maxmemory:0"))).as("no limit").isEmpty();
        assertThat(rules(up(T0, "used_memory:999999"))).as("maxmemory unknown").isEmpty();
        AlertThresholds relaxed = new AlertThresholds(0.9, 0.8, 0.9, Duration.ofMillis(10), Duration.ofSeconds(1), 100);
        assertThat(AlertRules.evaluate(up(T0, "used_memory:850", "maxmemory:1000"), null, relaxed)).isEmpty();
        assertThat(AlertRules.bytes(3L * 1024 * 1024 * 1024 / 2)).isEqualTo("1.5 GiB");
    }

    @Test
    void hitRateUsesTheLookupsSinceThePreviousReport() {
        HealthReport before = up(T0, "keyspace_hits:9900", "keyspace_misses:100");
        HealthReport now = up(T1, "keyspace_hits:9910", "keyspace_misses:190"); // 10 hits, 90 misses since
        assertThat(AlertRules.evaluate(now, before, DEFAULTS)).containsExactly(new Alert(AlertRules.HIT_RATE, Severity.CRITICAL,
                "Keyspace hit rate 10 % over the last 60 s (10 hits, 90 misses, this dashboard's own reads left out); threshold 80 %"));
        assertThat(rules(now)).as("without a previous report: 98 % since start").isEmpty();

        HealthReport idle = up(T1, "keyspace_hits:9900", "keyspace_misses:100");
        HealthReport badSinceStart = up(T0, "keyspace_hits:1", "keyspace_misses:99");
        assertThat(AlertRules.evaluate(up(T1, "keyspace_hits:1", "keyspace_misses:99"), badSinceStart, DEFAULTS))
                .as("no lookups since the last check").isEmpty();
        assertThat(AlertRules.evaluate(idle, before, DEFAULTS)).isEmpty();
        assertThat(rules(up(T0, "keyspace_hits:0", "keyspace_misses:0"))).as("no traffic at all").isEmpty();
        assertThat(rules(up(T0, "keyspace_hits:70", "keyspace_misses:30"))).extracting(Alert::severity).containsExactly(Severity.WARNING);

        HealthReport otherRun = up(T0, "run_id:run0", "keyspace_hits:1000000", "keyspace_misses:0");
        assertThat(AlertRules.evaluate(up(T1, "keyspace_hits:10", "keyspace_misses:90"), otherRun, DEFAULTS))
                .as("restarted server: counters of the old run are not subtracted")
                .extracting(Alert::message).containsExactly("Keyspace hit rate 10 % since the server started (10 hits, 90 misses); threshold 80 %");
    }

    @Test
    void clients() {
        assertThat(rules(up(T0, "connected_clients:95", "maxclients:100"))).containsExactly(new Alert(AlertRules.CLIENTS,
                Severity.WARNING, "95 clients connected, 95 % of maxclients 100; threshold 90 %"));
        assertThat(rules(up(T0, "connected_clients:100", "maxclients:100"))).extracting(Alert::severity).containsExactly(Severity.CRITICAL);
        assertThat(rules(up(T0, "connected_clients:90", "maxclients:100"))).isEmpty();
        assertThat(rules(up(T0, "connected_clients:100000"))).as("maxclients unknown").isEmpty();
        HealthReport before = up(T0, "connected_clients:10", "maxclients:100", "rejected_connections:5");
        HealthReport now = up(T1, "connected_clients:10", "maxclients:100", "rejected_connections:8");
        assertThat(AlertRules.evaluate(now, before, DEFAULTS)).containsExactly(new Alert(AlertRules.CLIENTS, Severity.CRITICAL,
                "3 connections rejected since the last check: maxclients (100) reached; 10 clients connected"));
    }

    @Test
    void slowLogOnlyNewEntriesAboveTheThreshold() {
        SlowLogEntry old = slow(7, T0.minusSeconds(5), 500);
        SlowLogEntry fast = slow(8, T0.plusSeconds(30), 9);
        SlowLogEntry slowOne = slow(9, T0.plusSeconds(40), 25);
        HealthReport before = up(T0, List.of(old), "run_id:r");
        HealthReport now = up(T1, List.of(slowOne, fast, old), "run_id:r");

        assertThat(AlertRules.evaluate(now, before, DEFAULTS)).containsExactly(new Alert(AlertRules.SLOWLOG, Severity.WARNING,
                "1 command slower than 10 ms since the last check; slowest 25 ms (HGETALL)"));
        assertThat(AlertRules.evaluate(up(T1, List.of(fast, old), "run_id:r"), before, DEFAULTS)).isEmpty();

        HealthReport critical = up(T1, List.of(slow(10, T1, 150), slowOne), "run_id:r");
        assertThat(AlertRules.evaluate(critical, before, DEFAULTS)).extracting(Alert::severity, Alert::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Severity.CRITICAL,
                        "2 commands slower than 10 ms since the last check; slowest 150 ms (HGETALL)"));
    }

    @Test
    void slowLogWithoutPreviousReportLooksAtTheLastMinuteOfServerTime() {
        Instant serverNow = Instant.parse("2026-11-27T12:00:00Z"); // the server clock differs from the workstation's
        String serverTime = "server_time_usec:" + serverNow.toEpochMilli() * 1000;
        HealthReport recent = up(T0, List.of(slow(3, serverNow.minusSeconds(30), 20)), serverTime);
        HealthReport stale = up(T0, List.of(slow(3, serverNow.minusSeconds(600), 20)), serverTime);
        assertThat(rules(recent)).extracting(Alert::message)
                .containsExactly("1 command slower than 10 ms in the last minute; slowest 20 ms (HGETALL)");
        assertThat(rules(stale)).isEmpty();
    }

    @Test
    void replication() {
        assertThat(rules(up(T0, "role:master", "slave0:ip=10.0.0.2,port=6380,state=online,offset=5,lag=0",
                "slave1:ip=10.0.0.3,port=6380,state=online,offset=5,lag=3")))
                .containsExactly(new Alert(AlertRules.REPLICATION_LAG, Severity.WARNING,
                        "Replica 10.0.0.3:6380 lags 3 s behind (state online); threshold 1 s"));
        assertThat(rules(up(T0, "role:master", "slave0:ip=10.0.0.2,port=6380,state=online,offset=5,lag=11")))
                .extracting(Alert::severity).containsExactly(Severity.CRITICAL);
        assertThat(rules(up(T0, "role:master", "slave0:ip=10.0.0.2,port=6380,state=online,offset=5,lag=1"))).isEmpty();
        assertThat(rules(up(T0, "role:slave", "master_host:10.0.0.1", "master_port:6379", "master_link_status:up",
                "master_last_io_seconds_ago:8"))).as("an idle master pings every 10 s: not a lag").isEmpty();
        assertThat(rules(up(T0, "role:slave", "master_host:10.0.0.1", "master_port:6379", "master_link_status:down",
                "master_last_io_seconds_ago:-1", "master_link_down_since_seconds:42")))
                .containsExactly(new Alert(AlertRules.REPLICATION_LAG, Severity.CRITICAL,
                        "This replica lost the link to its master 10.0.0.1:6379 for 42 s"));
    }

    @Test
    void evictionsPerMinuteNeedTwoReports() {
        HealthReport before = up(T0, "evicted_keys:1000");
        assertThat(AlertRules.evaluate(up(T0.plusSeconds(30), "evicted_keys:1150"), before, DEFAULTS))
                .containsExactly(new Alert(AlertRules.EVICTIONS, Severity.WARNING,
                        "300 keys evicted per minute (150 in 30.0 s); threshold 100 per minute"));
        assertThat(AlertRules.evaluate(up(T1, "evicted_keys:1100"), before, DEFAULTS)).as("exactly 100/min").isEmpty();
        assertThat(AlertRules.evaluate(up(T1, "evicted_keys:3000"), before, DEFAULTS))
                .extracting(Alert::severity).containsExactly(Severity.CRITICAL);
        assertThat(rules(up(T1, "evicted_keys:999999"))).as("one report gives no rate").isEmpty();
        assertThat(AlertRules.evaluate(up(T1, "evicted_keys:10"), before, DEFAULTS)).as("counter reset").isEmpty();
        assertThat(AlertRules.evaluate(up(T0, "evicted_keys:5000"), before, DEFAULTS)).as("same instant").isEmpty();
        assertThat(AlertRules.evaluate(before, up(T1, "evicted_keys:0"), DEFAULTS)).as("previous is newer").isEmpty();
    }

    @Test
    void failingPersistenceIsCritical() {
        assertThat(rules(up(T0, "rdb_last_bgsave_status:err", "aof_last_write_status:ok")))
                .containsExactly(new Alert(AlertRules.PERSISTENCE, Severity.CRITICAL,
                        "Persistence is failing (last RDB save err, last AOF write ok, last AOF rewrite unknown); Redis may refuse writes"));
    }

    @Test
    void severalRulesFireInRuleOrder() {
        HealthReport report = up(T0, "used_memory:990", "maxmemory:1000", "keyspace_hits:10", "keyspace_misses:90",
                "connected_clients:99", "maxclients:100", "rdb_last_bgsave_status:err");
        assertThat(rules(report)).extracting(Alert::rule)
                .containsExactly(AlertRules.MEMORY, AlertRules.HIT_RATE, AlertRules.CLIENTS, AlertRules.PERSISTENCE);
    }

    private static List<Alert> rules(HealthReport report) {
        return AlertRules.evaluate(report, null, DEFAULTS);
    }

    private static HealthReport up(Instant at, String... fields) {
        return up(at, List.of(), fields);
    }

    /** A report whose INFO holds {@code fields}, from run {@code run1} unless a run_id field says otherwise. */
    private static HealthReport up(Instant at, List<SlowLogEntry> slowLog, String... fields) {
        boolean hasRunId = java.util.Arrays.stream(fields).anyMatch(f -> f.startsWith("run_id:"));
        String text = (hasRunId ? "" : "run_id:run1\r\n") + String.join("\r\n", fields) + "\r\n";
        return new HealthReport(HealthStatus.UP, at, 100L, InfoParser.parse(text), slowLog, null);
    }

    private static SlowLogEntry slow(long id, Instant at, long millis) {
        return new SlowLogEntry(id, at, Duration.ofMillis(millis), List.of("hgetall", "tk:x"), "10.0.0.9:5000", null);
    }
}
