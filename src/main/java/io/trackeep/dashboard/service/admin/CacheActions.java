package io.trackeep.dashboard.service.admin;

import io.trackeep.dashboard.service.cache.CacheEntryCounter;
import io.trackeep.dashboard.service.cache.CacheEntryCounter.EntryCount;
import io.trackeep.dashboard.service.cache.CacheFamily;
import io.trackeep.dashboard.service.cache.CacheInvalidator;
import io.trackeep.dashboard.service.events.AdminEvent;
import io.trackeep.dashboard.service.keys.KeySchema;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.redis.RedisErrors;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The admin actions of the Caches panel and the {@code cache invalidate} command, planned so the
 * confirmation says what will go: "Invalidate all cached entries of user 42: 12 response,
 * 3 search, 1 analytics?". Counts come from {@link CacheEntryCounter}: exact where cheap, else
 * the question says which families were not counted and why.
 *
 * <p>Planning reads Redis and throws {@link io.trackeep.dashboard.service.redis.RedisAccessException}
 * when it cannot. Executions call {@link CacheInvalidator} (SCAN + UNLINK in bounded batches, a
 * {@code cache.invalidated} event); a failure part-way is a
 * {@link io.trackeep.dashboard.service.cache.CacheInvalidationException} saying how many keys
 * were removed.
 */
public final class CacheActions {

    private final RedisConnections redis;
    private final KeySchema keys;
    private final String actor;
    private final CacheEntryCounter counter;

    /** @param actor who acts, as it appears in the {@code cache.invalidated} events */
    public CacheActions(RedisConnections redis, String actor) {
        this(redis, actor, new CacheEntryCounter(redis));
    }

