package io.trackeep.dashboard.service.keys;

import io.trackeep.dashboard.service.redis.HexDigest;
import io.trackeep.dashboard.service.redis.Printable;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * Every Redis key and channel name of the Trackeep data model (docs/ARCHITECTURE.md §6), for one
 * key prefix. No other class formats a key: features ask this one, and the dashboard parses
 * keys it finds by scanning with the {@code parse...} methods here.
 *
 * <p>Keys written by the Go backend are reproduced byte for byte. Keys that only this project
 * adds (locks) use a hash tag so that a Lua script touching several of them stays in one
 * Cluster slot.
 */
public final class KeySchema {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyyMMddHHmm").withZone(ZoneOffset.UTC);
    private static final String HEX32 = "[0-9a-f]".repeat(32);

    private final String prefix;

    public KeySchema(String prefix) {
        if (prefix == null || prefix.isBlank()) {
            throw new IllegalArgumentException("Key prefix must not be empty");
        }
        this.prefix = prefix;
    }

    public String prefix() { return prefix; }

    // ---- sessions ----------------------------------------------------------------------

    public String session(String sessionId) {
        return prefix + ":session:" + sessionId;
    }

    public String sessionPattern() {
        return prefix + ":session:*";
    }

    public Optional<String> parseSessionId(String key) {
        return suffixAfter(key, prefix + ":session:");
    }

    public String userSessions(long userId) {
        return prefix + ":user:sessions:" + userId;
    }

    public String userSessionsPattern() {
        return prefix + ":user:sessions:*";
    }

    public Optional<Long> parseUserSessionsUserId(String key) {
        return suffixAfter(key, prefix + ":user:sessions:").flatMap(KeySchema::parseLong);
    }

    /** Project addition: session id → expiry epoch ms. */
    public String sessionsExpiry() {
        return prefix + ":sessions:expiry";
    }

    // ---- rate limits -------------------------------------------------------------------

    public String rateLimit(String limiter, String client) {
        requireName("limiter", limiter);
        return prefix + ":rl:" + limiter + ":" + client;
    }

    public String rateLimitPattern() {
        return prefix + ":rl:*";
    }

    public String rateLimitPattern(String limiter) {
        requireName("limiter", limiter);
        return prefix + ":rl:" + limiter + ":*";
    }

    /**
     * Splits {@code P:rl:<limiter>:<client>}; the client may itself contain colons (IPv6, "user:42").
     * Empty for a key that {@link #rateLimit} could not have built (no client, a limiter with '*').
     */
    public Optional<RateLimitKey> parseRateLimitKey(String key) {
        return suffixAfter(key, prefix + ":rl:").flatMap(rest -> {
            int colon = rest.indexOf(':');
            if (colon <= 0 || colon == rest.length() - 1) {
                return Optional.empty();
            }
            String limiter = rest.substring(0, colon);
            return isValidName(limiter) ? Optional.of(new RateLimitKey(limiter, rest.substring(colon + 1))) : Optional.empty();
        });
    }

    /** Limiter and client named by a rate-limit key. */
    public record RateLimitKey(String limiter, String client) {
    }

    /** Project addition: limiter name → JSON limit definition. */
    public String rateLimitConfig() {
        return prefix + ":config:ratelimits";
    }

    // ---- caches ------------------------------------------------------------------------

    /** {@code P:cache:<md5hex>} for a response cache entry; see {@link #responseCacheHash}. */
    public String responseCache(String md5Hex) {
        return prefix + ":cache:" + md5Hex;
    }

    /**
     * The response cache key exactly as the Go backend builds it: md5 (lower-case hex) of
     * {@code P:cache:}, the path, the raw query and, when a user is known, {@code u:<uid>},
     * joined by {@code :}.
     */
    public String responseCache(String path, String rawQuery, Long userId) {
        return responseCache(responseCacheHash(path, rawQuery, userId));
    }

