package io.trackeep.dashboard.service.health;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** The parser on INFO text captured from redis-server 6.2 (master with a replica, and the replica) and on hand-made edge cases. */
class InfoParserTest {

    @Test
    void capturedMasterInfo() throws IOException {
        RedisInfo info = InfoParser.parse(resource("info-redis-6.2-master.txt"));

        ServerInfo server = info.server();
        assertThat(server.version()).isEqualTo("6.2.11");
        assertThat(server.mode()).isEqualTo("standalone");
        assertThat(server.os()).startsWith("Linux");
        assertThat(server.processId()).isEqualTo(8236L);
        assertThat(server.tcpPort()).isEqualTo(36379);
        assertThat(server.uptimeSeconds()).isEqualTo(7L);
        assertThat(server.runId()).isEqualTo("bebef70fa0d749c2122d78fc7042d0b5477c2949");
        assertThat(server.serverTime()).isEqualTo(Instant.parse("2026-11-27T19:17:07.460119Z"));

        MemoryInfo memory = info.memory();
        assertThat(memory.usedBytes()).isEqualTo(1945736L);
        assertThat(memory.usedRssBytes()).isEqualTo(9244672L);
        assertThat(memory.peakBytes()).isEqualTo(1964696L);
        assertThat(memory.maxMemoryBytes()).isEqualTo(64L * 1024 * 1024);
        assertThat(memory.maxMemoryPolicy()).isEqualTo("allkeys-lru");
        assertThat(memory.fragmentationRatio()).isEqualTo(4.91);
        assertThat(memory.totalSystemBytes()).isEqualTo(25276510208L);
        assertThat(memory.usedFractionOfMax()).isCloseTo(1945736.0 / 67108864, org.assertj.core.data.Offset.offset(1e-12));

        assertThat(info.clients()).isEqualTo(new ClientsInfo(1L, 0L, 10000L));

        StatsInfo stats = info.stats();
        assertThat(stats.opsPerSecond()).isZero();
        assertThat(stats.totalCommands()).isEqualTo(23L);
        assertThat(stats.totalConnections()).isEqualTo(6L);
        assertThat(stats.rejectedConnections()).isZero();
        assertThat(stats.keyspaceHits()).isEqualTo(1L);
        assertThat(stats.keyspaceMisses()).isEqualTo(1L);
        assertThat(stats.hitRate()).isEqualTo(0.5);
        assertThat(stats.expiredKeys()).isZero();
        assertThat(stats.evictedKeys()).isZero();
        assertThat(stats.inputKbps()).isEqualTo(0.02);
        assertThat(stats.pubsubChannels()).isZero();

        PersistenceInfo persistence = info.persistence();
        assertThat(persistence.loading()).isFalse();
        assertThat(persistence.rdbChangesSinceLastSave()).isEqualTo(4L);
        assertThat(persistence.rdbSaveInProgress()).isFalse();
        assertThat(persistence.rdbLastSaveTime()).isEqualTo(Instant.ofEpochSecond(1795807020L));
        assertThat(persistence.rdbLastSaveStatus()).isEqualTo("ok");
        assertThat(persistence.aofEnabled()).isFalse();
        assertThat(persistence.aofLastWriteStatus()).isEqualTo("ok");
        assertThat(persistence.hasFailure()).isFalse();

        ReplicationInfo replication = info.replication();
        assertThat(replication.role()).isEqualTo("master");
        assertThat(replication.isReplica()).isFalse();
        assertThat(replication.connectedReplicas()).isEqualTo(1L);
        assertThat(replication.replicas()).containsExactly(
                new ReplicationInfo.Replica("127.0.0.1", 36380, "online", 174L, 1L));
        assertThat(replication.lagSeconds()).isEqualTo(1L);
        assertThat(replication.masterLinkStatus()).isNull();

        assertThat(info.keyspace().databases()).containsOnlyKeys(0, 2);
        assertThat(info.keyspace().databases().get(0)).isEqualTo(new KeyspaceInfo.Database(3, 1, 98775));
        assertThat(info.keyspace().totalKeys()).isEqualTo(4);

        assertThat(info.sections()).containsKeys("Server", "Clients", "Memory", "Persistence", "Stats",
                "Replication", "CPU", "Modules", "Errorstats", "Cluster", "Keyspace");
        assertThat(info.sections().get("Modules")).isEmpty();
        assertThat(info.sections().get("CPU")).containsKey("used_cpu_sys");
        assertThat(info.sections().get("Server")).containsEntry("executable", "/tmp/rcap/./redis-server-6.2.6-v5-linux-amd64");
    }

    @Test
    void capturedReplicaInfo() throws IOException {
        ReplicationInfo replication = InfoParser.parse(resource("info-redis-6.2-replica.txt")).replication();

        assertThat(replication.role()).isEqualTo("slave");
        assertThat(replication.isReplica()).isTrue();
        assertThat(replication.masterHost()).isEqualTo("127.0.0.1");
        assertThat(replication.masterPort()).isEqualTo(36379);
        assertThat(replication.masterLinkStatus()).isEqualTo("up");
        assertThat(replication.masterLastIoSecondsAgo()).isEqualTo(4L);
        assertThat(replication.masterLinkDownSinceSeconds()).isNull();
        assertThat(replication.replicas()).isEmpty();
        assertThat(replication.lagSeconds()).as("a replica cannot tell its lag in seconds").isNull();
    }

