package io.trackeep.dashboard.service.redis;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.trackeep.dashboard.local.redis.ClusterTopology;
import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.testing.OnTopology;
import io.trackeep.dashboard.testing.RedisServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On a Cluster the monitoring connection brackets each read on the node it runs on, so every
 * master's own keyspace hits and misses are known exactly: INFO of a node, marked with what the
 * monitor did to that node, leaves exactly the others' lookups when the marks are taken off.
 * Checked against each master's own counters.
 */
@OnTopology(io.trackeep.dashboard.service.redis.Topology.CLUSTER)
@ExtendWith(RedisServerExtension.class)
class BracketedConnectionOnClusterTest {

    private final ClusterTopology cluster;
    private final RedisConnections plain;
    private RedisConnections watching;

    BracketedConnectionOnClusterTest(ClusterTopology cluster, RedisConnections plain) {
        this.cluster = cluster;
        this.plain = plain;
    }

    @BeforeEach
    void open() {
        watching = RedisConnections.openForMonitoring(cluster.settings());
    }

    @AfterEach
    void close() {
        watching.close();
    }

    @Test
    void everyReadIsCountedOnTheMasterItRanOnAndAnswersAsUsual() throws Exception {
        List<String> strings = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            plain.sync().set("s:" + i, "v" + i);
            plain.sync().hset("h:" + i, "f", "1");
            plain.sync().zadd("z:" + i, 1, "a");
            strings.add("s:" + i);
        }
        Map<RedisServerProcess, SelfAccounting.MarkedInfo> before = markedInfo();

        RedisClusterCommands<String, String> r = watching.sync();
        for (int i = 0; i < 30; i++) {
            assertThat(r.get("s:" + i)).isEqualTo("v" + i);
            assertThat(r.get("missing:" + i)).isNull();
            assertThat(r.hmget("h:" + i, "f", "g").get(0).getValue()).isEqualTo("1");
            assertThat(r.zrange("z:" + i, 0, -1)).containsExactly("a");
            assertThat(r.type("z:" + i)).isEqualTo("zset");
            assertThat((Long) r.eval("return redis.call('EXISTS', KEYS[1])", ScriptOutputType.INTEGER, "nothing:" + i)).isZero();
        }
        List<String> mixed = new ArrayList<>(strings);
        mixed.add("absent");
        assertThat(r.mget(mixed.toArray(String[]::new))).hasSize(31); // split per slot by the router, each part bracketed
        assertThat(r.exists("s:1", "h:2", "nope")).isEqualTo(2);

        Map<RedisServerProcess, SelfAccounting.MarkedInfo> after = markedInfo();
        long ownHits = 0;
        long ownMisses = 0;
        for (RedisServerProcess master : before.keySet()) {
            OwnTraffic own = after.get(master).own().since(before.get(master).own());
            assertThat(own.exact()).isTrue();
            assertThat(own.hits()).as("hits on " + master.port())
                    .isEqualTo(counter(after.get(master), "keyspace_hits") - counter(before.get(master), "keyspace_hits"));
            assertThat(own.misses()).as("misses on " + master.port())
                    .isEqualTo(counter(after.get(master), "keyspace_misses") - counter(before.get(master), "keyspace_misses"));
            ownHits += own.hits();
            ownMisses += own.misses();
        }
        assertThat(ownHits).isGreaterThanOrEqualTo(30 * 3 + 30 + 2);
        assertThat(ownMisses).isGreaterThanOrEqualTo(30 + 1 + 1);
    }

    @Test
    void othersLookupsAreWhatRemainsOnEveryMasterWhileTheMonitorReadsFromManyThreads() throws Exception {
        plain.sync().set("hot", "1");
        Map<RedisServerProcess, SelfAccounting.MarkedInfo> before = markedInfo();

        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> work = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            int thread = t;
            work.add(pool.submit(() -> {
                for (int i = 0; i < 100; i++) {
                    watching.sync().mget("hot", "cold" + thread + ":" + i);
                    watching.async().hmget("nohash" + i, "a", "b");
                }
            }));
        }
        work.add(pool.submit(() -> {
            for (int i = 0; i < 300; i++) {
                plain.sync().get("hot");
                if (i < 200) {
                    plain.sync().get("absent:" + i);
                }
            }
        }));
        for (Future<?> f : work) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();

        Map<RedisServerProcess, SelfAccounting.MarkedInfo> after = markedInfo();
        long othersHits = 0;
        long othersMisses = 0;
        for (RedisServerProcess master : before.keySet()) {
            OwnTraffic own = after.get(master).own().since(before.get(master).own());
            othersHits += counter(after.get(master), "keyspace_hits") - counter(before.get(master), "keyspace_hits") - own.hits();
            othersMisses += counter(after.get(master), "keyspace_misses") - counter(before.get(master), "keyspace_misses") - own.misses();
        }
        assertThat(othersHits).isEqualTo(300);
        assertThat(othersMisses).isEqualTo(200);
    }

    /** Every master's INFO stats, marked with the monitor's own traffic on it. */
    private Map<RedisServerProcess, SelfAccounting.MarkedInfo> markedInfo() throws Exception {
        Map<RedisServerProcess, SelfAccounting.MarkedInfo> marked = new LinkedHashMap<>();
        for (RedisServerProcess master : cluster.currentMasters()) {
            marked.put(master, SelfAccounting.info(watching, master.host(), master.port(), "stats").get(5, TimeUnit.SECONDS));
        }
        return marked;
    }

    private static long counter(SelfAccounting.MarkedInfo info, String name) {
        for (String line : info.text().split("\r?\n")) {
            if (line.startsWith(name + ":")) {
                return Long.parseLong(line.substring(name.length() + 1).strip());
            }
        }
        throw new AssertionError(name + " missing from INFO");
    }
}
