package io.trackeep.dashboard.monitor.caches;

import io.trackeep.dashboard.monitor.Probe;
import io.trackeep.dashboard.monitor.census.CensusSnapshot;
import io.trackeep.dashboard.monitor.census.CensusTracker;
import io.trackeep.dashboard.monitor.census.KeyKind;
import io.trackeep.dashboard.service.cache.CacheCounterSeries;
import io.trackeep.dashboard.service.cache.CacheCounters;
import io.trackeep.dashboard.service.cache.CacheFamily;
import io.trackeep.dashboard.service.cache.CacheUsage;
import io.trackeep.dashboard.service.cache.FamilyUsage;
import io.trackeep.dashboard.service.cache.UsageBudget;
import io.trackeep.dashboard.service.health.InfoParser;
import io.trackeep.dashboard.service.health.KeyspaceLookups;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.redis.RedisErrors;
import io.trackeep.dashboard.service.redis.RedisNode;
import io.trackeep.dashboard.service.redis.SelfAccounting;
import io.trackeep.dashboard.service.stats.StatsWindow;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Reads the cache families for the Caches panel and the {@code cache stats} / {@code snapshot}
 * commands. Per tick: the hit/miss counters of the last {@value #HISTORY_MINUTES} minutes (one
 * pipelined batch of HMGET, of the last minutes only once the window has read the older ones)
 * and INFO stats (the server-wide keyspace hit rate). Every
 * {@code usageEvery} (10 s in the window) also the entries and memory per family, by a bounded
 * scan and a sample of MEMORY USAGE ({@link CacheUsage} within a {@link UsageBudget}).
 *
 * <p><b>Keys.</b> When the bounded scan reaches the end, the count is exact. On a keyspace too
 * large for it the count of the shared census's last complete pass is used (approximate: it is a
 * few ticks old) and the memory is the sample mean times that count (unknown when the scan met no
 * entry of the family); before any census pass has
 * completed, the scan's count is a lower bound. {@link CacheFamilyStatus#keysExact()} and
 * {@link CacheFamilyStatus#memoryExact()} say which.
 *
 * <p><b>Go-only data.</b> The Go backend counts no hits and misses: when no family has a counter
 * in the window, hits, misses and hit rate are null ("unavailable") rather than zero.
 *
 * <p><b>Failures.</b> {@link #collect} throws
 * {@link io.trackeep.dashboard.service.redis.RedisAccessException} when Redis cannot be read; the
 * panel keeps its last figures, marked stale.
 */
public final class CachesProbe implements Probe<CachesSnapshot> {

    /** Minutes of hit/miss history. */
    public static final int HISTORY_MINUTES = 15;
    /** How often the window measures entries and memory. */
    public static final Duration USAGE_EVERY = Duration.ofSeconds(10);
    /** The window's budget per family and measurement: 10 SCAN calls of COUNT 1000, 100 MEMORY USAGE. */
    public static final UsageBudget WINDOW_BUDGET = new UsageBudget(1000, 10, 100);
    static final int MAX_CENSUS_TICKS = 5_000;

    private final CensusTracker census;
    private final UsageBudget budget;
    private final Duration usageEvery;
    private final StatsWindow counters = CacheCounters.window();
    private RedisConnections connection;
    private List<FamilyUsage> usage;
    private long usageAtNanos;
    private volatile boolean usageOutdated;

    public CachesProbe(CensusTracker census) {
        this(census, WINDOW_BUDGET, USAGE_EVERY);
    }

    public CachesProbe(CensusTracker census, UsageBudget budget, Duration usageEvery) {
        this.census = census;
        this.budget = budget;
        this.usageEvery = usageEvery;
    }

    /** Everything at once, for the command line: a complete census pass, then one collection with the default budget. */
    public static CachesSnapshot collectOnce(RedisConnections redis, CensusTracker census) {
        census.complete(redis, MAX_CENSUS_TICKS);
        return new CachesProbe(census, UsageBudget.defaults(), Duration.ZERO).collect(redis);
    }

    /** Measures entries and memory again at the next collection (after an invalidation). Any thread. */
    public void measureAgain() {
        usageOutdated = true;
    }

    @Override
    public synchronized CachesSnapshot collect(RedisConnections redis) {
        if (redis != connection) {
            connection = redis;
            usage = null;
        }
        Map<CacheFamily, CacheCounterSeries> series = new CacheCounters(redis).readAll(HISTORY_MINUTES, counters);
        if (usage == null || usageOutdated || System.nanoTime() - usageAtNanos >= usageEvery.toNanos()) {
            usageOutdated = false;
            usage = new CacheUsage(redis).measureAll(budget);
            usageAtNanos = System.nanoTime();
        }
        CensusSnapshot counted = census.current(redis);
        KeyspaceLookups keyspace = keyspaceLookups(redis);

        boolean countersAvailable = series.values().stream().anyMatch(s -> s.hits() + s.misses() > 0);
        List<CacheFamilyStatus> families = new ArrayList<>();
        for (FamilyUsage u : usage) {
            CacheCounterSeries s = series.get(u.family());
            long keys = u.keys();
            if (!u.complete() && counted != null && counted.complete()) {
                keys = Math.max(keys, counted.count(kind(u.family())));
            }
            Long memory = keys == u.keys() ? Long.valueOf(u.memoryBytes())
                    : u.keys() > 0 ? Long.valueOf(Math.round((double) u.memoryBytes() / u.keys() * keys))
                    : null; // the census counted entries the bounded scan never met: nothing to extrapolate from
            families.add(new CacheFamilyStatus(u.family().id(), keys,
                    countersAvailable ? s.hits() : null, countersAvailable ? s.misses() : null,
                    countersAvailable && s.hitRate().isPresent() ? s.hitRate().getAsDouble() : null,
                    memory, u.complete(), u.complete() && u.memoryExact(), s.minutes()));
        }
        return new CachesSnapshot(Instant.now(), families, countersAvailable,
                keyspace == null ? null : keyspace.hits(), keyspace == null ? null : keyspace.misses(),
                keyspace == null ? null : keyspace.hitRate(),
                counted == null ? 0 : counted.unrecognised(KeyKind.RESPONSE_CACHE) + counted.unrecognised(KeyKind.CACHE_USER_INDEX));
    }

    private static KeyKind kind(CacheFamily family) {
        return switch (family) {
            case RESPONSE -> KeyKind.RESPONSE_CACHE;
            case SEARCH -> KeyKind.SEARCH_CACHE;
            case ANALYTICS -> KeyKind.ANALYTICS_CACHE;
        };
    }

    /**
     * Others' lookups since start over every master (a Cluster's INFO answers for one node only),
     * each node's own reads by this program left out; the INFOs are sent together.
     */
    private static KeyspaceLookups keyspaceLookups(RedisConnections redis) {
        List<RedisNode> masters = redis.masters();
        List<CompletableFuture<SelfAccounting.MarkedInfo>> infos = new ArrayList<>(masters.size());
        for (RedisNode m : masters) {
            int colon = m.address().lastIndexOf(':');
            infos.add(RedisErrors.call("Reading INFO stats on " + m.address(), () -> SelfAccounting.info(redis,
                    m.address().substring(0, colon), Integer.parseInt(m.address().substring(colon + 1)), "stats").toCompletableFuture()));
        }
        List<KeyspaceLookups> each = new ArrayList<>(masters.size());
        for (int i = 0; i < masters.size(); i++) {
            CompletableFuture<SelfAccounting.MarkedInfo> reply = infos.get(i);
            SelfAccounting.MarkedInfo info = RedisErrors.call("Reading INFO stats on " + masters.get(i).address(), reply::join);
            each.add(KeyspaceLookups.sinceStart(InfoParser.parse(info.text()).stats(), info.own()));
        }
        return KeyspaceLookups.sum(each);
    }
}