    @Test
    void replicaWhoseMasterWentAway() {
        // captured from the same replica after its master stopped (INFO replication, trimmed)
        ReplicationInfo replication = InfoParser.parse("""
                # Replication\r
                role:slave\r
                master_host:127.0.0.1\r
                master_port:36379\r
                master_link_status:down\r
                master_last_io_seconds_ago:-1\r
                master_sync_in_progress:0\r
                master_link_down_since_seconds:2\r
                connected_slaves:0\r
                master_repl_offset:188\r
                """).replication();

        assertThat(replication.masterLinkStatus()).isEqualTo("down");
        assertThat(replication.masterLastIoSecondsAgo()).isEqualTo(-1L);
        assertThat(replication.masterLinkDownSinceSeconds()).isEqualTo(2L);
        assertThat(replication.replicationOffset()).isEqualTo(188L);
    }

    @Test
    void nothingToParseGivesAnEmptyButCompleteRecord() {
        for (String raw : new String[]{"", null, "   \r\n\r\n"}) {
            RedisInfo info = InfoParser.parse(raw);
            assertThat(info.server()).isEqualTo(new ServerInfo(null, null, null, null, null, null, null, null));
            assertThat(info.memory().usedFractionOfMax()).isNull();
            assertThat(info.clients().usedFractionOfMax()).isNull();
            assertThat(info.stats().hitRate()).isNull();
            assertThat(info.persistence().hasFailure()).isFalse();
            assertThat(info.replication().replicas()).isEmpty();
            assertThat(info.replication().lagSeconds()).isNull();
            assertThat(info.keyspace().databases()).isEmpty();
            assertThat(info.sections()).isEmpty();
        }
        assertThat(RedisInfo.EMPTY.keyspace().totalKeys()).isZero();
    }

    @Test
    void oneSectionReplyFillsThatSectionOnly() {
        RedisInfo info = InfoParser.parse("# Memory\r\nused_memory:100\r\nmaxmemory:0\r\nmaxmemory_policy:noeviction\r\n");

        assertThat(info.memory().usedBytes()).isEqualTo(100L);
        assertThat(info.memory().maxMemoryBytes()).isZero();
        assertThat(info.memory().usedFractionOfMax()).as("maxmemory 0 means unlimited").isNull();
        assertThat(info.server().version()).isNull();
        assertThat(info.stats().keyspaceHits()).isNull();
        assertThat(info.sections()).containsOnlyKeys("Memory");
    }

    @Test
    void toleratesUnknownMalformedAndNewerContent() {
        String raw = String.join("\n",
                "redis_version:7.4.1",          // before any header: still read
                "# Server",
                "executable:C:\\redis\\redis-server.exe",
                "tcp_port:not-a-number",
                "uptime_in_seconds:99999999999999999999999", // beyond long
                "some_future_field:42",
                "a line without a colon",
                ":value without a name",
                "# Persistence",
                "rdb_last_save_time:9223372036854775807",   // beyond any Instant
                "rdb_last_bgsave_status:err",
                "# Stats",
                "keyspace_hits:5",
                "mem_fragmentation_ratio:nan",
                "# Weird Section",
                "# Replication",
                "role:master",
                "slave0:ip=10.0.0.2,port=6380,state=online,offset=10,lag=3",
                "slave1:10.0.0.3,6380,online",    // pre-2.8 format: skipped
                "slave10:ip=10.0.0.4,port=6381,state=wait_bgsave,offset=0,lag=0",
                "slave2:ip=10.0.0.5,port=6382,state=online,offset=9,lag=notanumber",
                "# Keyspace",
                "db0:keys=10,expires=2,avg_ttl=500,subexpiry=0",
                "db1:garbage",
                "db15:keys=1",
                "dbx:keys=4");

        RedisInfo info = InfoParser.parse(raw);

        assertThat(info.server().version()).isEqualTo("7.4.1");
        assertThat(info.server().tcpPort()).isNull();
        assertThat(info.server().uptimeSeconds()).isNull();
        assertThat(info.sections().get("Server")).containsEntry("executable", "C:\\redis\\redis-server.exe")
                .containsEntry("some_future_field", "42");
        assertThat(info.sections()).containsKey("Weird Section");
        assertThat(info.persistence().rdbLastSaveTime()).isNull();
        assertThat(info.persistence().hasFailure()).isTrue();
        assertThat(info.stats().keyspaceHits()).isEqualTo(5L);
        assertThat(info.stats().keyspaceMisses()).isNull();
        assertThat(info.stats().hitRate()).isNull();
        assertThat(info.memory().fragmentationRatio()).isNull();
        assertThat(info.replication().replicas()).extracting(ReplicationInfo.Replica::ip)
                .containsExactly("10.0.0.2", "10.0.0.5", "10.0.0.4");
        assertThat(info.replication().replicas().get(1).lagSeconds()).isNull();
        assertThat(info.replication().lagSeconds()).isEqualTo(3L);
        assertThat(info.keyspace().databases()).containsOnlyKeys(0, 15);
        assertThat(info.keyspace().databases().get(15)).isEqualTo(new KeyspaceInfo.Database(1, 0, 0));
    }

    @Test
    void neverThrowsOnArbitraryText() {
        String[] inputs = {"#", "::::", "db0:", "db0:keys=", "slave0:", "slave0:ip", "\r\r\n\n", "# \r\n:\r\n=",
                "server_time_usec:-99999999999999999", "db99999999999999:keys=1"};
        for (String input : inputs) {
            assertThatCode(() -> InfoParser.parse(input)).as(input).doesNotThrowAnyException();
        }
    }

    static String resource(String name) throws IOException {
        try (InputStream in = InfoParserTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
