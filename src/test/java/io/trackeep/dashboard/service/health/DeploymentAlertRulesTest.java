package io.trackeep.dashboard.service.health;

import io.trackeep.dashboard.service.health.Alert.Severity;
import io.trackeep.dashboard.service.redis.Failover;
import io.trackeep.dashboard.service.redis.OwnTraffic;
import io.trackeep.dashboard.service.redis.RedisAccessException;
import io.trackeep.dashboard.service.redis.SentinelStatus;
import io.trackeep.dashboard.service.redis.Topology;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The alerts of a Sentinel set and a Cluster, as a pure function of checks built from INFO text. */
class DeploymentAlertRulesTest {

    private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
    private static final AlertThresholds DEFAULTS = AlertThresholds.DEFAULTS;
    private static final String OK = "cluster_state:ok\ncluster_slots_assigned:16384\ncluster_slots_ok:16384\n"
            + "cluster_slots_pfail:0\ncluster_slots_fail:0\ncluster_current_epoch:6\n";
    private static final String FAILING = "cluster_state:fail\ncluster_slots_assigned:16384\ncluster_slots_ok:10923\n"
            + "cluster_slots_pfail:0\ncluster_slots_fail:5461\ncluster_current_epoch:6\n";

    @Test
    void aHealthyClusterRaisesNothing() {
        assertThat(evaluate(cluster(healthyNodes(OK), List.of()))).isEmpty();
    }

    @Test
    void aKilledMasterIsANodeDownAFailingClusterAndFailingSlots() {
        List<NodeHealth> nodes = healthyNodes(FAILING);
        nodes.set(0, new NodeHealth("m1", "10.0.0.1:7000", "master", null, List.of("0-5460"), List.of("fail"), down(), null));

        List<Alert> alerts = evaluate(cluster(nodes, List.of()));

        assertThat(alerts).extracting(Alert::rule)
                .containsExactly(AlertRules.CLUSTER_STATE, AlertRules.SLOTS, AlertRules.NODE_DOWN);
        assertThat(alerts).allMatch(a -> a.severity() == Severity.CRITICAL);
        assertThat(alerts.get(0).message()).contains("fail on 5 of 5 nodes");
        assertThat(alerts.get(1).message()).startsWith("5461 slots have no working master");
        assertThat(alerts.get(2).message()).contains("10.0.0.1:7000 (master of slots 0-5460)", "connection refused", "marked fail");
    }

    @Test
    void afterTheFailoverTheNewMasterHasNoReplicaAndTheFailoverIsSaidForFiveMinutes() {
        List<NodeHealth> nodes = healthyNodes(OK);
        nodes.set(0, new NodeHealth("m1", "10.0.0.1:7000", "master", null, List.of(), List.of("fail"), down(), null));
        nodes.set(3, new NodeHealth("r1", "10.0.0.4:7003", "master", null, List.of("0-5460"), List.of(), up(T0, "role:master"),
                ClusterInfo.parse(OK)));
        Failover failover = new Failover(T0.minusSeconds(30), "10.0.0.1:7000", "10.0.0.4:7003", "its master failed");

        List<Alert> alerts = evaluate(cluster(nodes, List.of(failover)));

        assertThat(alerts).extracting(Alert::rule).containsExactly(AlertRules.NODE_DOWN, AlertRules.NO_REPLICA, AlertRules.FAILOVER);
        assertThat(alerts.get(0).severity()).as("a failed node without slots").isEqualTo(Severity.WARNING);
        assertThat(alerts.get(1).message()).startsWith("Master 10.0.0.4:7003 (slots 0-5460) has no working replica");
        assertThat(alerts.get(2).message()).startsWith("Failover 30 s ago: 10.0.0.4:7003 replaced 10.0.0.1:7000 as master");

        Failover old = new Failover(T0.minus(AlertRules.FAILOVER_RECENT).minusSeconds(1), "10.0.0.1:7000", "10.0.0.4:7003", "");
        assertThat(evaluate(cluster(nodes, List.of(old)))).extracting(Alert::rule).doesNotContain(AlertRules.FAILOVER);
    }