    public String responseCacheHash(String path, String rawQuery, Long userId) {
        String material = prefix + ":cache:" + ":" + path + ":" + (rawQuery == null ? "" : rawQuery)
                + (userId == null ? "" : ":u:" + userId);
        return HexDigest.md5(material);
    }

    /** Matches response cache entries only (32 hex digits), not the {@code P:cache:user:} index sets. */
    public String responseCachePattern() {
        return prefix + ":cache:" + HEX32;
    }

    public boolean isResponseCacheKey(String key) {
        return suffixAfter(key, prefix + ":cache:").filter(s -> s.matches("[0-9a-f]{32}")).isPresent();
    }

    /** Project addition: the response cache keys stored for one user. */
    public String cacheUserIndex(long userId) {
        return prefix + ":cache:user:" + userId;
    }

    public boolean isCacheUserIndexKey(String key) {
        return suffixAfter(key, prefix + ":cache:user:").flatMap(KeySchema::parseLong).isPresent();
    }

    public String cacheUserIndexPattern() {
        return prefix + ":cache:user:*";
    }

    public String searchCache(long userId, String hash) {
        return prefix + ":search:" + userId + ":" + hash;
    }

    public String searchCachePattern() {
        return prefix + ":search:*";
    }

    public String searchCachePattern(long userId) {
        return prefix + ":search:" + userId + ":*";
    }

    /**
     * The {@code <hash>} of a search cache key: md5 (lower-case hex) of the UTF-8 search query
     * exactly as the caller received it (for example the raw query string {@code q=redis&type=note}),
     * not normalised, so two spellings never share an entry. Same digest as the response cache.
     */
    public String searchCacheHash(String query) {
        return HexDigest.md5(query == null ? "" : query);
    }

    public boolean isSearchCacheKey(String key) {
        return suffixAfter(key, prefix + ":search:").isPresent();
    }

    /** The user of {@code P:search:<uid>:<hash>}; empty for anything else. */
    public Optional<Long> parseSearchCacheUserId(String key) {
        return suffixAfter(key, prefix + ":search:").flatMap(KeySchema::leadingUserId);
    }

    public String analyticsCache(long userId, LocalDate start, LocalDate end) {
        return prefix + ":analytics:dashboard:" + userId + ":" + start + ":" + end;
    }

    public String analyticsCachePattern() {
        return prefix + ":analytics:dashboard:*";
    }

    public String analyticsCachePattern(long userId) {
        return prefix + ":analytics:dashboard:" + userId + ":*";
    }

    public boolean isAnalyticsCacheKey(String key) {
        return suffixAfter(key, prefix + ":analytics:dashboard:").isPresent();
    }

    /** The user of {@code P:analytics:dashboard:<uid>:<start>:<end>}; empty for anything else. */
    public Optional<Long> parseAnalyticsCacheUserId(String key) {
        return suffixAfter(key, prefix + ":analytics:dashboard:").flatMap(KeySchema::leadingUserId);
    }

    // ---- leaderboards ------------------------------------------------------------------

    public String leaderboard(String challengeId) {
        requireName("challenge id", challengeId);
        return prefix + ":challenge:" + challengeId + ":leaderboard";
    }

    public String leaderboardPattern() {
        return prefix + ":challenge:*:leaderboard";
    }

    /** The challenge id; empty for a key that {@link #leaderboard} could not have built (an id with ':' or '*'). */
    public Optional<String> parseLeaderboardId(String key) {
        return suffixAfter(key, prefix + ":challenge:")
                .filter(s -> s.endsWith(":leaderboard"))
                .map(s -> s.substring(0, s.length() - ":leaderboard".length()))
                .filter(KeySchema::isValidName);
    }

    // ---- pub/sub -----------------------------------------------------------------------

    public String messagesChannel(String conversationId) {
        requireName("conversation id", conversationId);
        return prefix + ":messages:" + conversationId;
    }

    public String messagesChannelPattern() {
        return prefix + ":messages:*";
    }

