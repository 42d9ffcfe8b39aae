package io.trackeep.dashboard.monitor;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.trackeep.dashboard.monitor.caches.CachesProbe;
import io.trackeep.dashboard.monitor.caches.CachesSnapshot;
import io.trackeep.dashboard.monitor.census.CensusSnapshot;
import io.trackeep.dashboard.monitor.census.CensusTracker;
import io.trackeep.dashboard.monitor.census.KeyKind;
import io.trackeep.dashboard.monitor.leaderboards.LeaderboardsProbe;
import io.trackeep.dashboard.monitor.leaderboards.LeaderboardsSnapshot;
import io.trackeep.dashboard.monitor.overview.ServerSnapshot;
import io.trackeep.dashboard.monitor.pubsub.ChannelsProbe;
import io.trackeep.dashboard.monitor.pubsub.ChannelsSnapshot;
import io.trackeep.dashboard.monitor.ratelimits.RateLimitsProbe;
import io.trackeep.dashboard.monitor.ratelimits.RateLimitsSnapshot;
import io.trackeep.dashboard.monitor.sessions.SessionsProbe;
import io.trackeep.dashboard.monitor.sessions.SessionsSnapshot;
import io.trackeep.dashboard.service.health.Alert;
import io.trackeep.dashboard.service.health.HealthStatus;
import io.trackeep.dashboard.service.redis.RedisAccessException;
import io.trackeep.dashboard.service.redis.RedisConnections;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Everything {@code snapshot --json} prints: one object with the sections of the dashboard, in
 * this order, then what could not be read and what was not understood. A section that was not
 * collected is {@code null} in the JSON (written, not left out), as is any figure that cannot be
 * known.
 *
 * <p>{@code server} and {@code alerts} come from {@link io.trackeep.dashboard.monitor.overview.ServerProbe};
 * the other sections are the snapshots of the sessions, rate-limit, cache, leaderboard and
 * pub/sub probes, each of which serialises to its part of the format.
 *
 * <p><b>A refused section degrades, it does not abort.</b> {@link #collectOnce} reads every
 * section on its own: one that this Redis user may not read (NOPERM), that Redis answers with an
 * error, or that fails on data nobody expected is null, with the reason in {@code unavailable};
 * the others are still read. Only an unreachable Redis or failed credentials end the collection.
 *
 * @param server       server figures
 * @param alerts       alerts in force: {@code [{"rule","severity","message"}]}
 * @param sessions     {@code {"total","users","staleIds","topUsers":[...]}}, or null
 * @param rateLimits   {@code [{"limiter","algorithm","clients","limit","topClients":[...]}]}, or null
 * @param caches       {@code [{"family","keys","hits","misses","hitRate"}]}, or null
 * @param leaderboards {@code [{"id","size","top":[...]}]}, or null
 * @param channels     {@code [{"channel","subscribers"}]}, or null
 * @param unavailable  section (or part, e.g. {@code rateLimits.topClients}) → why it could not be
 *                     read; empty when everything was read
 * @param unrecognised section → keys named like that section's family that are none of its keys
 *                     (skipped, counted); only sections with such keys
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"server", "alerts", "sessions", "rateLimits", "caches", "leaderboards", "channels", "unavailable", "unrecognised"})
public record DashboardSnapshot(ServerSnapshot server, List<Alert> alerts, SessionsSnapshot sessions, RateLimitsSnapshot rateLimits,
                                CachesSnapshot caches, LeaderboardsSnapshot leaderboards, ChannelsSnapshot channels,
                                Map<String, String> unavailable, Map<String, Long> unrecognised) {

    private static final Logger log = LoggerFactory.getLogger(DashboardSnapshot.class);

    public DashboardSnapshot {
        Objects.requireNonNull(server, "server");
        alerts = alerts == null ? List.of() : List.copyOf(alerts);
        unavailable = unavailable == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(unavailable));
        unrecognised = unrecognised == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(unrecognised));
    }

    public DashboardSnapshot(ServerSnapshot server, List<Alert> alerts, SessionsSnapshot sessions, RateLimitsSnapshot rateLimits,
                             CachesSnapshot caches, LeaderboardsSnapshot leaderboards, ChannelsSnapshot channels) {
        this(server, alerts, sessions, rateLimits, caches, leaderboards, channels, Map.of(), Map.of());
    }

    /** The server section and its alerts; the other sections null. */
    public static DashboardSnapshot ofServer(ServerSnapshot server) {
        return new DashboardSnapshot(server, server.alerts(), null, null, null, null, null);
    }

    /**
     * Every section, read once (for the command line): complete census and sampling passes, then
     * each probe, each on its own (see the class comment).
     */
    public static DashboardSnapshot collectOnce(RedisConnections redis, ServerSnapshot server) {
        Map<String, String> unavailable = new LinkedHashMap<>();
        if (server.status() != HealthStatus.UP) {
            unavailable.put("server", server.report().problem() == null ? "INFO could not be read"
                    : server.report().problem().message());
        } else if (server.report().slowLogRefused() != null) {
            unavailable.put("server.slowLog", server.report().slowLogRefused() + " (slow commands are not judged)");
        }
        CensusTracker census = new CensusTracker();
        SessionsSnapshot sessions = section("sessions", unavailable, () -> SessionsProbe.once().collect(redis));
        RateLimitsSnapshot rateLimits = section("rateLimits", unavailable, () -> RateLimitsProbe.collectOnce(redis, census));
        if (rateLimits != null && rateLimits.sampling().refused() != null) {
            unavailable.put("rateLimits.topClients", rateLimits.sampling().refused());
        }
        CachesSnapshot caches = section("caches", unavailable, () -> CachesProbe.collectOnce(redis, census));
        LeaderboardsSnapshot leaderboards = section("leaderboards", unavailable, () -> LeaderboardsProbe.collectOnce(redis));
        ChannelsSnapshot channels = section("channels", unavailable, () -> ChannelsProbe.collectOnce(redis));
        return new DashboardSnapshot(server, server.alerts(), sessions, rateLimits, caches, leaderboards, channels,
                unavailable, unrecognised(redis, census, leaderboards));
    }

    /** The same snapshot, with one more section that could not be read. */
    public DashboardSnapshot withUnavailable(String section, String reason) {
        Map<String, String> more = new LinkedHashMap<>(unavailable);
        more.put(section, reason);
        return new DashboardSnapshot(server, alerts, sessions, rateLimits, caches, leaderboards, channels, more, unrecognised);
    }

    /** Whether every section was read. */
    @JsonIgnore
    public boolean complete() {
        return unavailable.isEmpty();
    }

    private static <T> T section(String name, Map<String, String> unavailable, Supplier<T> read) {
        try {
            return read.get();
        } catch (RedisAccessException e) {
            if (e.isUnavailable() || e.kind() == RedisAccessException.Kind.AUTH_FAILED) {
                throw e; // nothing else can be read either
            }
            unavailable.put(name, e.getMessage());
        } catch (RuntimeException e) {
            // data nobody expected, or a bug of ours: this section only, said and logged
            log.warn("Reading the {} section failed", name, e);
            unavailable.put(name, "could not be read (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
        return null;
    }

    /** Keys of the census's last pass that are named like a family but are none of its keys, by section. */
    private static Map<String, Long> unrecognised(RedisConnections redis, CensusTracker census, LeaderboardsSnapshot leaderboards) {
        Map<String, Long> counts = new LinkedHashMap<>();
        CensusSnapshot c = section("census", new LinkedHashMap<>(), () -> census.current(redis));
        if (c != null) {
            for (Map.Entry<KeyKind, Long> e : c.unrecognised().entrySet()) {
                counts.merge(sectionOf(e.getKey()), e.getValue(), Long::sum);
            }
        }
        counts.remove("leaderboards"); // counted by the leaderboard listing itself, as leaderboard list says
        if (leaderboards != null && leaderboards.unrecognisedKeys() > 0) {
            counts.put("leaderboards", leaderboards.unrecognisedKeys());
        }
        Map<String, Long> ordered = new LinkedHashMap<>();
        for (String s : List.of("sessions", "rateLimits", "caches", "leaderboards", "stats", "locks")) {
            if (counts.getOrDefault(s, 0L) > 0) {
                ordered.put(s, counts.get(s));
            }
        }
        return ordered;
    }

    private static String sectionOf(KeyKind kind) {
        return switch (kind) {
            case SESSION, USER_SESSIONS, SESSIONS_INDEX -> "sessions";
            case RATE_LIMIT, RATE_LIMIT_CONFIG -> "rateLimits";
            case RESPONSE_CACHE, CACHE_USER_INDEX, SEARCH_CACHE, ANALYTICS_CACHE -> "caches";
            case LEADERBOARD -> "leaderboards";
            case STATS -> "stats";
            case LOCK -> "locks";
            default -> "other";
        };
    }
}
