package io.trackeep.dashboard.monitor.caches;

import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.monitor.census.CensusTracker;
import io.trackeep.dashboard.service.cache.CacheFamily;
import io.trackeep.dashboard.service.cache.CacheKey;
import io.trackeep.dashboard.service.cache.CacheStore;
import io.trackeep.dashboard.service.cache.UsageBudget;
import io.trackeep.dashboard.service.json.Json;
import io.trackeep.dashboard.service.redis.RedisAccessException;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.testing.GoLimitCacheFixtures;
import io.trackeep.dashboard.testing.RedisServerExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(RedisServerExtension.class)
class CachesProbeTest {

    private RedisConnections redis;
    private GoLimitCacheFixtures go;

    @BeforeEach
    void setUp(RedisConnections redis) {
        this.redis = redis;
        this.go = new GoLimitCacheFixtures(redis);
    }

    private void goOnlyEntries() {
        go.responseEntry("/api/tasks", "", null);
        go.responseEntry("/api/tasks", "page=2", 42L);
        go.responseEntry("/api/notes", "", 42L);
        go.searchEntry(42, "q=redis");
        go.searchEntry(7, "q=redis");
        go.analyticsEntry(42, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 31));
    }

    @Test
    void goOnlyEntriesAreCountedAndHitsAreUnknownNotZero() {
        goOnlyEntries();

        CachesSnapshot s = CachesProbe.collectOnce(redis, new CensusTracker());

        assertThat(Json.write(s)).isEqualTo("[{\"family\":\"response\",\"keys\":3,\"hits\":null,\"misses\":null,\"hitRate\":null},"
                + "{\"family\":\"search\",\"keys\":2,\"hits\":null,\"misses\":null,\"hitRate\":null},"
                + "{\"family\":\"analytics\",\"keys\":1,\"hits\":null,\"misses\":null,\"hitRate\":null}]");
        assertThat(s.countersAvailable()).isFalse();
        CacheFamilyStatus response = s.family(CacheFamily.RESPONSE).orElseThrow();
        assertThat(response.keysExact()).isTrue();
        assertThat(response.memoryExact()).isTrue();
        assertThat(response.memoryBytes()).isPositive();
        assertThat(response.perMinute()).hasSize(CachesProbe.HISTORY_MINUTES);
        assertThat(s.keyspaceHits()).as("INFO stats is always there").isNotNull();
    }

    @Test
    void countersOfTheServiceLayerGiveHitsMissesAndRatePerFamily() {
        CacheStore store = new CacheStore(redis);
        CacheKey key = CacheKey.search(redis.keys(), 42, "q=redis");
        store.getOrLoad(key, () -> "{}"); // miss, stored
        store.getOrLoad(key, () -> "{}"); // hit
        store.getOrLoad(key, () -> "{}"); // hit

        CacheFamilyStatus search = waitForCounters().family(CacheFamily.SEARCH).orElseThrow();
        assertThat(search.hits()).isEqualTo(2);
        assertThat(search.misses()).isEqualTo(1);
        assertThat(search.hitRate()).isEqualTo(2 / 3.0);
        assertThat(search.keys()).isEqualTo(1);
        CacheFamilyStatus response = waitForCounters().family(CacheFamily.RESPONSE).orElseThrow();
        assertThat(response.hits()).as("counters exist, so zero is a real zero").isZero();
        assertThat(response.hitRate()).as("no lookups: no rate").isNull();
    }

    private CachesSnapshot waitForCounters() {
        CachesProbe probe = new CachesProbe(new CensusTracker());
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        CachesSnapshot s = probe.collect(redis);
        while (System.nanoTime() < deadline && !Long.valueOf(2).equals(s.family(CacheFamily.SEARCH).orElseThrow().hits())) {
            s = probe.collect(redis); // counters are sent without waiting for their reply
        }
        return s;
    }

    @Test
    void onAKeyspaceTooLargeForTheBudgetTheCensusCountIsUsedAndMarkedApproximate() {
        // Mostly cache entries, so the one SCAN call of COUNT 10 meets some to sample (all 10 being
        // other keys has odds of about 1e-10), but cannot reach the end of the keyspace.
        for (int i = 0; i < 400; i++) {
            go.searchEntry(i, "q");
        }
        for (int i = 0; i < 40; i++) {
            redis.sync().set("other:" + i, "x");
        }
        CensusTracker census = new CensusTracker();
        census.complete(redis, 100);
        CachesProbe probe = new CachesProbe(census, new UsageBudget(10, 1, 5), Duration.ZERO);

        CacheFamilyStatus search = probe.collect(redis).family(CacheFamily.SEARCH).orElseThrow();

        assertThat(search.keys()).isEqualTo(400);
        assertThat(search.keysExact()).isFalse();
        assertThat(search.memoryExact()).isFalse();
        assertThat(search.memoryBytes()).as("sample mean times the census count").isGreaterThan(400L * 10);
    }

    @Test
    void entriesAreMeasuredAgainOnRequestAfterAnInvalidation() {
        String entry = go.searchEntry(1, "q");
        CachesProbe probe = new CachesProbe(new CensusTracker(), CachesProbe.WINDOW_BUDGET, Duration.ofHours(1));
        assertThat(probe.collect(redis).family(CacheFamily.SEARCH).orElseThrow().keys()).isOne();
        redis.sync().del(entry);
        assertThat(probe.collect(redis).family(CacheFamily.SEARCH).orElseThrow().keys()).as("kept between measurements").isOne();
        probe.measureAgain();
        assertThat(probe.collect(redis).family(CacheFamily.SEARCH).orElseThrow().keys()).isZero();
    }

    @Test
    void failsPlainlyWhenRedisIsUnreachable(RedisServerProcess server) {
        CachesProbe probe = new CachesProbe(new CensusTracker());
        probe.collect(redis);
        server.stop();
        assertThatThrownBy(() -> probe.collect(redis)).isInstanceOfSatisfying(RedisAccessException.class,
                e -> assertThat(e.isUnavailable()).isTrue());
    }
}
