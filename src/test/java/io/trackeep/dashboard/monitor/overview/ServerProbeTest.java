package io.trackeep.dashboard.monitor.overview;

import com.fasterxml.jackson.databind.JsonNode;
import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.service.health.Alert;
import io.trackeep.dashboard.service.health.AlertRules;
import io.trackeep.dashboard.service.health.AlertThresholds;
import io.trackeep.dashboard.service.health.HealthStatus;
import io.trackeep.dashboard.service.json.Json;
import io.trackeep.dashboard.service.redis.RedisAccessException;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.monitor.topology.DeploymentTracker;
import io.trackeep.dashboard.testing.MutableClock;
import io.trackeep.dashboard.testing.RedisServerExtension;
import io.trackeep.dashboard.testing.WaitFor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(RedisServerExtension.class)
class ServerProbeTest {

    /** About 2 MiB of values, so memory figures move clearly. */
    static void fillMemory(RedisConnections redis, int keys) {
        String value = "x".repeat(4096);
        for (int i = 0; i < keys; i += 100) {
            java.util.Map<String, String> batch = new java.util.HashMap<>();
            for (int j = i; j < Math.min(keys, i + 100); j++) {
                batch.put("fill:" + j, value);
            }
            redis.sync().mset(batch);
        }
    }

    static long usedMemory(RedisConnections redis) {
        return redis.sync().info("memory").lines().filter(l -> l.startsWith("used_memory:"))
                .map(l -> Long.parseLong(l.substring("used_memory:".length()).strip())).findFirst().orElseThrow();
    }

    @Test
    void figuresOfALiveServerAndExactlyTheNineJsonFields(RedisConnections redis) {
        ServerSnapshot s = new ServerProbe(AlertThresholds.DEFAULTS).collect(redis);

        assertThat(s.status()).isEqualTo(HealthStatus.UP);
        assertThat(s.version()).startsWith("6.");
        assertThat(s.usedMemoryBytes()).isPositive();
        assertThat(s.maxMemoryBytes()).isNotNull();
        assertThat(s.connectedClients()).isGreaterThanOrEqualTo(1);
        assertThat(s.opsPerSec()).isNotNull();
        assertThat(s.keyspaceHits()).isNotNull();
        assertThat(s.keyspaceMisses()).isNotNull();
        assertThat(s.evictedKeys()).isZero();
        assertThat(s.pingMicros()).isPositive().isLessThan(1_000_000);
        assertThat(s.info().server().mode()).isEqualTo("standalone");
        assertThat(s.recent()).isEqualTo(RecentRates.NONE);

        long start = System.nanoTime();
        ServerProbe probe = new ServerProbe(AlertThresholds.DEFAULTS);
        for (int i = 0; i < 50; i++) {
            probe.collect(redis);
        }
        System.out.printf("[measure] ServerProbe.collect on loopback: %.2f ms per refresh (50 calls)%n",
                (System.nanoTime() - start) / 50 / 1e6);

        JsonNode json = Json.tree(Json.write(s));
        assertThat(json.fieldNames()).toIterable().containsExactly("version", "usedMemoryBytes", "maxMemoryBytes",
                "connectedClients", "opsPerSec", "keyspaceHits", "keyspaceMisses", "evictedKeys", "pingMicros");
        assertThat(json.get("usedMemoryBytes").asLong()).isEqualTo(s.usedMemoryBytes());
        assertThat(json.get("version").asText()).isEqualTo(s.version());
    }