    /** With another counter (a smaller keyspace bound in tests). */
    public CacheActions(RedisConnections redis, String actor, CacheEntryCounter counter) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.keys = redis.keys();
        this.actor = Objects.requireNonNull(actor, "actor");
        this.counter = Objects.requireNonNull(counter, "counter");
    }

    /**
     * Removes one entry.
     *
     * @throws IllegalArgumentException when {@code key} is not a cache entry key of this prefix
     */
    public ActionPlan<Long> invalidateKey(String key) {
        String k = key == null ? "" : key.strip();
        CacheFamily family = CacheFamily.ofKey(keys, k).orElseThrow(() -> new IllegalArgumentException(notACacheKey(keys, k)));
        long pttl = RedisErrors.call("Reading " + k, () -> redis.sync().pttl(k));
        String state = pttl == -2 ? "not present: nothing to remove"
                : pttl == -1 ? "no expiry" : "expires in " + seconds(Duration.ofMillis(pttl));
        return new ActionPlan<>("cache.invalidate-key", k,
                "Invalidate cache key " + k + " (" + family.id() + " entry, " + state + ")?",
                List.of("Unlinks " + k, publishes()),
                "Invalidate key",
                () -> invalidator().invalidateKey(k),
                n -> n == 1 ? "Invalidated " + k : k + " was already gone");
    }

    /** Removes one user's entries of every family (response entries through the per-user index). */
    public ActionPlan<Long> invalidateUser(long userId) {
        EntryCount count = counter.countUser(userId);
        List<String> effects = new ArrayList<>();
        effects.add("Unlinks the response entries listed in " + keys.cacheUserIndex(userId) + " and drops them from it");
        effects.add("Unlinks every " + keys.searchCachePattern(userId) + " and " + keys.analyticsCachePattern(userId) + " (SCAN, UNLINK in batches)");
        effects.add(publishes());
        effects.add("Response entries stored without the per-user index (as the Go backend stores them) cannot be found by user; they expire within "
                + seconds(CacheFamily.RESPONSE.ttl()));
        return new ActionPlan<>("cache.invalidate-user", "user:" + userId,
                "Invalidate all cached entries of user " + userId + ": " + perFamily(count, List.of(CacheFamily.values())) + "?",
                effects, "Invalidate " + entries(count, List.of(CacheFamily.values())),
                () -> invalidator().invalidateUser(userId),
                n -> "Invalidated " + count(n) + " cached " + plural(n, "entry", "entries") + " of user " + userId);
    }

    /** Removes every entry of one family (for the response family also the per-user index sets). */
    public ActionPlan<Long> invalidateFamily(CacheFamily family) {
        Objects.requireNonNull(family, "family");
        EntryCount count = counter.countFamilies(EnumSet.of(family));
        OptionalLong n = count.of(family);
        String what = n.isPresent() ? count(n.getAsLong()) + " " + plural(n.getAsLong(), "entry", "entries")
                : "entries not counted first (" + count(count.keyspaceKeys()) + " keys to scan)";
        List<String> effects = new ArrayList<>();
        effects.add("Unlinks every " + shown(family) + " (SCAN COUNT " + CacheInvalidator.SCAN_COUNT
                + ", UNLINK in batches of " + CacheInvalidator.UNLINK_BATCH + ")");
        if (family == CacheFamily.RESPONSE) {
            effects.add("Deletes the per-user index sets " + keys.cacheUserIndexPattern());
        }
        effects.add(publishes());
        return new ActionPlan<>("cache.invalidate-family", family.id(),
                "Invalidate the " + family.id() + " cache: " + what + "?",
                effects, "Invalidate " + family.id() + " cache",
                () -> invalidator().invalidateFamily(family),
                removed -> "Invalidated the " + family.id() + " cache: " + count(removed) + " " + plural(removed, "entry", "entries"));
    }

    /** Removes every entry of every family and the per-user index sets. */
    public ActionPlan<Long> invalidateAll() {
        List<CacheFamily> all = List.of(CacheFamily.values());
        EntryCount count = counter.countFamilies(all);
        return new ActionPlan<>("cache.invalidate-all", "all",
                "Invalidate all caches: " + perFamily(count, all) + "?",
                List.of("Unlinks every " + shown(CacheFamily.RESPONSE) + ", " + shown(CacheFamily.SEARCH) + " and "
                                + shown(CacheFamily.ANALYTICS) + " (SCAN, UNLINK in batches)",
                        "Deletes the per-user index sets " + keys.cacheUserIndexPattern(),
                        publishes()),
                "Invalidate all caches",
                () -> invalidator().invalidateAll(),
                removed -> "Invalidated all caches: " + count(removed) + " " + plural(removed, "entry", "entries"));
    }

    /**
     * A family's keys as the admin reads them in a confirmation: the response family's SCAN
     * pattern spells its 32 hex digits as 32 character classes, 400 characters nobody reads.
     */
    private String shown(CacheFamily family) {
        return family == CacheFamily.RESPONSE ? keys.responseCache("<32 hex digits>") : family.pattern(keys);
    }

    /** Why a text is not a cache key, naming the three layouts. */
    public static String notACacheKey(KeySchema keys, String key) {
        return "Not a cache key: '" + key + "'. Cache keys look like " + keys.responseCache("<32 hex digits>") + ", "
                + keys.searchCachePattern().replace("*", "<user id>:<hash>") + " or "
                + keys.analyticsCachePattern().replace("*", "<user id>:<start>:<end>");
    }

    private CacheInvalidator invalidator() {
        return new CacheInvalidator(redis, actor);
    }

    private String publishes() {
        return "Publishes " + AdminEvent.CACHE_INVALIDATED + " on " + keys.adminEventsChannel();
    }

    /** "12 response, 3 search, 1 analytics" or "12 response; search and analytics not counted (2,000,000 keys to scan)". */
    static String perFamily(EntryCount count, List<CacheFamily> families) {
        List<String> counted = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (CacheFamily f : families) {
            count.of(f).ifPresentOrElse(n -> counted.add(count(n) + " " + f.id()), () -> missing.add(f.id()));
        }
        if (missing.isEmpty()) {
            return String.join(", ", counted);
        }
        String notCounted = andList(missing) + " not counted (" + count(count.keyspaceKeys()) + " keys to scan)";
        return counted.isEmpty() ? notCounted : String.join(", ", counted) + "; " + notCounted;
    }

    /** "a", "a and b", "a, b and c". */
    private static String andList(List<String> items) {
        return items.size() == 1 ? items.get(0)
                : String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }

    /** The confirm button: "Invalidate 16 entries", or "Invalidate entries" when not every family was counted. */
    private static String entries(EntryCount count, List<CacheFamily> families) {
        boolean all = families.stream().allMatch(f -> count.of(f).isPresent());
        return all ? count(count.total()) + " " + plural(count.total(), "entry", "entries") : "entries";
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String plural(long n, String one, String many) {
        return n == 1 ? one : many;
    }

    private static String seconds(Duration d) {
        long s = Math.max(0, (d.toMillis() + 999) / 1000);
        if (s < 60) {
            return s + " s";
        }
        return s % 60 == 0 ? s / 60 + " min" : s / 60 + " min " + s % 60 + " s";
    }
}
