package io.trackeep.dashboard.monitor.overview;

import io.trackeep.dashboard.monitor.Probe;
import io.trackeep.dashboard.monitor.topology.DeploymentTracker;
import io.trackeep.dashboard.service.health.Alert;
import io.trackeep.dashboard.service.health.AlertRules;
import io.trackeep.dashboard.service.health.AlertThresholds;
import io.trackeep.dashboard.service.health.DeploymentReport;
import io.trackeep.dashboard.service.redis.RedisConnections;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The Overview's figures and alerts: one {@link DeploymentCheck} (on each node PING, then INFO and
 * the newest slow log entries and the RDB schedule pipelined: at most five commands per node, none
 * growing with the keyspace; on one server exactly its {@code HealthCheck}), evaluated by
 * {@link AlertRules} against a check about a minute older ({@link ReportHistory}).
 *
 * <p>Never throws: an unreachable Redis, a timeout or a wrong password gives a snapshot whose
 * report is DOWN, whose figures are null and whose only alert is {@link AlertRules#DOWN}; a user
 * who may PING but not INFO gets a PARTIAL report without figures and without alerts. A refused
 * SLOWLOG or CONFIG (ACL) only leaves those figures out.
 *
 * <p>Keeps state between calls (the history for rates); a different connection starts afresh.
 * Meant for one thread at a time (the refresh thread, or a command once).
 */
public final class ServerProbe implements Probe<ServerSnapshot> {

    private final Supplier<AlertThresholds> thresholds;
    private final Predicate<RedisConnections> startedHere;
    private final DeploymentTracker tracker;
    private RedisConnections connection;
    private ReportHistory<DeploymentReport> history;

    /**
     * @param thresholds  read on every collect, so edited thresholds apply from the next refresh
     * @param startedHere whether this program started that server (the local instance): then its
     *                    cold caches raise no hit-rate alert for {@link AlertRules#WARM_UP}
     */
    public ServerProbe(Supplier<AlertThresholds> thresholds, Predicate<RedisConnections> startedHere) {
        this(thresholds, startedHere, new DeploymentTracker());
    }

    /** With the window's shared tracker (the Topology view reads the same checks). */
    public ServerProbe(Supplier<AlertThresholds> thresholds, Predicate<RedisConnections> startedHere, DeploymentTracker tracker) {
        this.thresholds = Objects.requireNonNull(thresholds);
        this.startedHere = Objects.requireNonNull(startedHere);
        this.tracker = Objects.requireNonNull(tracker);
    }

    public ServerProbe(AlertThresholds thresholds) {
        this(() -> thresholds, redis -> false);
    }

    @Override
    public ServerSnapshot collect(RedisConnections redis) {
        if (redis != connection) {
            connection = redis;
            history = new ReportHistory<>(DeploymentReport::combined);
        }
        DeploymentReport report = tracker.check(redis);
        DeploymentReport baseline = history.baseline(report);
        Duration warmUp = startedHere.test(redis) ? AlertRules.WARM_UP : Duration.ZERO;
        List<Alert> alerts = AlertRules.evaluate(report, baseline, thresholds.get(), warmUp);
        Long uptime = report.combined().info().server().uptimeSeconds();
        boolean warming = report.combined().isUp() && uptime != null && uptime < warmUp.toSeconds();
        RecentRates recent = RecentRates.between(baseline == null ? null : baseline.combined(), report.combined());
        history.add(report);
        return ServerSnapshot.of(report, alerts, recent, warming);
    }
}
