package io.trackeep.dashboard.monitor.topology;

import io.trackeep.dashboard.monitor.Probe;
import io.trackeep.dashboard.service.health.DeploymentReport;
import io.trackeep.dashboard.service.redis.RedisConnections;

import java.util.Objects;

/**
 * The Topology view's reading: every data node with its role, slots, state and figures, what the
 * Sentinels say, and the failovers seen ({@link DeploymentReport}), from the tracker the Overview
 * shares, so a tick with both panels asks every node once. A few commands per node per tick, none
 * growing with the keyspace.
 */
public final class TopologyProbe implements Probe<DeploymentReport> {

    private final DeploymentTracker tracker;

    public TopologyProbe(DeploymentTracker tracker) {
        this.tracker = Objects.requireNonNull(tracker);
    }

    @Override
    public DeploymentReport collect(RedisConnections redis) {
        return tracker.recent(redis);
    }
}
