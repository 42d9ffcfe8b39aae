package io.trackeep.dashboard.ui.overview;

import io.trackeep.dashboard.monitor.Probe;
import io.trackeep.dashboard.monitor.census.CensusSnapshot;
import io.trackeep.dashboard.monitor.census.CensusTracker;
import io.trackeep.dashboard.monitor.overview.ServerProbe;
import io.trackeep.dashboard.monitor.overview.ServerSnapshot;
import io.trackeep.dashboard.monitor.topology.DeploymentTracker;
import io.trackeep.dashboard.service.health.AlertThresholds;
import io.trackeep.dashboard.service.health.HealthStatus;
import io.trackeep.dashboard.service.redis.RedisAccessException;
import io.trackeep.dashboard.service.redis.RedisConnections;

import java.util.Objects;

/**
 * What one refresh of the Overview hands to the FX thread. Immutable.
 *
 * @param server        the server figures and alerts
 * @param census        the keyspace census, or null when it was not advanced (panel hidden) or failed
 * @param censusProblem why the census is missing (e.g. SCAN not permitted), or null
 */
public record OverviewUpdate(ServerSnapshot server, CensusSnapshot census, String censusProblem) {

    public OverviewUpdate {
        Objects.requireNonNull(server, "server");
    }

    /**
     * The Overview's refresh: the server figures and alerts ({@link ServerProbe}, at most four
     * commands), and while the Overview is visible the census's next paced step. The census is
     * secondary: its failure (e.g. SCAN not permitted) is shown, not thrown.
     */
    static final class Reads implements Probe<OverviewUpdate> {
        private final ServerProbe server;
        private final CensusTracker census;
        // The choices below are set on the FX thread and read on the refresh thread.
        private volatile AlertThresholds thresholds = AlertThresholds.DEFAULTS;
        private volatile boolean onLocalInstance; // a local instance's cold caches raise no alert at first
        private volatile boolean visible; // only the Overview's strip shows the census

        Reads(CensusTracker census, DeploymentTracker deployment) {
            this.census = census;
            this.server = new ServerProbe(() -> thresholds, redis -> onLocalInstance, deployment);
        }

        void thresholds(AlertThresholds t) {
            thresholds = t;
        }

        void onLocalInstance(boolean local) {
            onLocalInstance = local;
        }

        void visible(boolean shown) {
            visible = shown;
        }

        @Override
        public OverviewUpdate collect(RedisConnections redis) {
            ServerSnapshot figures = server.collect(redis);
            CensusSnapshot counted = null;
            String problem = null;
            if (visible && figures.status() == HealthStatus.UP) {
                try {
                    counted = census.current(redis);
                } catch (RedisAccessException e) {
                    problem = "not counted: " + e.getMessage();
                }
            }
            return new OverviewUpdate(figures, counted, problem);
        }
    }
}
