package io.trackeep.dashboard.service.cache;

import io.trackeep.dashboard.service.keys.KeySchema;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.testing.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(RedisServerExtension.class)
class CacheUsageTest {

    private final RedisConnections redis;
    private final KeySchema keys;
    private final CacheUsage usage;

    CacheUsageTest(RedisConnections redis) {
        this.redis = redis;
        this.keys = redis.keys();
        this.usage = new CacheUsage(redis);
    }

    @Test
    void withinBudgetCountAndMemoryAreExactAndIndexSetsAreNotEntries() {
        CacheStore cache = new CacheStore(redis);
        String body = "x".repeat(200);
        for (int i = 0; i < 50; i++) {
            cache.put(CacheKey.response(keys, "/api/p" + i, "", (long) (i % 5)), body);
        }
        for (int i = 0; i < 10; i++) {
            cache.put(CacheKey.search(keys, 1, "q=" + i), body);
        }

        List<FamilyUsage> all = usage.measureAll(UsageBudget.defaults());

        FamilyUsage response = all.get(0);
        assertThat(response.family()).isEqualTo(CacheFamily.RESPONSE);
        assertThat(response.keys()).isEqualTo(50);
        assertThat(response.complete()).isTrue();
        assertThat(response.memoryExact()).isTrue();
        assertThat(response.memoryProbed()).isEqualTo(50);
        assertThat(response.memoryBytes()).isEqualTo(sumOfMemoryUsage(keys.responseCachePattern()));
        assertThat(response.memoryBytes()).isGreaterThan(50L * 200);
        assertThat(all.get(1).keys()).isEqualTo(10);
        assertThat(all.get(2)).isEqualTo(new FamilyUsage(CacheFamily.ANALYTICS, 0, 0, true, true, 0));
    }

    @Test
    void aSmallBudgetSaysTheScanIsIncompleteAndTheMemoryEstimated() {
        Map<String, String> entries = new HashMap<>();
        for (int i = 0; i < 3_000; i++) {
            entries.put(keys.searchCache(i, keys.searchCacheHash("q")), "y".repeat(100));
        }
        redis.sync().mset(entries);

        FamilyUsage partial = usage.measure(CacheFamily.SEARCH, new UsageBudget(10, 2, 100));
        assertThat(partial.complete()).isFalse();
        assertThat(partial.keys()).isLessThan(3_000);

        FamilyUsage sampled = usage.measure(CacheFamily.SEARCH, new UsageBudget(1000, 1000, 100));
        assertThat(sampled.complete()).isTrue();
        assertThat(sampled.keys()).isEqualTo(3_000);
        assertThat(sampled.memoryExact()).isFalse();
        assertThat(sampled.memoryProbed()).isEqualTo(100);
        long exact = sumOfMemoryUsage(keys.searchCachePattern());
        assertThat((double) sampled.memoryBytes()).isBetween(exact * 0.9, exact * 1.1);
    }

    private long sumOfMemoryUsage(String pattern) {
        long sum = 0;
        io.lettuce.core.ScanCursor cursor = io.lettuce.core.ScanCursor.INITIAL;
        io.lettuce.core.KeyScanCursor<String> page;
        do {
            page = redis.sync().scan(cursor, io.lettuce.core.ScanArgs.Builder.matches(pattern).limit(1000));
            for (String k : page.getKeys()) {
                sum += redis.sync().memoryUsage(k);
            }
            cursor = page;
        } while (!page.isFinished());
        return sum;
    }
}
