package io.trackeep.dashboard.service.cache;

import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.service.keys.KeySchema;
import io.trackeep.dashboard.service.redis.RedisAccessException;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.testing.WaitFor;
import io.trackeep.dashboard.testing.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(RedisServerExtension.class)
class CacheStoreTest {

    private static final Instant NOW = Instant.parse("2026-03-10T09:41:27Z");

    private final RedisConnections redis;
    private final KeySchema keys;
    private final CacheStore cache;

    CacheStoreTest(RedisConnections redis) {
        this.redis = redis;
        this.keys = redis.keys();
        this.cache = new CacheStore(redis, CacheOptions.defaults().withClock(Clock.fixed(NOW, ZoneOffset.UTC)));
    }

    @Test
    void responseEntryIsStoredUnderTheGoKeyAndIndexedForItsUser() {
        CacheKey key = CacheKey.response(keys, "/api/v1/tasks", "page=2&limit=20", 42L);
        cache.getOrLoad(key, () -> "{\"tasks\":[]}");

        // md5("tk:cache::/api/v1/tasks:page=2&limit=20:u:42"), computed outside the project
        String goKey = "tk:cache:d914f0b07ef3696a17638106ff5bca40";
        assertThat(key.redisKey()).isEqualTo(goKey);
        assertThat(redis.sync().get(goKey)).isEqualTo("{\"tasks\":[]}");
        assertThat(redis.sync().smembers("tk:cache:user:42")).containsExactly(goKey);
        assertThat(redis.sync().ttl("tk:cache:user:42")).isGreaterThanOrEqualTo(redis.sync().ttl(goKey));
    }

    @Test
    void firstLookupMissesAndLoadsThenHits() {
        AtomicInteger loads = new AtomicInteger();
        CacheKey key = CacheKey.search(keys, 7, "q=notes");

        CacheResult first = cache.getOrLoad(key, () -> "result-" + loads.incrementAndGet());
        CacheResult second = cache.getOrLoad(key, () -> "result-" + loads.incrementAndGet());

        assertThat(first.status()).isEqualTo(CacheStatus.MISS);
        assertThat(first.status().header()).isEqualTo("MISS");
        assertThat(second.status()).isEqualTo(CacheStatus.HIT);
        assertThat(second.status().header()).isEqualTo("HIT");
        assertThat(second.value()).isEqualTo("result-1");
        assertThat(loads).hasValue(1);
    }

