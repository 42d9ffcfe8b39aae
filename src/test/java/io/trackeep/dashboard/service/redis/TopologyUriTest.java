package io.trackeep.dashboard.service.redis;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TopologyUriTest {

    @Test
    void aSentinelUriNamesTheSentinelsTheMasterAndTheDataNodesCredentials() {
        TopologyUri t = TopologyUri.parse("redis-sentinel://app:p%2Fw+d@s1:26380,s2,[::1]:26381/3#orders");
        assertThat(t.topology()).isEqualTo(Topology.SENTINEL);
        assertThat(t.tls()).isFalse();
        assertThat(t.username()).isEqualTo("app");
        assertThat(t.password()).isEqualTo("p/w+d");
        assertThat(t.nodes()).containsExactly(new TopologyUri.Node("s1", 26380), new TopologyUri.Node("s2", 26379),
                new TopologyUri.Node("::1", 26381));
        assertThat(t.database()).isEqualTo(3);
        assertThat(t.masterName()).isEqualTo("orders");
        assertThat(t.withoutCredentials()).isEqualTo("redis-sentinel://s1:26380,s2:26379,[::1]:26381/3#orders");
        assertThat(TopologyUri.parse(t.withCredentials())).isEqualTo(t);
        assertThat(t.toString()).doesNotContain("p/w+d");
    }

    @Test
    void aClusterUriNamesSeedNodesWithTheDefaultPortAndOnlyDatabaseZero() {
        TopologyUri t = TopologyUri.parse("rediss-cluster://secret@n1:7000,n2");
        assertThat(t.topology()).isEqualTo(Topology.CLUSTER);
        assertThat(t.tls()).isTrue();
        assertThat(t.username()).isNull();
        assertThat(t.password()).isEqualTo("secret");
        assertThat(t.nodes()).containsExactly(new TopologyUri.Node("n1", 7000), new TopologyUri.Node("n2", 6379));
        assertThatThrownBy(() -> TopologyUri.parse("redis-cluster://n1/2")).hasMessageContaining("database 0 only");
        assertThatThrownBy(() -> TopologyUri.parse("redis-cluster://n1#m")).hasMessageContaining("no master");
    }

    @Test
    void mistakesAreSaidWithoutThePassword() {
        assertThatThrownBy(() -> TopologyUri.parse("redis-sentinel://u:hunter2@s1,s2")).hasMessageContaining("'#'")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> TopologyUri.parse("redis-sentinel://u:hunter2@s1,,s2#m")).hasMessageContaining("empty host")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> TopologyUri.parse("redis-cluster://u:hunter2@n1:99999")).hasMessageContaining("port")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> TopologyUri.parse("redis-cluster://u:hunter2%zz@n1")).hasMessageContaining("%25")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> TopologyUri.parse("redis://h")).hasMessageContaining("redis-sentinel://");
    }

    @Test
    void settingsKeepTheDataAndSentinelPasswordsApartAndNeverPrintThem() {
        RedisSettings s = RedisSettings.fromUri("redis-sentinel://app:data-pw@10.0.0.1:26379,10.0.0.2:26379/2#trackeep")
                .withSentinelCredentials(null, "sentinel-pw");
        assertThat(s.topology()).isEqualTo(Topology.SENTINEL);
        assertThat(s.uri()).isEqualTo("redis-sentinel://10.0.0.1:26379,10.0.0.2:26379#trackeep");
        assertThat(s.database()).isEqualTo(2);
        assertThat(s.password()).isEqualTo("data-pw");
        assertThat(s.sentinelPassword()).isEqualTo("sentinel-pw");
        assertThat(s.masterName()).isEqualTo("trackeep");
        assertThat(s.nodes()).extracting(TopologyUri.Node::port).containsExactly(26379, 26379);
        assertThat(s.toString()).doesNotContain("data-pw").doesNotContain("sentinel-pw");
        assertThat(s.describe()).doesNotContain("data-pw").doesNotContain("sentinel-pw");
        // the other settings keep the Sentinel credentials
        assertThat(s.withPrefix("x").withReadOnly(true).sentinelPassword()).isEqualTo("sentinel-pw");

        RedisSettings c = RedisSettings.fromUri("redis-cluster://n1:7000,n2:7001");
        assertThat(c.topology()).isEqualTo(Topology.CLUSTER);
        assertThat(c.host()).isEqualTo("n1");
        assertThat(c.port()).isEqualTo(7000);
        assertThat(RedisSettings.fromUri("redis://h:1").topology()).isEqualTo(Topology.STANDALONE);
        assertThat(RedisSettings.fromUri("redis://h:1").nodes()).containsExactly(new TopologyUri.Node("h", 1));
        assertThatThrownBy(() -> new RedisSettings("redis-cluster://u:pw@n1", null, null, 0, null, null, null, false, null))
                .hasMessageContaining("credentials separately");
        assertThatThrownBy(() -> new RedisSettings("redis-cluster://n1:7000,n2:7001", null, null, 1, null, null, null, false, null))
                .hasMessageContaining("database 0 only");
    }

    @Test
    void aTopologyLabelIsReadInAnyCase() {
        assertThat(Topology.ofLabel("Cluster")).isEqualTo(Topology.CLUSTER);
        assertThat(List.of(Topology.values())).extracting(Topology::label).containsExactly("standalone", "sentinel", "cluster");
        assertThatThrownBy(() -> Topology.ofLabel("ring")).hasMessageContaining("standalone, sentinel or cluster");
    }
}
