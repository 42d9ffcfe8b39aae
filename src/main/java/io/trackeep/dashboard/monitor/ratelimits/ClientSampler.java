package io.trackeep.dashboard.monitor.ratelimits;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.trackeep.dashboard.monitor.census.KeyspaceCensus;
import io.trackeep.dashboard.service.keys.KeySchema;
import io.trackeep.dashboard.service.ratelimit.Decision;
import io.trackeep.dashboard.service.ratelimit.LimitAlgorithm;
import io.trackeep.dashboard.service.ratelimit.RateLimiter;
import io.trackeep.dashboard.service.redis.Printable;
import io.trackeep.dashboard.service.redis.RedisAccessException;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.redis.RedisErrors;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Finds the clients closest to their limit without reading every client on every tick.
 *
 * <p><b>Sampling.</b> Each tick continues one SCAN cursor over {@code P:rl:*} (at most
 * {@link SamplingBudget#scanCalls()} calls of COUNT {@link SamplingBudget#scanCount()}, stopping
 * early when the time budget is spent; one cursor serves every limiter, so the cost does not grow
 * with the number of limiters). Of the client keys found in the tick it reads a uniform random
 * sample of at most {@link SamplingBudget#peeks()} with the limiter's own script in look-only
 * mode ({@link RateLimiter#peekAsync}: nothing is consumed or written), plus again the clients
 * currently in each limiter's top list, all pipelined. Each limiter keeps the
 * {@value RateLimitsProbe#TOP} with the highest used/limit; a client whose state expired or was
 * reset (nothing used) drops out. After one full pass over the keyspace every client has had its
 * chance to be sampled; on a keyspace of a few thousand keys that is a single tick.
 *
 * <p>Memory is bounded: the top lists ({@value RateLimitsProbe#TOP} per limiter), one sample per
 * tick and at most {@link KeyspaceCensus#MAX_IDS} limiter names. A client key whose value cannot
 * be read as its limiter's algorithm (a foreign type) is skipped and counted as unreadable; a
 * user who may not run the scripts (NOPERM) is asked once, then the tick says so ({@code refused})
 * and clients are no longer read; an unreachable Redis is thrown. Not thread-safe: owned by one {@link RateLimitsProbe}.
 */
final class ClientSampler {

    /** What one tick found. */
    record Tick(Map<String, List<ClientUsage>> top, Map<String, LimitAlgorithm> guessedAlgorithms,
                Set<String> limitersSeen, long completedPasses, int peeked, int unreadable, String refused) {
    }

    private record Candidate(String limiter, String client) {
    }

    private static final Comparator<ClientUsage> CLOSEST_FIRST = Comparator.comparingDouble(ClientUsage::share).reversed()
            .thenComparing(Comparator.comparingLong(ClientUsage::used).reversed())
            .thenComparing(ClientUsage::client);

    private final SamplingBudget budget;
    private final int top;
    private ScanCursor cursor = ScanCursor.INITIAL;
    private long completedPasses;
    private final Map<String, List<ClientUsage>> topLists = new HashMap<>();
    private final Map<String, LimitAlgorithm> guessed = new HashMap<>();
    private final Set<String> limitersSeen = new LinkedHashSet<>();
    private String refused; // NOPERM on the limiters' scripts: this connection's user cannot peek, so it is not asked again

    ClientSampler(SamplingBudget budget, int top) {
        this.budget = budget;
        this.top = top;
    }

    /**
     * Scans the next slice, reads the sample and the current top clients, and keeps the top list
     * of every limiter in {@code limiters} (the ones with a defined limit).
     */
    Tick advance(RedisConnections redis, Map<String, RateLimiter> limiters) {
        KeySchema keys = redis.keys();
        List<Candidate> sample = new ArrayList<>(budget.peeks());
        Map<String, String> keyOfUnknown = new LinkedHashMap<>();
        scanSlice(redis, keys, limiters, sample, keyOfUnknown);

        Map<String, Set<String>> candidates = new LinkedHashMap<>();
        for (String limiter : limiters.keySet()) {
            Set<String> clients = new LinkedHashSet<>();
            topLists.getOrDefault(limiter, List.of()).forEach(u -> clients.add(u.client()));
            candidates.put(limiter, clients);
        }
        for (Candidate c : sample) {
            candidates.get(c.limiter()).add(c.client());
        }
        Map<Candidate, CompletableFuture<Decision>> reads = new LinkedHashMap<>();
        if (refused == null) {
            candidates.forEach((limiter, clients) -> clients.forEach(client -> reads.put(new Candidate(limiter, client),
                    peek(limiters.get(limiter), client))));
        }
        int unreadable = 0;
        Map<String, List<ClientUsage>> read = new HashMap<>();
        for (Map.Entry<Candidate, CompletableFuture<Decision>> e : reads.entrySet()) {
            Decision d;
            try {
                d = e.getValue().join();
            } catch (CompletionException ex) {
                RedisAccessException failure = RedisErrors.translate("Reading rate-limit usage", ex.getCause() == null ? ex : ex.getCause());
                if (failure.isUnavailable()) {
                    throw failure;
                }
                if (failure.kind() == RedisAccessException.Kind.NOT_PERMITTED) {
                    refused = failure.getMessage();
                    continue;
                }
                unreadable++;
                continue;
            }
            ClientUsage usage = ClientUsage.of(e.getKey().client(), d);
            if (usage.used() > 0) {
                read.computeIfAbsent(e.getKey().limiter(), l -> new ArrayList<>()).add(usage);
            }
        }
        topLists.clear();
        read.forEach((limiter, usages) -> topLists.put(limiter, usages.stream().sorted(CLOSEST_FIRST).limit(top).toList()));

        keyOfUnknown.forEach((limiter, key) -> guessed.computeIfAbsent(limiter, l -> guess(redis, key)));
        guessed.keySet().removeIf(limiters::containsKey);
        return new Tick(Map.copyOf(topLists), Map.copyOf(guessed), Set.copyOf(limitersSeen), completedPasses,
                reads.size(), unreadable, refused);
    }

    private void scanSlice(RedisConnections redis, KeySchema keys, Map<String, RateLimiter> limiters,
                           List<Candidate> sample, Map<String, String> keyOfUnknown) {
        ScanArgs args = ScanArgs.Builder.matches(keys.rateLimitPattern()).limit(budget.scanCount());
        long deadline = System.nanoTime() + budget.timeBudget().toNanos();
        long found = 0;
        for (int call = 0; call < budget.scanCalls() && (call == 0 || System.nanoTime() < deadline); call++) {
            ScanCursor from = cursor;
            KeyScanCursor<String> page = RedisErrors.call("Scanning rate-limit keys", () -> redis.sync().scan(from, args));
            for (String key : page.getKeys()) {
                KeySchema.RateLimitKey k = keys.parseRateLimitKey(key).orElse(null);
                if (k == null || !remember(k.limiter())) {
                    continue;
                }
                if (!limiters.containsKey(k.limiter())) {
                    keyOfUnknown.putIfAbsent(k.limiter(), key);
                    continue;
                }
                found++;
                keepInSample(sample, new Candidate(k.limiter(), k.client()), found);
            }
            if (page.isFinished()) {
                cursor = ScanCursor.INITIAL; // the next tick starts the next pass
                completedPasses++;
                return;
            }
            cursor = page;
        }
    }

    private boolean remember(String limiter) {
        if (limitersSeen.contains(limiter)) {
            return true;
        }
        if (limitersSeen.size() >= KeyspaceCensus.MAX_IDS) {
            return false;
        }
        limitersSeen.add(limiter);
        return true;
    }

    /** Reservoir sampling (algorithm R): every key found in the tick has the same chance. */
    private void keepInSample(List<Candidate> sample, Candidate c, long seen) {
        if (sample.size() < budget.peeks()) {
            sample.add(c);
        } else {
            long slot = ThreadLocalRandom.current().nextLong(seen);
            if (slot < budget.peeks()) {
                sample.set((int) slot, c);
            }
        }
    }

    private static CompletableFuture<Decision> peek(RateLimiter limiter, String client) {
        try {
            return limiter.peekAsync(client).toCompletableFuture();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** The algorithm a limiter without a defined limit uses, from the Redis type of one of its keys. */
    private static LimitAlgorithm guess(RedisConnections redis, String key) {
        String type = RedisErrors.call("Reading the type of " + Printable.text(key), () -> redis.sync().type(key));
        return switch (type) {
            case "zset" -> LimitAlgorithm.SLIDING_WINDOW;
            case "hash" -> LimitAlgorithm.TOKEN_BUCKET;
            case "string" -> LimitAlgorithm.FIXED_WINDOW;
            default -> null; // expired meanwhile ("none") or foreign: try again with another key later
        };
    }
}
