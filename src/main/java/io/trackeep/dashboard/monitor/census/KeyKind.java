package io.trackeep.dashboard.monitor.census;

import io.trackeep.dashboard.service.keys.KeySchema;

/** What a key found by scanning is, according to the key schema. */
public enum KeyKind {
    SESSION,
    USER_SESSIONS,
    SESSIONS_INDEX,
    RATE_LIMIT,
    RATE_LIMIT_CONFIG,
    RESPONSE_CACHE,
    CACHE_USER_INDEX,
    SEARCH_CACHE,
    ANALYTICS_CACHE,
    LEADERBOARD,
    STATS,
    AUDIT,
    LOCK,
    /** Under the prefix but not part of the data model. */
    OTHER_PREFIXED,
    /** Not under the prefix: another application's key. */
    FOREIGN;

    /** Classifies a key; pure and cheap (called for every scanned key). */
    public static KeyKind of(String key, KeySchema keys) {
        if (!key.startsWith(keys.prefix() + ":")) {
            return FOREIGN;
        }
        if (keys.parseSessionId(key).isPresent()) {
            return SESSION;
        }
        if (keys.parseUserSessionsUserId(key).isPresent()) {
            return USER_SESSIONS;
        }
        if (key.equals(keys.sessionsExpiry())) {
            return SESSIONS_INDEX;
        }
        if (key.equals(keys.rateLimitConfig())) {
            return RATE_LIMIT_CONFIG;
        }
        if (keys.parseRateLimitKey(key).isPresent()) {
            return RATE_LIMIT;
        }
        if (keys.isResponseCacheKey(key)) {
            return RESPONSE_CACHE;
        }
        if (keys.isCacheUserIndexKey(key)) {
            return CACHE_USER_INDEX;
        }
        if (keys.isSearchCacheKey(key)) {
            return SEARCH_CACHE;
        }
        if (keys.isAnalyticsCacheKey(key)) {
            return ANALYTICS_CACHE;
        }
        if (keys.parseLeaderboardId(key).isPresent()) {
            return LEADERBOARD;
        }
        if (keys.isStatsKey(key)) {
            return STATS;
        }
        if (key.equals(keys.audit())) {
            return AUDIT;
        }
        if (keys.isLockKey(key)) {
            return LOCK;
        }
        return OTHER_PREFIXED;
    }

    /**
     * For a key of kind {@link #OTHER_PREFIXED}: the kind it was meant to be by the start of its
     * name (e.g. {@code P:challenge:a:b:c:leaderboard}, an id with colons, is a {@link #LEADERBOARD}
     * that does not parse); null when it is under no family's name.
     */
    public static KeyKind meantFor(String key, KeySchema keys) {
        return keys.namespaceOf(key).map(n -> switch (n) {
            case SESSION -> SESSION;
            case USER_SESSIONS -> USER_SESSIONS;
            case RATE_LIMIT -> RATE_LIMIT;
            case CACHE_USER_INDEX -> CACHE_USER_INDEX;
            case RESPONSE_CACHE -> RESPONSE_CACHE;
            case SEARCH_CACHE -> SEARCH_CACHE;
            case ANALYTICS_CACHE -> ANALYTICS_CACHE;
            case LEADERBOARD -> LEADERBOARD;
            case STATS -> STATS;
            case LOCK -> LOCK;
        }).orElse(null);
    }
}
