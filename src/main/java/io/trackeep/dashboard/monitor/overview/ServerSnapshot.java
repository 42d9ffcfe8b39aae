package io.trackeep.dashboard.monitor.overview;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.trackeep.dashboard.service.health.Alert;
import io.trackeep.dashboard.service.health.DeploymentReport;
import io.trackeep.dashboard.service.health.HealthReport;
import io.trackeep.dashboard.service.health.HealthStatus;
import io.trackeep.dashboard.service.health.RedisInfo;

import java.util.List;
import java.util.Objects;

/**
 * What the Overview shows and the {@code server} section of {@code snapshot --json}: the server's
 * figures from one health check, the alerts in force, and rates over the recent window. Immutable.
 * On a Sentinel set or a Cluster the figures are the whole deployment's
 * ({@link DeploymentReport#combined()}: on a Cluster summed over the masters), and every node's own
 * report is in {@code deployment}.
 *
 * <p>Serialized, it has exactly the nine figure fields of the {@code server} object of
 * {@code snapshot --json}; the full report, the alerts and the rates are for the window and stay out of the JSON.
 * Every figure is null when it cannot be known (Redis down, INFO refused, field not reported).
 *
 * @param version          {@code redis_version}
 * @param usedMemoryBytes  {@code used_memory}
 * @param maxMemoryBytes   {@code maxmemory}; 0 means no limit
 * @param connectedClients {@code connected_clients}
 * @param opsPerSec        {@code instantaneous_ops_per_sec}
 * @param keyspaceHits     {@code keyspace_hits} since the server started
 * @param keyspaceMisses   {@code keyspace_misses} since the server started
 * @param evictedKeys      {@code evicted_keys} since the server started
 * @param pingMicros       PING round trip in microseconds
 * @param report           the health check everything above comes from
 * @param alerts           what {@link io.trackeep.dashboard.service.health.AlertRules} found, most important rule first
 * @param recent           rates between this check and one about a minute older
 * @param warmingUp        a server this program started, too young for its caches to be warm: no hit-rate alert yet
 * @param deployment       the check of every node this comes from ({@code report} is its combined report)
 */
@JsonPropertyOrder({"version", "usedMemoryBytes", "maxMemoryBytes", "connectedClients", "opsPerSec",
        "keyspaceHits", "keyspaceMisses", "evictedKeys", "pingMicros"})
public record ServerSnapshot(String version, Long usedMemoryBytes, Long maxMemoryBytes, Long connectedClients,
                             Long opsPerSec, Long keyspaceHits, Long keyspaceMisses, Long evictedKeys, Long pingMicros,
                             @JsonIgnore HealthReport report, @JsonIgnore List<Alert> alerts, @JsonIgnore RecentRates recent,
                             @JsonIgnore boolean warmingUp, @JsonIgnore DeploymentReport deployment) {

    public ServerSnapshot {
        Objects.requireNonNull(report, "report");
        deployment = deployment == null ? DeploymentReport.standalone(report, "?") : deployment;
        alerts = alerts == null ? List.of() : List.copyOf(alerts);
        recent = recent == null ? RecentRates.NONE : recent;
    }

    /** The figures of {@code report}, with its alerts and recent rates. */
    public static ServerSnapshot of(HealthReport report, List<Alert> alerts, RecentRates recent) {
        return of(report, alerts, recent, false);
    }

    public static ServerSnapshot of(HealthReport report, List<Alert> alerts, RecentRates recent, boolean warmingUp) {
        return of(DeploymentReport.standalone(report, "?"), alerts, recent, warmingUp);
    }

    /** The figures of a whole deployment's check (its combined report), with its alerts and recent rates. */
    public static ServerSnapshot of(DeploymentReport deployment, List<Alert> alerts, RecentRates recent, boolean warmingUp) {
        HealthReport report = deployment.combined();
        RedisInfo info = report.info();
        return new ServerSnapshot(info.server().version(), info.memory().usedBytes(), info.memory().maxMemoryBytes(),
                info.clients().connected(), info.stats().opsPerSecond(), info.stats().keyspaceHits(),
                info.stats().keyspaceMisses(), info.stats().evictedKeys(), report.pingMicros(), report, alerts, recent, warmingUp,
                deployment);
    }

    @JsonIgnore
    public HealthStatus status() {
        return report.status();
    }

    @JsonIgnore
    public RedisInfo info() {
        return report.info();
    }
}
