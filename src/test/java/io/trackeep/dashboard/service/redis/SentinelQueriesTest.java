package io.trackeep.dashboard.service.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.sentinel.api.StatefulRedisSentinelConnection;
import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.local.redis.SentinelTopology;
import io.trackeep.dashboard.testing.OnTopology;
import io.trackeep.dashboard.testing.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

@ExtendWith(RedisServerExtension.class)
@OnTopology(Topology.SENTINEL)
class SentinelQueriesTest {

    @Test
    void aSentinelWithoutAConnectionIsSkippedAndShownUnreachableAndTheNextOneAnswers(SentinelTopology set) {
        List<RedisURI> uris = LettuceOptions.sentinelUris(set.settings());
        List<String> addresses = set.sentinelAddresses();
        RedisClient client = RedisClient.create();
        try {
            // the first Sentinel is up, but this program has no connection to it, as while it is down
            AtomicReferenceArray<StatefulRedisSentinelConnection<String, String>> queries = new AtomicReferenceArray<>(uris.size());
            for (int i = 1; i < uris.size(); i++) {
                queries.set(i, client.connectSentinel(uris.get(i)));
            }
            SentinelQueries asked = new SentinelQueries(uris, queries, set.masterName());
            List<Failover> seen = List.of(new Failover(Instant.EPOCH, "127.0.0.1:1", "127.0.0.1:2", "test"));

            SentinelStatus status = asked.status(seen);

            assertThat(status.askedSentinel()).isEqualTo(addresses.get(1));
            assertThat(status.masterName()).isEqualTo(set.masterName());
            assertThat(status.quorumReachable()).as(status.quorumMessage()).isTrue();
            assertThat(status.failovers()).isEqualTo(seen);
            assertThat(status.sentinels()).extracting(SentinelStatus.Node::address, SentinelStatus.Node::reachable,
                    SentinelStatus.Node::answered).containsExactly(tuple(addresses.get(0), false, false),
                    tuple(addresses.get(1), true, true), tuple(addresses.get(2), true, false));

            DeploymentView view = asked.view();

            RedisServerProcess master = set.currentMaster().orElseThrow();
            String masterAddress = master.host() + ":" + master.port();
            assertThat(view.topology()).isEqualTo(Topology.SENTINEL);
            assertThat(view.nodes().get(0)).extracting(DeploymentView.Node::address, DeploymentView.Node::role)
                    .containsExactly(masterAddress, "master");
            assertThat(view.nodes().subList(1, view.nodes().size())).isNotEmpty()
                    .allSatisfy(n -> assertThat(n).extracting(DeploymentView.Node::role, DeploymentView.Node::masterId)
                            .containsExactly("replica", masterAddress));
            assertThat(view.sentinels()).extracting(DeploymentView.Sentinel::address, DeploymentView.Sentinel::reachable)
                    .containsExactly(tuple(addresses.get(0), false), tuple(addresses.get(1), true), tuple(addresses.get(2), true));
        } finally {
            client.shutdown();
        }
    }
}
