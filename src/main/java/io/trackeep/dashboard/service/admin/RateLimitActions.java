package io.trackeep.dashboard.service.admin;

import io.trackeep.dashboard.service.events.AdminEvent;
import io.trackeep.dashboard.service.json.Json;
import io.trackeep.dashboard.service.keys.KeySchema;
import io.trackeep.dashboard.service.ratelimit.LimitDefinition;
import io.trackeep.dashboard.service.ratelimit.LimitText;
import io.trackeep.dashboard.service.ratelimit.RateLimitRegistry;
import io.trackeep.dashboard.service.ratelimit.RateLimits;
import io.trackeep.dashboard.service.ratelimit.Usage;
import io.trackeep.dashboard.service.redis.RedisAccessException;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.redis.RedisErrors;

import java.util.List;
import java.util.Objects;

/**
 * The admin actions of the Rate limits panel and the {@code ratelimit} command, planned so the
 * confirmation says exactly what happens: "Reset rate limit of client 10.0.0.7 for 'auth' (3 of
 * 5 used)?", "Change the 'general' rate limit from 100 / 1 min to 200 / 1 min (sliding window)?".
 *
 * <p>Planning reads Redis (the client's usage without consuming, the limits in force) and throws
 * {@link RedisAccessException} when it cannot; a change of algorithm is refused while planning,
 * with the service's reason, so nothing is asked that could not be done. Executions call
 * {@link RateLimits#reset} and {@link RateLimits#changeLimit}, which also announce the change on
 * {@code P:admin:events}.
 */
public final class RateLimitActions {

    private final RedisConnections redis;
    private final KeySchema keys;
    private final String actor;

    /** @param actor who acts, as it appears in the admin events */
    public RateLimitActions(RedisConnections redis, String actor) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.keys = redis.keys();
        this.actor = Objects.requireNonNull(actor, "actor");
    }

    /**
     * Forgets a client's state for one limiter, so its next request starts afresh. Works for
     * limiters without a known limit too (found only in the keyspace): the key is deleted whatever
     * its type.
     *
     * @throws IllegalArgumentException for a limiter name that cannot form a key, or an empty client
     */
    public ActionPlan<Boolean> resetClient(String limiter, String client) {
        if (client == null || client.isBlank()) {
            throw new IllegalArgumentException("Name the client to reset (an IP address, user:42, ...)");
        }
        String key = keys.rateLimit(limiter, client); // validates the limiter name
        String state = usageText(limiter, client, key);
        return new ActionPlan<>("ratelimit.reset", limiter + ":" + client,
                "Reset rate limit of client " + client + " for '" + limiter + "' (" + state + ")?",
                List.of("Deletes " + key,
                        "Publishes " + AdminEvent.RATE_LIMIT_RESET + " on " + keys.adminEventsChannel(),
                        "The client's next request starts with its full limit"),
                "Reset rate limit",
                () -> {
                    try (RateLimits limits = new RateLimits(redis)) {
                        return limits.reset(limiter, client, actor);
                    }
                },
                existed -> existed
                        ? "Reset rate limit of " + client + " for '" + limiter + "' (was " + state + ")"
                        : "Nothing to reset: " + client + " had no state for '" + limiter + "'");
    }

    /**
     * Sets a limiter's limit in {@code P:config:ratelimits}. Backends built on this service layer
     * apply it within their config refresh (5 s by default); the Go backend keeps its own limits.
     *
     * @throws IllegalArgumentException when the change would switch the algorithm (the service's
     *                                  reason), or changes nothing
     */
    public ActionPlan<LimitDefinition> changeLimit(String limiter, LimitDefinition wanted) {
        Objects.requireNonNull(wanted, "wanted");
        keys.rateLimitPattern(limiter); // validates the name
        LimitDefinition current = new RateLimitRegistry(redis).load().find(limiter).orElse(null);
        RateLimitRegistry.requireSameAlgorithm(limiter, current, wanted);
        if (wanted.equals(current)) {
            throw new IllegalArgumentException("The '" + limiter + "' rate limit already is " + LimitText.of(wanted));
        }
        String question = current == null
                ? "Define the '" + limiter + "' rate limit as " + LimitText.rate(wanted) + " (" + LimitText.algorithm(wanted.algorithm()) + ")?"
                : "Change the '" + limiter + "' rate limit from " + LimitText.rate(current) + " to " + LimitText.rate(wanted)
                + " (" + LimitText.algorithm(wanted.algorithm()) + ")?";
        return new ActionPlan<>("ratelimit.change", limiter, question,
                List.of("Writes '" + limiter + "' in " + keys.rateLimitConfig() + ": " + Json.write(wanted),
                        "Publishes " + AdminEvent.RATE_LIMIT_CHANGED + " on " + keys.adminEventsChannel(),
                        "Backends using this service layer apply it within about 5 s; the Go backend keeps its built-in limits"),
                "Change limit",
                () -> {
                    try (RateLimits limits = new RateLimits(redis)) {
                        limits.changeLimit(limiter, wanted, actor);
                        return wanted;
                    }
                },
                applied -> "Rate limit '" + limiter + "' is now " + LimitText.of(applied)
                        + (current == null ? "" : " (was " + LimitText.rate(current) + ")"));
    }

    /** "3 of 5 used", "nothing used", "limit unknown", read without consuming anything. */
    private String usageText(String limiter, String client, String key) {
        long exists = RedisErrors.call("Reading " + key, () -> redis.sync().exists(key));
        if (exists == 0) {
            return "nothing used";
        }
        try (RateLimits limits = new RateLimits(redis)) {
            if (limits.refresh().find(limiter).isEmpty()) {
                return "limit unknown: no limit is defined for '" + limiter + "'";
            }
            Usage u = limits.usage(limiter, client);
            return u.used() + " of " + u.limit() + " used";
        } catch (RedisAccessException e) {
            if (e.isUnavailable()) {
                throw e;
            }
            return "usage unreadable: " + e.getMessage(); // e.g. a key of another type; the reset replaces it
        }
    }
}