    @Test
    void memoryAlertWhenUsedMemoryPassesTheThresholdOfMaxmemory(RedisConnections redis) {
        ServerProbe probe = new ServerProbe(AlertThresholds.DEFAULTS);
        assertThat(probe.collect(redis).alerts()).extracting(Alert::rule).doesNotContain(AlertRules.MEMORY);
        fillMemory(redis, 600);
        long used = usedMemory(redis);
        try {
            redis.sync().configSet("maxmemory", Long.toString((long) (used / 0.88))); // about 88 %: above 80 %, below 95 %
            ServerSnapshot warned = probe.collect(redis);
            assertThat(warned.maxMemoryBytes()).isEqualTo((long) (used / 0.88));
            assertThat(warned.alerts()).filteredOn(a -> a.rule().equals(AlertRules.MEMORY)).singleElement()
                    .satisfies(a -> {
                        assertThat(a.severity()).isEqualTo(Alert.Severity.WARNING);
                        assertThat(a.message()).startsWith("Memory at 8").contains("of maxmemory").contains("threshold 80 %");
                    });

            redis.sync().configSet("maxmemory", Long.toString(used)); // full: critical
            assertThat(probe.collect(redis).alerts()).filteredOn(a -> a.rule().equals(AlertRules.MEMORY))
                    .singleElement().extracting(Alert::severity).isEqualTo(Alert.Severity.CRITICAL);

            AtomicReference<AlertThresholds> t = new AtomicReference<>(AlertThresholds.DEFAULTS);
            ServerProbe tolerant = new ServerProbe(t::get, r -> false);
            redis.sync().configSet("maxmemory", Long.toString((long) (used / 0.88)));
            assertThat(tolerant.collect(redis).alerts()).extracting(Alert::rule).contains(AlertRules.MEMORY);
            t.set(new AlertThresholds(0.99, 0.8, 0.9, Duration.ofMillis(10), Duration.ofSeconds(1), 100));
            assertThat(tolerant.collect(redis).alerts()).as("edited thresholds apply at the next collect")
                    .extracting(Alert::rule).doesNotContain(AlertRules.MEMORY);
        } finally {
            redis.sync().configSet("maxmemory", "0");
        }
    }

    @Test
    void recentHitRateAndExpiriesAreMeasuredBetweenChecks(RedisConnections redis) throws Exception {
        redis.sync().set("k", "v");
        MutableClock clock = new MutableClock(Instant.parse("2026-12-06T10:00:00Z"));
        ServerProbe probe = probeOn(clock, false);
        probe.collect(redis);
        for (int i = 0; i < 3; i++) {
            redis.sync().get("k");
        }
        redis.sync().get("missing");
        clock.advance(Duration.ofSeconds(1));

        ServerSnapshot second = probe.collect(redis);

        assertThat(second.recent().window()).isPositive();
        assertThat(second.recent().hitRate()).isEqualTo(0.75);
        assertThat(second.recent().evictedPerMinute()).isZero();
        assertThat(second.recent().expiredPerSecond()).isZero();
    }

