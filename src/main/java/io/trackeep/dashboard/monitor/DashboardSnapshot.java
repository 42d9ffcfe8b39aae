package io.trackeep.dashboard.monitor;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.trackeep.dashboard.monitor.caches.CachesProbe;
import io.trackeep.dashboard.monitor.caches.CachesSnapshot;
import io.trackeep.dashboard.monitor.census.CensusTracker;
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
import io.trackeep.dashboard.service.redis.RedisConnections;

import java.util.List;
import java.util.Objects;

/**
 * Everything {@code snapshot --json} prints: one object with the sections of the
 * dashboard, in this order. A section that was not collected is {@code null} in the JSON (written,
 * not left out), as is any figure that cannot be known.
 *
 * <p>{@code server} and {@code alerts} come from {@link io.trackeep.dashboard.monitor.overview.ServerProbe};
 * the other sections are the snapshots of the sessions, rate-limit, cache, leaderboard and
 * pub/sub probes, each of which serialises to its part of the format.
 *
 * @param server       server figures
 * @param alerts       alerts in force: {@code [{"rule","severity","message"}]}
 * @param sessions     {@code {"total","users","staleIds","topUsers":[...]}}, or null
 * @param rateLimits   {@code [{"limiter","algorithm","clients","limit","topClients":[...]}]}, or null
 * @param caches       {@code [{"family","keys","hits","misses","hitRate"}]}, or null
 * @param leaderboards {@code [{"id","size","top":[...]}]}, or null
 * @param channels     {@code [{"channel","subscribers"}]}, or null
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"server", "alerts", "sessions", "rateLimits", "caches", "leaderboards", "channels"})
public record DashboardSnapshot(ServerSnapshot server, List<Alert> alerts, SessionsSnapshot sessions, RateLimitsSnapshot rateLimits,
                                CachesSnapshot caches, LeaderboardsSnapshot leaderboards, ChannelsSnapshot channels) {

    public DashboardSnapshot {
        Objects.requireNonNull(server, "server");
        alerts = alerts == null ? List.of() : List.copyOf(alerts);
    }

    /** The server section and its alerts; the other sections null. */
    public static DashboardSnapshot ofServer(ServerSnapshot server) {
        return new DashboardSnapshot(server, server.alerts(), null, null, null, null, null);
    }

    /** Every section, read once (for the command line): complete census and sampling passes, then each probe. */
    public static DashboardSnapshot collectOnce(RedisConnections redis, ServerSnapshot server) {
        CensusTracker census = new CensusTracker();
        return new DashboardSnapshot(server, server.alerts(),
                SessionsProbe.once().collect(redis),
                RateLimitsProbe.collectOnce(redis, census),
                CachesProbe.collectOnce(redis, census),
                LeaderboardsProbe.collectOnce(redis),
                ChannelsProbe.collectOnce(redis));
    }
}
