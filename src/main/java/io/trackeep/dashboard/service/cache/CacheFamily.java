package io.trackeep.dashboard.service.cache;

import io.trackeep.dashboard.service.keys.KeySchema;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * The three caches of the Trackeep backends (docs/ARCHITECTURE.md §6), each with its TTL, the SCAN
 * pattern of its entries and, where the key holds it, the user an entry belongs to.
 */
public enum CacheFamily {

    /** {@code P:cache:<md5hex>}: cached GET responses. The key is a hash, so it cannot name its user. */
    RESPONSE("response", Duration.ofMinutes(5),
            // Not P:cache:* — that would also match the P:cache:user:<uid> index sets.
            KeySchema::responseCachePattern,
            (keys, userId) -> Optional.empty(),
            KeySchema::isResponseCacheKey,
            (keys, key) -> Optional.empty()),

    /** {@code P:search:<uid>:<hash>}: cached search responses. */
    SEARCH("search", Duration.ofMinutes(5),
            KeySchema::searchCachePattern,
            (keys, userId) -> Optional.of(keys.searchCachePattern(userId)),
            KeySchema::isSearchCacheKey,
            KeySchema::parseSearchCacheUserId),

    /** {@code P:analytics:dashboard:<uid>:<start>:<end>}: cached dashboard analytics. */
    ANALYTICS("analytics", Duration.ofMinutes(15),
            KeySchema::analyticsCachePattern,
            (keys, userId) -> Optional.of(keys.analyticsCachePattern(userId)),
            KeySchema::isAnalyticsCacheKey,
            KeySchema::parseAnalyticsCacheUserId);

    private final String id;
    private final Duration ttl;
    private final Function<KeySchema, String> pattern;
    private final BiFunction<KeySchema, Long, Optional<String>> userPattern;
    private final BiPredicate<KeySchema, String> contains;
    private final BiFunction<KeySchema, String, Optional<Long>> userIdOf;

    CacheFamily(String id, Duration ttl, Function<KeySchema, String> pattern,
                BiFunction<KeySchema, Long, Optional<String>> userPattern, BiPredicate<KeySchema, String> contains,
                BiFunction<KeySchema, String, Optional<Long>> userIdOf) {
        this.id = id;
        this.ttl = ttl;
        this.pattern = pattern;
        this.userPattern = userPattern;
        this.contains = contains;
        this.userIdOf = userIdOf;
    }

    /** Lower-case name used in stats keys, events and the command line. */
    public String id() { return id; }

    /** How long the backends keep an entry (before jitter). */
    public Duration ttl() { return ttl; }

    /** SCAN MATCH pattern of every entry of this family, and of nothing else. */
    public String pattern(KeySchema keys) {
        return pattern.apply(keys);
    }

    /** SCAN MATCH pattern of one user's entries; empty when the key cannot tell (response entries: use the index). */
    public Optional<String> userPattern(KeySchema keys, long userId) {
        return userPattern.apply(keys, userId);
    }

    /** Whether {@code key} is an entry of this family. */
    public boolean contains(KeySchema keys, String key) {
        return contains.test(keys, key);
    }

    /** The user an entry belongs to, when its key says so. */
    public Optional<Long> userIdOf(KeySchema keys, String key) {
        return userIdOf.apply(keys, key);
    }

    /** The family a key belongs to, if any. */
    public static Optional<CacheFamily> ofKey(KeySchema keys, String key) {
        return Arrays.stream(values()).filter(f -> f.contains(keys, key)).findFirst();
    }

    /** The family with this {@link #id()}. */
    public static CacheFamily fromId(String id) {
        return Arrays.stream(values()).filter(f -> f.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown cache family '" + id
                        + "' (expected response, search or analytics)"));
    }
}