    @Test
    void lowHitRateAlertsWithTheFiguresOfTheWindow(RedisConnections redis) throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-06T10:00:00Z"));
        ServerProbe probe = probeOn(clock, false);
        probe.collect(redis);
        redis.sync().set("k", "v");
        redis.sync().get("k");
        for (int i = 0; i < 9; i++) {
            redis.sync().get("missing:" + i);
        }
        for (int i = 0; i < 90; i++) { // enough lookups for a hit rate to mean something (AlertRules.MIN_LOOKUPS_FOR_HIT_RATE)
            redis.sync().get(i % 10 == 0 ? "k" : "missing:" + i);
        }
        clock.advance(Duration.ofSeconds(1));
        assertThat(probe.collect(redis).alerts()).filteredOn(a -> a.rule().equals(AlertRules.HIT_RATE)).singleElement()
                .satisfies(a -> {
                    assertThat(a.severity()).isEqualTo(Alert.Severity.CRITICAL); // 10 % is below half of 80 %
                    assertThat(a.message()).contains("10 %", "over the last ", "10 hits, 90 misses");
                });
    }

    @Test
    void aLocalInstanceJustStartedRaisesNoHitRateAlertForItsColdCaches(RedisConnections redis) throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-06T10:00:00Z"));
        ServerProbe probe = probeOn(clock, true); // this program started it
        probe.collect(redis);
        for (int i = 0; i < 150; i++) {
            redis.sync().get("cold:" + i); // every cache lookup misses at first
        }
        clock.advance(Duration.ofSeconds(1));
        ServerSnapshot s = probe.collect(redis);
        assertThat(s.alerts()).extracting(Alert::rule).doesNotContain(AlertRules.HIT_RATE);
        assertThat(s.warmingUp()).isTrue();
        assertThat(s.recent().hitRate()).as("the figure is still shown").isZero();
    }

    @Test
    void theRdbScheduleIsReadSoThatNoSnapshotsIsNotShownAsSaved(RedisConnections redis) {
        redis.sync().configSet("save", "");
        try {
            ServerSnapshot s = new ServerProbe(AlertThresholds.DEFAULTS).collect(redis);
            assertThat(s.info().persistence().snapshotsOn()).isFalse();
            assertThat(s.info().persistence().aofEnabled()).isFalse();
        } finally {
            redis.sync().configSet("save", "3600 1");
        }
        assertThat(new ServerProbe(AlertThresholds.DEFAULTS).collect(redis).info().persistence().saveSchedule()).isEqualTo("3600 1");
    }

    @Test
    void anUnreachableServerGivesADownSnapshotWithoutFiguresInsteadOfThrowing(RedisServerProcess server, RedisConnections shared) {
        try (RedisConnections redis = RedisConnections.open(server.settings())) {
            ServerProbe probe = new ServerProbe(AlertThresholds.DEFAULTS);
            assertThat(probe.collect(redis).status()).isEqualTo(HealthStatus.UP);
            server.stop();

            ServerSnapshot down = probe.collect(redis);

            assertThat(down.status()).isEqualTo(HealthStatus.DOWN);
            assertThat(down.report().problem().kind()).isIn(RedisAccessException.Kind.UNREACHABLE, RedisAccessException.Kind.TIMEOUT);
            assertThat(down.alerts()).singleElement().satisfies(a -> {
                assertThat(a.rule()).isEqualTo(AlertRules.DOWN);
                assertThat(a.severity()).isEqualTo(Alert.Severity.CRITICAL);
            });
            assertThat(List.of(String.valueOf(down.version()), String.valueOf(down.usedMemoryBytes()), String.valueOf(down.pingMicros())))
                    .containsOnly("null");
            assertThat(Json.write(down)).contains("\"usedMemoryBytes\":null");
        } finally {
            server.restart();
            WaitFor.reconnected(shared);
        }
    }

    @Test
    void anAclUserWithoutSlowlogAndConfigStillGetsTheFigures(RedisServerProcess server, RedisConnections admin) {
        admin.sync().configResetstat(); // hit and miss counters of earlier tests
        admin.sync().aclSetuser("watcher", io.lettuce.core.AclSetuserArgs.Builder.on().addPassword("watch-pw")
                .allKeys().allCommands().removeCommand(io.lettuce.core.protocol.CommandType.CONFIG)
                .removeCommand(io.lettuce.core.protocol.CommandType.SLOWLOG));
        try (RedisConnections watcher = RedisConnections.open(server.settings().withCredentials("watcher", "watch-pw"))) {
            ServerSnapshot s = new ServerProbe(AlertThresholds.DEFAULTS).collect(watcher);
            assertThat(s.status()).isEqualTo(HealthStatus.UP);
            assertThat(s.usedMemoryBytes()).isPositive();
            assertThat(s.report().slowLog()).isEmpty();
            assertThat(s.alerts()).isEmpty();
        } finally {
            admin.sync().aclDeluser("watcher");
        }
    }

    /** A probe whose checks are stamped by {@code clock}, so a test moves time between two of them instead of sleeping. */
    private static ServerProbe probeOn(MutableClock clock, boolean startedHere) {
        return new ServerProbe(() -> AlertThresholds.DEFAULTS, r -> startedHere, new DeploymentTracker(clock));
    }
}
