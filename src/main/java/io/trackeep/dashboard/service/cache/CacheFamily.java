package io.trackeep.dashboard.service.cache;

import io.trackeep.dashboard.service.keys.KeySchema;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * The three caches of the Trackeep backends (docs/ARCHITECTURE.md §6), each with its TTL, the SCAN
 * pattern of its entries and, where the key holds it, the user an entry belongs to.
 */
public enum CacheFamily {

    /** {@code P:cache:<md5hex>}: cached GET responses. The key is a hash, so it cannot name its user. */
    RESPONSE("response", Duration.ofMinutes(5)) {
        @Override
        public String pattern(KeySchema keys) {
            // Not P:cache:* — that would also match the P:cache:user:<uid> index sets.
            return keys.responseCachePattern();
        }

        @Override
        public Optional<String> userPattern(KeySchema keys, long userId) {
            return Optional.empty();
        }

        @Override
        public boolean contains(KeySchema keys, String key) {
            return keys.isResponseCacheKey(key);
        }

        @Override
        public Optional<Long> userIdOf(KeySchema keys, String key) {
            return Optional.empty();
        }
    },

    /** {@code P:search:<uid>:<hash>}: cached search responses. */
    SEARCH("search", Duration.ofMinutes(5)) {
        @Override
        public String pattern(KeySchema keys) {
            return keys.searchCachePattern();
        }

        @Override
        public Optional<String> userPattern(KeySchema keys, long userId) {
            return Optional.of(keys.searchCachePattern(userId));
        }

        @Override
        public boolean contains(KeySchema keys, String key) {
            return keys.isSearchCacheKey(key);
        }

        @Override
        public Optional<Long> userIdOf(KeySchema keys, String key) {
            return keys.parseSearchCacheUserId(key);
        }
    },

    /** {@code P:analytics:dashboard:<uid>:<start>:<end>}: cached dashboard analytics. */
    ANALYTICS("analytics", Duration.ofMinutes(15)) {
        @Override
        public String pattern(KeySchema keys) {
            return keys.analyticsCachePattern();
        }

        @Override
        public Optional<String> userPattern(KeySchema keys, long userId) {
            return Optional.of(keys.analyticsCachePattern(userId));
        }

        @Override
        public boolean contains(KeySchema keys, String key) {
            return keys.isAnalyticsCacheKey(key);
        }

        @Override
        public Optional<Long> userIdOf(KeySchema keys, String key) {
            return keys.parseAnalyticsCacheUserId(key);
        }
    };

    private final String id;
    private final Duration ttl;

    CacheFamily(String id, Duration ttl) {
        this.id = id;
        this.ttl = ttl;
    }

    /** Lower-case name used in stats keys, events and the command line. */
    public String id() {
        return id;
    }

    /** How long the backends keep an entry (before jitter). */
    public Duration ttl() {
        return ttl;
    }

    /** SCAN MATCH pattern of every entry of this family, and of nothing else. */
    public abstract String pattern(KeySchema keys);

    /** SCAN MATCH pattern of one user's entries; empty when the key cannot tell (response entries: use the index). */
    public abstract Optional<String> userPattern(KeySchema keys, long userId);

    /** Whether {@code key} is an entry of this family. */
    public abstract boolean contains(KeySchema keys, String key);

    /** The user an entry belongs to, when its key says so. */
    public abstract Optional<Long> userIdOf(KeySchema keys, String key);

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