    @Test
    void concurrentMissesOfOneKeyRunTheLoaderOnce() throws Exception {
        int threads = 20;
        AtomicInteger loads = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        CacheKey key = CacheKey.analytics(keys, 9, LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<CacheResult>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return cache.getOrLoad(key, () -> {
                        loads.incrementAndGet();
                        sleep(300); // a slow backend query: every other caller arrives meanwhile
                        return "{\"total\":12}";
                    });
                }));
            }
            start.countDown();
            for (Future<CacheResult> r : results) {
                assertThat(r.get(10, TimeUnit.SECONDS).value()).isEqualTo("{\"total\":12}");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(loads).hasValue(1);
        CacheCounterSeries counted = new CacheCounters(redis, Clock.fixed(NOW, ZoneOffset.UTC)).read(CacheFamily.ANALYTICS, 1);
        assertThat(counted.hits() + counted.misses()).isEqualTo(threads);
    }

    @Test
    void loaderFailureReachesTheCallerAndNothingIsStored() {
        CacheKey key = CacheKey.search(keys, 7, "q=boom");
        assertThatThrownBy(() -> cache.getOrLoad(key, () -> {
            throw new IllegalStateException("backend down");
        })).isInstanceOf(IllegalStateException.class).hasMessage("backend down");
        assertThat(redis.sync().exists(key.redisKey())).isZero();

        CacheResult nothing = cache.getOrLoad(key, () -> null);
        assertThat(nothing.status()).isEqualTo(CacheStatus.MISS);
        assertThat(nothing.value()).isNull();
        assertThat(redis.sync().exists(key.redisKey())).isZero();
    }

    @Test
    void ttlIsTheFamilyTtlPlusAtMostTenPercentJitter() {
        List<Long> ttls = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            CacheKey key = CacheKey.search(keys, 5, "q=" + i);
            cache.put(key, "v");
            ttls.add(redis.sync().pttl(key.redisKey()));
        }
        long base = CacheFamily.SEARCH.ttl().toMillis();
        assertThat(ttls).allSatisfy(ttl -> assertThat(ttl).isBetween(base - 1_000, base + base / 10));
        // 60 uniform draws over 30 s: a spread under 5 s would mean there is no jitter.
        assertThat(ttls.stream().mapToLong(Long::longValue).max().orElseThrow()
                - ttls.stream().mapToLong(Long::longValue).min().orElseThrow()).isGreaterThan(5_000);

        CacheKey analytics = CacheKey.analytics(keys, 5, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 2));
        cache.put(analytics, "v");
        long analyticsBase = CacheFamily.ANALYTICS.ttl().toMillis();
        assertThat(redis.sync().pttl(analytics.redisKey())).isBetween(analyticsBase - 1_000, analyticsBase + analyticsBase / 10);
    }

    @Test
    void theUserIndexOutlivesEveryEntryInIt() {
        for (int i = 0; i < 30; i++) {
            cache.put(CacheKey.response(keys, "/api/p" + i, "", 3L), "v");
        }
        long longestEntry = redis.sync().smembers(keys.cacheUserIndex(3)).stream()
                .mapToLong(k -> redis.sync().pttl(k)).max().orElseThrow();
        assertThat(redis.sync().pttl(keys.cacheUserIndex(3))).isGreaterThan(longestEntry);
    }

    @Test
    void anonymousResponsesAreNotIndexed() {
        cache.put(CacheKey.response(keys, "/api/public", "", null), "v");
        assertThat(redis.sync().exists(keys.responseCache("/api/public", "", null))).isOne();
        assertThat(redis.sync().dbsize()).isOne();
    }

    @Test
    void countersRecordHitsAndMissesPerFamilyAndMinute() {
        CacheKey search = CacheKey.search(keys, 1, "q=a");
        cache.getOrLoad(search, () -> "v");
        cache.getOrLoad(search, () -> "v");
        cache.getOrLoad(search, () -> "v");
        cache.getOrLoad(CacheKey.response(keys, "/api/x", "", 1L), () -> "v");
        // an earlier minute, as another backend would have left it, and a foreign non-number
        redis.sync().hset("tk:stats:cache:search:202603100939", Map.of("hits", "5", "misses", "1"));
        redis.sync().hset("tk:stats:cache:analytics:202603100941", Map.of("hits", "many"));

        Map<CacheFamily, CacheCounterSeries> all = new CacheCounters(redis, Clock.fixed(NOW, ZoneOffset.UTC)).readAll(3);

        CacheCounterSeries searchSeries = all.get(CacheFamily.SEARCH);
        assertThat(searchSeries.minutes()).extracting(MinuteCounts::minute).containsExactly(
                Instant.parse("2026-03-10T09:39:00Z"), Instant.parse("2026-03-10T09:40:00Z"), Instant.parse("2026-03-10T09:41:00Z"));
        assertThat(searchSeries.minutes()).extracting(MinuteCounts::hits).containsExactly(5L, 0L, 2L);
        assertThat(searchSeries.minutes()).extracting(MinuteCounts::misses).containsExactly(1L, 0L, 1L);
        assertThat(searchSeries.hits()).isEqualTo(7);
        assertThat(searchSeries.hitRate()).hasValue(7.0 / 9);
        assertThat(all.get(CacheFamily.RESPONSE).misses()).isOne();
        assertThat(all.get(CacheFamily.ANALYTICS).hits()).isZero();
        assertThat(all.get(CacheFamily.ANALYTICS).hitRate()).isEmpty();
        long ttl = redis.sync().ttl("tk:stats:cache:search:202603100941");
        assertThat(ttl).isBetween(Duration.ofHours(48).toSeconds() - 60, Duration.ofHours(48).toSeconds());
    }

    @Test
    void aForeignValueOfTheWrongTypeIsReplaced() {
        CacheKey key = CacheKey.search(keys, 8, "q=x");
        redis.sync().sadd(key.redisKey(), "not-a-string");

        CacheResult result = cache.getOrLoad(key, () -> "fresh");

        assertThat(result.value()).isEqualTo("fresh");
        assertThat(result.status()).isEqualTo(CacheStatus.MISS);
        assertThat(redis.sync().get(key.redisKey())).isEqualTo("fresh");
    }

    @Test
    void storingPrunesIndexMembersWhoseEntryExpired() throws Exception {
        CacheStore pruning = new CacheStore(redis, CacheOptions.defaults().withIndexPruneChance(1.0));
        List<CacheKey> entries = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            CacheKey key = CacheKey.response(keys, "/api/e" + i, "", 11L);
            pruning.put(key, "v");
            entries.add(key);
        }
        redis.sync().del(entries.get(0).redisKey(), entries.get(1).redisKey()); // as if expired

        CacheKey fresh = CacheKey.response(keys, "/api/e3", "", 11L);
        pruning.put(fresh, "v");

        WaitFor.condition(Duration.ofSeconds(5), "the index pruned", () -> redis.sync().scard(keys.cacheUserIndex(11)) <= 2);
        assertThat(redis.sync().smembers(keys.cacheUserIndex(11)))
                .containsExactlyInAnyOrder(entries.get(2).redisKey(), fresh.redisKey());
    }

    @Test
    void readOnlyProfileServesFromTheLoaderButRefusesExplicitWrites(RedisServerProcess server) {
        try (RedisConnections readOnly = RedisConnections.open(server.settings().withReadOnly(true))) {
            CacheStore store = new CacheStore(readOnly);
            CacheKey key = CacheKey.search(readOnly.keys(), 1, "q=ro");

            CacheResult result = store.getOrLoad(key, () -> "loaded");

            assertThat(result.value()).isEqualTo("loaded");
            assertThat(result.status()).isEqualTo(CacheStatus.BYPASS);
            assertThat(result.failure().kind()).isEqualTo(RedisAccessException.Kind.READ_ONLY);
            assertThat(redis.sync().exists(key.redisKey())).isZero();
            assertThatThrownBy(() -> store.put(key, "v")).isInstanceOfSatisfying(RedisAccessException.class,
                    e -> assertThat(e.kind()).isEqualTo(RedisAccessException.Kind.READ_ONLY));
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