    public String notificationsChannel(long userId) {
        return prefix + ":notifications:" + userId;
    }

    public String notificationsChannelPattern() {
        return prefix + ":notifications:*";
    }

    /** Project addition: admin events such as {@code session.killed}. */
    public String adminEventsChannel() {
        return prefix + ":admin:events";
    }

    /** Every channel of the data model. */
    public String allChannelsPattern() {
        return prefix + ":*";
    }

    // ---- project additions: stats, audit, locks ----------------------------------------

    /** Per-minute counters, e.g. {@code stats("cache", "response", now)}. */
    public String stats(String feature, String name, Instant minute) {
        requireName("feature", feature);
        requireName("name", name);
        return prefix + ":stats:" + feature + ":" + name + ":" + MINUTE.format(minute);
    }

    public boolean isStatsKey(String key) {
        return suffixAfter(key, prefix + ":stats:").isPresent();
    }

    public String audit() {
        return prefix + ":audit";
    }

    /** Lock key; the hash tag keeps it in one slot with its fencing counter. */
    public String lock(String name) {
        requireName("lock name", name);
        return prefix + ":lock:{" + name + "}";
    }

    public boolean isLockKey(String key) {
        return suffixAfter(key, prefix + ":lock:").isPresent();
    }

    public String lockFence(String name) {
        return lock(name) + ":fence";
    }

    // ---- namespaces --------------------------------------------------------------------

    /** The key families, by the start of their names (after {@code P}). */
    public enum Namespace {
        SESSION(":session:"),
        USER_SESSIONS(":user:sessions:"),
        RATE_LIMIT(":rl:"),
        CACHE_USER_INDEX(":cache:user:"),
        RESPONSE_CACHE(":cache:"),
        SEARCH_CACHE(":search:"),
        ANALYTICS_CACHE(":analytics:"),
        LEADERBOARD(":challenge:"),
        STATS(":stats:"),
        LOCK(":lock:");

        private final String infix;

        Namespace(String infix) {
            this.infix = infix;
        }
    }

    /**
     * The family whose names {@code key} starts like, whether or not the rest parses: tells which
     * family a key that no {@code parse...} method accepts was meant for, so it can be counted there.
     */
    public Optional<Namespace> namespaceOf(String key) {
        if (key == null || !key.startsWith(prefix)) {
            return Optional.empty();
        }
        for (Namespace n : Namespace.values()) { // in declaration order: cache:user: before cache:
            if (key.startsWith(n.infix, prefix.length())) {
                return Optional.of(n);
            }
        }
        return Optional.empty();
    }

    // ---- helpers -----------------------------------------------------------------------

    private static Optional<String> suffixAfter(String key, String start) {
        if (key != null && key.startsWith(start) && key.length() > start.length()) {
            return Optional.of(key.substring(start.length()));
        }
        return Optional.empty();
    }

    private static Optional<Long> parseLong(String s) {
        try {
            return Optional.of(Long.parseLong(s));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** {@code <uid>} of {@code <uid>:<rest>}, with a non-empty rest. */
    private static Optional<Long> leadingUserId(String s) {
        int colon = s.indexOf(':');
        if (colon <= 0 || colon == s.length() - 1) {
            return Optional.empty();
        }
        return parseLong(s.substring(0, colon));
    }

    /**
     * Whether a limiter name, challenge id, ... can be one segment of a key: not empty, without
     * ':' or '*'. Every {@code parse...} method returns only names that pass, so whatever the
     * dashboard finds by scanning it can also name again to act on it.
     */
    public static boolean isValidName(String value) {
        return value != null && !value.isEmpty() && value.indexOf(':') < 0 && value.indexOf('*') < 0;
    }

    private static void requireName(String what, String value) {
        if (!isValidName(value)) {
            throw new IllegalArgumentException("Invalid " + what + ": '" + Printable.text(value) + "' (must be non-empty, without ':' or '*')");
        }
    }
}
