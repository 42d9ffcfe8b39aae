package io.trackeep.dashboard.ui.overview;

import io.trackeep.dashboard.monitor.census.CensusSnapshot;
import io.trackeep.dashboard.monitor.overview.ServerSnapshot;

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
}
