package io.trackeep.dashboard.service.cache;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.trackeep.dashboard.service.keys.KeySchema;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.redis.RedisErrors;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Counts the entries of each cache family and their memory, for the Caches panel, within a
 * {@link UsageBudget}: SCAN MATCH the family's pattern for at most {@code maxScanCalls} calls,
 * keep a uniform random sample (reservoir) of the keys found, then MEMORY USAGE the sample,
 * pipelined. With no more entries than {@code memoryProbes} every entry is probed and the memory
 * is exact; otherwise it is the sample mean times the count. The result says whether the scan was
 * complete and whether the memory is exact.
 *
 * <p>Throws {@link io.trackeep.dashboard.service.redis.RedisAccessException} when Redis cannot
 * answer; there is no partial result to show.
 */
public final class CacheUsage {

    private static final int PROBE_PIPELINE = 500;

    private final RedisConnections redis;
    private final KeySchema keys;

    public CacheUsage(RedisConnections redis) {
        this.redis = redis;
        this.keys = redis.keys();
    }

    public List<FamilyUsage> measureAll(UsageBudget budget) {
        return Arrays.stream(CacheFamily.values()).map(f -> measure(f, budget)).toList();
    }

    public FamilyUsage measure(CacheFamily family, UsageBudget budget) {
        return RedisErrors.call("Measuring the " + family.id() + " cache", () -> {
            ScanArgs args = ScanArgs.Builder.matches(family.pattern(keys)).limit(budget.scanCount());
            List<String> sample = new ArrayList<>(Math.min(budget.memoryProbes(), 4096));
            long found = 0;
            ScanCursor cursor = ScanCursor.INITIAL;
            KeyScanCursor<String> page;
            int calls = 0;
            do {
                page = redis.sync().scan(cursor, args);
                calls++;
                for (String key : page.getKeys()) {
                    found++;
                    keepInSample(sample, budget.memoryProbes(), found, key);
                }
                cursor = page;
            } while (!page.isFinished() && calls < budget.maxScanCalls());
            return usage(family, found, page.isFinished(), sample);
        });
    }

    /** Reservoir sampling (algorithm R): every key found has the same chance to be in the sample. */
    private static void keepInSample(List<String> sample, int capacity, long seen, String key) {
        if (sample.size() < capacity) {
            sample.add(key);
        } else if (capacity > 0) {
            long slot = ThreadLocalRandom.current().nextLong(seen);
            if (slot < capacity) {
                sample.set((int) slot, key);
            }
        }
    }

    private FamilyUsage usage(CacheFamily family, long found, boolean complete, List<String> sample) {
        long bytes = 0;
        int probed = 0;
        RedisClusterAsyncCommands<String, String> async = redis.async();
        for (int from = 0; from < sample.size(); from += PROBE_PIPELINE) {
            List<CompletableFuture<Long>> replies = sample.subList(from, Math.min(sample.size(), from + PROBE_PIPELINE))
                    .stream().map(k -> async.memoryUsage(k).toCompletableFuture()).toList();
            CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new)).join();
            for (CompletableFuture<Long> reply : replies) {
                Long size = reply.join();
                if (size != null) { // null: the entry expired since the scan
                    bytes += size;
                    probed++;
                }
            }
        }
        boolean exact = sample.size() == found;
        long memory = exact || probed == 0 ? bytes : Math.round((double) bytes / probed * found);
        return new FamilyUsage(family, found, memory, complete, exact, probed);
    }
}
