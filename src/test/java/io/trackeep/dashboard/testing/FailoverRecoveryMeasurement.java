package io.trackeep.dashboard.testing;

import io.trackeep.dashboard.local.redis.ClusterTopology;
import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.local.redis.SentinelTopology;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.redis.RedisSettings;
import io.trackeep.dashboard.ui.connect.ConnectionState;
import io.trackeep.dashboard.ui.panel.StandardPanels;
import io.trackeep.dashboard.ui.task.RefreshLoop;
import io.trackeep.dashboard.ui.topology.TopologyPanel;
import io.trackeep.dashboard.ui.topology.TopologyViewModel;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures failover-to-recovered times on real topologies, the dashboard's beside the service
 * layer's, in the same run: a Cluster of 3 masters with a replica each ({@code kill -9} of a
 * master; {@code CLUSTER FAILOVER} asked of a replica) and a Sentinel set of a master, a replica
 * and 3 Sentinels ({@code kill -9} of the master; {@code SENTINEL FAILOVER}). Each fault runs on a
 * topology of its own, started for it.
 *
 * <p>From the fault, the first time each of these holds:
 * <ul>
 *   <li><b>promoted</b>: the replica answers {@code ROLE} as a master (Redis's own part);</li>
 *   <li><b>service layer</b>: a {@link RedisConnections} opened before the fault writes a key
 *       served by the failed master (a SET every 10 ms);</li>
 *   <li><b>window reads</b>: the window's refresh loop, which runs every panel's reads, has read
 *       that key on a tick after the fault, and the window shows no banner;</li>
 *   <li><b>window topology</b>: its Topology panel lists the promoted node as a master.</li>
 * </ul>
 * Each line gives the times from the fault and from the promotion. A manual failover interrupts
 * little (writes are paused for the switch), so there the service layer and the window's reads
 * may succeed before the promotion; the topology shown is what moves.
 *
 * <p>Not part of the suite (the name does not end in {@code Test}); run it on a quiet machine:
 * <pre>
 *   ./mvnw -q test -Dtest=FailoverRecoveryMeasurement -Dsurefire.failIfNoSpecifiedTests=false [-Drounds=3]
 * </pre>
 * Prints one line per fault and round and writes them to {@code target/failover-recovery-times.txt}.
 */
class FailoverRecoveryMeasurement extends LivePanelTestSupport {

    private static final Duration RECOVERY = Duration.ofSeconds(90);
    private static final Duration SETTLED = Duration.ofSeconds(60);

    private final List<String> lines = new ArrayList<>();

    @Test
    void measure() throws Exception {
        int rounds = Integer.getInteger("rounds", 3);
        for (int round = 1; round <= rounds; round++) {
            clusterMasterKilled(round);
            clusterManualFailover(round);
            sentinelMasterKilled(round);
            sentinelManualFailover(round);
        }
        Path out = Path.of("target", "failover-recovery-times.txt");
        Files.write(out, lines);
        System.out.println("[failover] written to " + out.toAbsolutePath());
    }

    private void clusterMasterKilled(int round) throws Exception {
        try (ClusterTopology cluster = ClusterTopology.start()) {
            RedisServerProcess victim = cluster.startedMaster(0);
            RedisServerProcess replica = cluster.nodes().get(cluster.masterCount());
            measure("Cluster, master killed", round, cluster.settings(), victim, replica, victim::kill);
        }
    }

    private void clusterManualFailover(int round) throws Exception {
        try (ClusterTopology cluster = ClusterTopology.start()) {
            RedisServerProcess master = cluster.startedMaster(0);
            RedisServerProcess replica = cluster.nodes().get(cluster.masterCount());
            measure("Cluster, CLUSTER FAILOVER", round, cluster.settings(), master, replica, () -> {
                try (RedisConnections direct = RedisConnections.open(replica.settings())) {
                    direct.sync().clusterFailover(false);
                }
            });
        }
    }

    private void sentinelMasterKilled(int round) throws Exception {
        try (SentinelTopology sentinel = SentinelTopology.start()) {
            RedisServerProcess master = sentinel.currentMaster().orElseThrow();
            RedisServerProcess replica = sentinel.dataNodes().stream().filter(n -> n != master).findFirst().orElseThrow();
            measure("Sentinel, master killed", round, sentinel.settings(), master, replica, master::kill);
        }
    }

    private void sentinelManualFailover(int round) throws Exception {
        try (SentinelTopology sentinel = SentinelTopology.start()) {
            RedisServerProcess master = sentinel.currentMaster().orElseThrow();
            RedisServerProcess replica = sentinel.dataNodes().stream().filter(n -> n != master).findFirst().orElseThrow();
            measure("Sentinel, SENTINEL FAILOVER", round, sentinel.settings(), master, replica, () -> {
                try (RedisConnections redis = RedisConnections.open(sentinel.settings())) {
                    redis.sentinelFailover();
                }
            });
        }
    }

    private void measure(String fault, int round, RedisSettings settings, RedisServerProcess master, RedisServerProcess replica,
                         Runnable inject) throws Exception {
        openWindow(settings, false);
        try (RedisConnections service = RedisConnections.open(settings)) {
            String key = keyServedBy(master, service);
            TopologyViewModel topology = ((TopologyPanel) show(StandardPanels.TOPOLOGY.id())).viewModel();
            String promoted = "127.0.0.1:" + replica.port();
            AtomicLong windowRead = new AtomicLong();
            try (RefreshLoop.Registration probe = window.refreshLoop().register("failover-probe", redis -> {
                long started = System.nanoTime(); // a read sent before the fault proves nothing
                redis.sync().get(key);
                windowRead.set(started);
            })) {
                waitUntil("the window live on a healthy deployment", SETTLED, () -> windowRead.get() != 0 && windowHealthy()
                        && callFx(() -> topology.stateProperty().get() == TopologyViewModel.State.OK));
                service.sync().set(key, "before");

                long faultAt = System.nanoTime();
                inject.run();
                List<FirstSuccess> watchers = List.of(
                        FirstSuccess.watch("promoted", () -> answersAsMaster(replica)),
                        FirstSuccess.watch("service layer", () -> "OK".equals(service.sync().set(key, "after"))),
                        FirstSuccess.watch("window reads", () -> windowRead.get() - faultAt > 0 && windowHealthy()),
                        FirstSuccess.watch("window topology", () -> callFx(() -> topology.nodes().rows().stream()
                                .anyMatch(r -> r.address().equals(promoted) && r.role().equals("master")))));
                List<Long> at = new ArrayList<>();
                for (FirstSuccess w : watchers) {
                    at.add(w.await(RECOVERY));
                }
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-27s round %d: from the fault:", fault, round));
                for (int i = 0; i < watchers.size(); i++) {
                    line.append(String.format(Locale.ROOT, " %s %.2f s,", watchers.get(i).name(), (at.get(i) - faultAt) / 1e9));
                }
                line.setLength(line.length() - 1);
                line.append("; after the promotion:");
                for (int i = 1; i < watchers.size(); i++) {
                    line.append(String.format(Locale.ROOT, " %s %+.2f s,", watchers.get(i).name(), (at.get(i) - at.get(0)) / 1e9));
                }
                lines.add(line.substring(0, line.length() - 1));
                System.out.println("[failover] " + lines.get(lines.size() - 1));
            }
        } finally {
            closeWindow();
        }
    }

    private boolean windowHealthy() {
        return callFx(() -> window.connection().state() == ConnectionState.CONNECTED && window.viewModel().banners().isEmpty());
    }

    /** A key the master serves: any key on one server; on a Cluster, one of its slots (another node answers MOVED). */
    private static String keyServedBy(RedisServerProcess master, RedisConnections deployment) {
        try (RedisConnections direct = RedisConnections.open(master.settings())) {
            for (int i = 0; ; i++) {
                String key = deployment.keys().prefix() + ":failover-probe:" + i;
                try {
                    direct.sync().get(key);
                    return key;
                } catch (RuntimeException moved) {
                    // served by another master
                }
            }
        }
    }

    private static boolean answersAsMaster(RedisServerProcess node) {
        try (RedisConnections direct = RedisConnections.open(node.settings())) {
            return "master".equals(String.valueOf(direct.sync().role().get(0)));
        }
    }
}