    @Test
    void aReplicaWithItsLinkDownLeavesItsMasterWithoutAWorkingReplica() {
        List<NodeHealth> nodes = healthyNodes(OK);
        nodes.set(4, new NodeHealth("r2", "10.0.0.5:7004", "replica", "m2", List.of(), List.of(),
                up(T0, "role:slave", "master_host:10.0.0.2", "master_port:7001", "master_link_status:down"), ClusterInfo.parse(OK)));

        List<Alert> alerts = evaluate(cluster(nodes, List.of()));

        assertThat(alerts).extracting(Alert::rule).containsExactly(AlertRules.REPLICATION_LAG, AlertRules.NO_REPLICA);
        assertThat(alerts.get(0).message()).startsWith("On 10.0.0.5:7004 (replica): This replica lost the link");
        assertThat(alerts.get(1).message()).startsWith("Master 10.0.0.2:7001 (slots 5461-10922)");
    }

    @Test
    void oneServerRulesRunOnEveryNodeAndNameTheWorstWithTheOthers() {
        List<NodeHealth> nodes = healthyNodes(OK);
        nodes.set(1, withInfo(nodes.get(1), "used_memory:850", "maxmemory:1000"));
        nodes.set(2, withInfo(nodes.get(2), "used_memory:990", "maxmemory:1000"));

        List<Alert> alerts = evaluate(cluster(nodes, List.of()));

        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.rule()).isEqualTo(AlertRules.MEMORY);
            assertThat(a.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(a.message()).startsWith("On 10.0.0.3:7002 (master): Memory at 99 %")
                    .endsWith("(also on 1 other node: 10.0.0.2:7001)");
        });
    }

    @Test
    void theHitRateIsTheMastersTogetherWithoutTheDashboardsReadsOnEach() {
        List<NodeHealth> nodes = healthyNodes(OK);
        // 90 % and 10 %: each alone says little, together 50 %; the dashboard's 100 misses on the first are left out
        nodes.set(0, withReport(nodes.get(0), up(T0, new OwnTraffic(0, 100, 100, 0, true), "keyspace_hits:900", "keyspace_misses:200")));
        nodes.set(1, withReport(nodes.get(1), up(T0, new OwnTraffic(0, 0, 0, 0, true), "keyspace_hits:100", "keyspace_misses:900")));
        nodes.set(2, withReport(nodes.get(2), up(T0, new OwnTraffic(0, 0, 0, 0, true), "keyspace_hits:0", "keyspace_misses:0")));

        DeploymentReport report = cluster(nodes, List.of());

        assertThat(KeyspaceLookups.sinceStart(report.combined())).isEqualTo(new KeyspaceLookups(1000, 1000, true, null));
        assertThat(evaluate(report)).singleElement().extracting(Alert::rule).isEqualTo(AlertRules.HIT_RATE);
    }

    @Test
    void aSentinelQuorumThatCannotBeReachedIsCriticalAnUnreachableSentinelAWarning() {
        SentinelStatus lost = sentinels(false, "NOQUORUM 1 usable Sentinels. Not enough available Sentinels to reach the specified quorum",
                true, false, false);
        assertThat(evaluate(sentinelSet(lost))).singleElement().satisfies(a -> {
            assertThat(a.rule()).isEqualTo(AlertRules.SENTINEL_QUORUM);
            assertThat(a.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(a.message()).startsWith("Sentinel quorum not reachable: NOQUORUM").contains("1 of 3 Sentinels usable, quorum 2");
        });
        SentinelStatus oneDown = sentinels(true, "OK 2 usable Sentinels", true, true, false);
        assertThat(evaluate(sentinelSet(oneDown))).singleElement().satisfies(a -> {
            assertThat(a.severity()).isEqualTo(Severity.WARNING);
            assertThat(a.message()).startsWith("Sentinel 10.0.1.3:26379 is down");
        });
        assertThat(evaluate(sentinelSet(sentinels(true, "OK", true, true, true)))).isEmpty();
    }

    @Test
    void oneServerIsJudgedExactlyAsBefore() {
        HealthReport report = up(T0, "keyspace_hits:1", "keyspace_misses:99");
        assertThat(AlertRules.evaluate(DeploymentReport.standalone(report, "h:1"), null, DEFAULTS, Duration.ZERO))
                .isEqualTo(AlertRules.evaluate(report, null, DEFAULTS));
    }

    // --- fixtures ---------------------------------------------------------------------------------

    private static List<Alert> evaluate(DeploymentReport report) {
        return AlertRules.evaluate(report, null, DEFAULTS, Duration.ZERO);
    }

    /** Three masters (10.0.0.1-3) with a replica each (10.0.0.4-6), all answering with this CLUSTER INFO. */
    private static List<NodeHealth> healthyNodes(String clusterInfo) {
        List<NodeHealth> nodes = new ArrayList<>();
        String[] slots = {"0-5460", "5461-10922", "10923-16383"};
        for (int i = 0; i < 3; i++) {
            nodes.add(new NodeHealth("m" + (i + 1), "10.0.0." + (i + 1) + ":" + (7000 + i), "master", null, List.of(slots[i]), List.of(),
                    up(T0, "role:master", "slave0:ip=10.0.0." + (i + 4) + ",port=" + (7003 + i) + ",state=online,offset=5,lag=0"),
                    ClusterInfo.parse(clusterInfo)));
        }
        for (int i = 0; i < 3; i++) {
            nodes.add(new NodeHealth("r" + (i + 1), "10.0.0." + (i + 4) + ":" + (7003 + i), "replica", "m" + (i + 1), List.of(), List.of(),
                    up(T0, "role:slave", "master_host:10.0.0." + (i + 1), "master_port:" + (7000 + i), "master_link_status:up"),
                    ClusterInfo.parse(clusterInfo)));
        }
        return nodes;
    }

    private static DeploymentReport cluster(List<NodeHealth> nodes, List<Failover> failovers) {
        List<HealthReport> masters = nodes.stream().filter(n -> n.servesData(true)).map(NodeHealth::report).toList();
        HealthReport combined = DeploymentReport.combine(T0, 100L, null, masters, nodes.stream().map(NodeHealth::report).toList());
        return new DeploymentReport(Topology.CLUSTER, T0, combined, nodes, null, failovers);
    }

    private static DeploymentReport sentinelSet(SentinelStatus status) {
        HealthReport master = up(T0, "role:master", "slave0:ip=10.0.1.10,port=6380,state=online,offset=5,lag=0");
        List<NodeHealth> nodes = List.of(
                new NodeHealth("10.0.1.9:6379", "10.0.1.9:6379", "master", null, List.of(), List.of(), master, null),
                new NodeHealth("10.0.1.10:6380", "10.0.1.10:6380", "replica", "10.0.1.9:6379", List.of(), List.of(),
                        up(T0, "role:slave", "master_link_status:up"), null));
        return new DeploymentReport(Topology.SENTINEL, T0, master, nodes, status, List.of());
    }

    private static SentinelStatus sentinels(boolean reachable, String answer, boolean... up) {
        List<SentinelStatus.Node> nodes = new ArrayList<>();
        for (int i = 0; i < up.length; i++) {
            nodes.add(new SentinelStatus.Node("10.0.1." + (i + 1) + ":26379", up[i], List.of(), i == 0));
        }
        return new SentinelStatus("trackeep", "10.0.1.1:26379", 2, List.of(), 1L, reachable, answer, nodes, List.of());
    }

    private static NodeHealth withInfo(NodeHealth n, String... fields) {
        List<String> all = new ArrayList<>(List.of(fields));
        all.add("role:" + (n.master() ? "master" : "slave"));
        return withReport(n, up(T0, all.toArray(String[]::new)));
    }

    private static NodeHealth withReport(NodeHealth n, HealthReport report) {
        return new NodeHealth(n.id(), n.address(), n.role(), n.masterId(), n.slots(), n.flags(), report, n.cluster());
    }

    private static HealthReport down() {
        return new HealthReport(HealthStatus.DOWN, T0, null, null, null,
                new HealthProblem(RedisAccessException.Kind.UNREACHABLE, "connection refused"));
    }

    private static HealthReport up(Instant at, String... fields) {
        return up(at, OwnTraffic.NOT_COUNTED, fields);
    }

    private static HealthReport up(Instant at, OwnTraffic own, String... fields) {
        String text = "run_id:run1\r\n" + String.join("\r\n", fields) + "\r\n";
        return new HealthReport(HealthStatus.UP, at, 100L, InfoParser.parse(text), List.of(), null, own, null);
    }
}
