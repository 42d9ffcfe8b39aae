package io.trackeep.dashboard.monitor.caches;

import io.trackeep.dashboard.monitor.census.CensusTracker;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.testing.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Caches panel's "Keyspace (server)" figures are everyone's lookups but the dashboard's own,
 * over the whole deployment: on a Cluster every master's, where INFO answers for one node only.
 */
@ExtendWith(RedisServerExtension.class)
class CachesKeyspaceLookupsTest {

    @Test
    void anotherClientsLookupsAreCountedExactlyAndTheProbesOwnNot(RedisConnections other) {
        for (int i = 0; i < 30; i++) {
            other.sync().set("k:" + i, "v"); // 30 keys: on a Cluster, spread over every master
        }
        try (RedisConnections dashboard = RedisConnections.openForMonitoring(other.settings())) {
            CensusTracker census = new CensusTracker();
            CachesSnapshot before = CachesProbe.collectOnce(dashboard, census);
            for (int i = 0; i < 30; i++) {
                other.sync().get("k:" + i);
            }
            for (int i = 0; i < 20; i++) {
                other.sync().get("missing:" + i);
            }
            CachesSnapshot after = CachesProbe.collectOnce(dashboard, census);

            assertThat(after.keyspaceHits() - before.keyspaceHits()).as("hits").isEqualTo(30);
            assertThat(after.keyspaceMisses() - before.keyspaceMisses()).as("misses").isEqualTo(20);
        }
    }
}
