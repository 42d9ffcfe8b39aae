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
        String p = keys.prefix() + ":";
        if (!key.startsWith(p)) {
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
        String rest = key.substring(p.length());
        if (rest.startsWith("cache:user:")) {
            return CACHE_USER_INDEX;
        }
        if (rest.startsWith("search:")) {
            return SEARCH_CACHE;
        }
        if (rest.startsWith("analytics:dashboard:")) {
            return ANALYTICS_CACHE;
        }
        if (keys.parseLeaderboardId(key).isPresent()) {
            return LEADERBOARD;
        }
        if (rest.startsWith("stats:")) {
            return STATS;
        }
        if (key.equals(keys.audit())) {
            return AUDIT;
        }
        if (rest.startsWith("lock:")) {
            return LOCK;
        }
        return OTHER_PREFIXED;
    }
}
