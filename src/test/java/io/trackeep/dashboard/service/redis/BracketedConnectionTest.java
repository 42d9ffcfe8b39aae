package io.trackeep.dashboard.service.redis;

import io.lettuce.core.AclSetuserArgs;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.protocol.CommandType;
import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.testing.RedisServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The monitoring connection counts exactly the keyspace hits and misses its own reads cause, so
 * the dashboard can leave them out of the hit rate; and reads through it answer as usual.
 * Checked against the server's own counters, read on another connection.
 */
@ExtendWith(RedisServerExtension.class)
class BracketedConnectionTest {

    private final RedisServerProcess server;
    private final RedisConnections plain;
    private RedisConnections watching;

    BracketedConnectionTest(RedisServerProcess server, RedisConnections plain) {
        this.server = server;
        this.plain = plain;
    }

    @BeforeEach
    void open() {
        watching = RedisConnections.openForMonitoring(server.settings());
        plain.sync().configResetstat();
    }

    @AfterEach
    void close() {
        watching.close();
    }

    @Test
    void everyKindOfReadIsCountedExactlyAndAnswersAsUsual() {
        plain.sync().set("s", "v");
        plain.sync().zadd("z", 1, "a");
        plain.sync().hset("h", "f", "1");
        plain.sync().sadd("set", "m");
        long[] serverBefore = serverCounts();
        OwnTraffic ownBefore = watching.accounting().now();

        RedisClusterCommands<String, String> r = watching.sync();
        assertThat(r.get("s")).isEqualTo("v");
        assertThat(r.get("missing")).isNull();
        assertThat(r.mget("s", "nope", "z")).hasSize(3); // z has another type: a hit that reads as null
        assertThat(r.hmget("h", "f", "g").get(0).getValue()).isEqualTo("1");
        assertThat(r.hmget("nohash", "f")).hasSize(1);
        assertThat(r.zrange("z", 0, -1)).containsExactly("a");
        assertThat(r.zcard("nozset")).isZero();
        assertThat(r.smembers("set")).containsExactly("m");
        assertThat(r.exists("s", "nope", "h")).isEqualTo(2);
        assertThat(r.type("z")).isEqualTo("zset");
        assertThat(r.ttl("nope")).isEqualTo(-2);
        assertThat(r.scan(ScanCursor.INITIAL, io.lettuce.core.KeyScanArgs.Builder.type("string").limit(100)).getKeys()).contains("s");
        assertThat((Long) r.eval("return redis.call('EXISTS', KEYS[1]) + redis.call('EXISTS', KEYS[2])",
                ScriptOutputType.INTEGER, "s", "ghost")).isEqualTo(1);
        assertThatThrownBy(() -> r.get("z")).isInstanceOf(RedisCommandExecutionException.class).hasMessageContaining("WRONGTYPE");

        long[] serverAfter = serverCounts();
        OwnTraffic own = watching.accounting().now().since(ownBefore);
        assertThat(own.exact()).isTrue();
        assertThat(own.hits()).isEqualTo(serverAfter[0] - serverBefore[0]).isGreaterThan(0);
        assertThat(own.misses()).isEqualTo(serverAfter[1] - serverBefore[1]).isGreaterThan(0);
    }

    @Test
    void commandsThatNeverCountAreSentPlainAndDoNotMoveTheCounters() {
        plain.sync().set("s", "v");
        long[] before = serverCounts();
        RedisClusterCommands<String, String> r = watching.sync();
        r.ping();
        r.info("stats");
        r.dbsize();
        r.memoryUsage("s");
        r.memoryUsage("nope");
        r.scan(ScanCursor.INITIAL, ScanArgs.Builder.limit(10).match("x*"));
        r.del("gone");
        r.expire("nope", 10);
        r.hset("h2", "f", "v");
        r.hdel("nohash", "f");
        r.incr("counter");
        r.zadd("z2", 1, "a");
        r.zrem("nozset", "a");
        r.zincrby("z3", 1, "a");
        r.zremrangebyscore("nozset", io.lettuce.core.Range.create(0, 1));
        r.sadd("set2", "a");
        r.srem("noset", "a");
        r.slowlogGet(1);
        r.clientList();
        r.pubsubChannels();
        assertThat(serverCounts()).containsExactly(before);
        assertThat(commandStat("exec")).isZero();
    }

    @Test
    void othersLookupsAreWhatRemainsWhileTheMonitorReadsFromManyThreads() throws Exception {
        plain.sync().set("hot", "1");
        long[] serverBefore = serverCounts();
        OwnTraffic ownBefore = watching.accounting().now();

        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> work = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            int thread = t;
            work.add(pool.submit(() -> {
                for (int i = 0; i < 200; i++) {
                    watching.sync().mget("hot", "cold" + thread + ":" + i);
                    watching.async().hmget("nohash" + i, "a", "b");
                }
            }));
        }
        // "the application": 500 hits and 300 misses on a connection of its own, at the same time
        work.add(pool.submit(() -> {
            for (int i = 0; i < 500; i++) {
                plain.sync().get("hot");
                if (i < 300) {
                    plain.sync().get("absent");
                }
            }
        }));
        for (Future<?> f : work) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        watching.sync().ping(); // the last asynchronous reads are answered before this

        long[] serverAfter = serverCounts();
        OwnTraffic own = watching.accounting().now().since(ownBefore);
        assertThat(serverAfter[0] - serverBefore[0] - own.hits()).isEqualTo(500);
        assertThat(serverAfter[1] - serverBefore[1] - own.misses()).isEqualTo(300);
    }

    @Test
    void aMarkedInfoCountsExactlyTheReadsTheServerRanBeforeIt() throws Exception {
        var r = watching.async();
        r.get("a");
        r.get("b");
        var marked = SelfAccounting.info(watching, "stats");
        r.get("c");
        SelfAccounting.MarkedInfo info = marked.get(5, TimeUnit.SECONDS);
        watching.sync().ping();
        assertThat(info.own().misses()).isEqualTo(2);
        assertThat(info.text()).contains("keyspace_misses:2");
        assertThat(watching.accounting().now().misses()).isEqualTo(3);
    }

    @Test
    void aUserWhoMayNotRunMultiStillReadsAndTheCountsSayTheyAreNotExact() {
        addUser("reader", CommandType.GET);
        plain.sync().set("s", "v");
        try (RedisConnections reader = RedisConnections.openForMonitoring(server.settings().withCredentials("reader", "pw"))) {
            assertThat(reader.sync().get("s")).isEqualTo("v");
            assertThat(reader.sync().get("nope")).isNull();
            assertThat(reader.sync().get("s")).isEqualTo("v");
            OwnTraffic own = reader.accounting().now();
            assertThat(own.exact()).isFalse();
            assertThat(own.unknown()).isEqualTo(3);
        } finally {
            plain.sync().aclDeluser("reader");
        }
    }

    @Test
    void aReadRefusedWhenQueuedFailsWithItsOwnErrorCountsNothingAndTheBracketsGoOn() {
        addUser("no-get", CommandType.EXISTS, CommandType.MULTI, CommandType.EXEC, CommandType.INFO);
        plain.sync().set("s", "v");
        try (RedisConnections noGet = RedisConnections.openForMonitoring(server.settings().withCredentials("no-get", "pw"))) {
            // GET is refused when queued (NOPERM), so EXEC aborts: the caller gets GET's own error
            assertThatThrownBy(() -> noGet.sync().get("s"))
                    .isInstanceOf(RedisCommandExecutionException.class).hasMessageStartingWith("NOPERM");
            OwnTraffic refused = noGet.accounting().now();
            assertThat(refused.exact()).isTrue();
            assertThat(refused.hits() + refused.misses() + refused.unknown()).isZero();

            assertThat(noGet.sync().exists("s", "nope")).isEqualTo(1);
            OwnTraffic own = noGet.accounting().now().since(refused);
            assertThat(own.exact()).isTrue();
            assertThat(own.hits()).isEqualTo(1);
            assertThat(own.misses()).isEqualTo(1);
        } finally {
            plain.sync().aclDeluser("no-get");
        }
    }

    @Test
    void aServiceConnectionDoesNotCount() {
        assertThat(plain.accounting()).isNull();
        assertThat(OwnTraffic.NOT_COUNTED.since(OwnTraffic.NOT_COUNTED).counted()).isFalse();
    }

    /** An ACL user with password "pw" who may connect (PING, HELLO, CLIENT, AUTH) and run {@code commands}, on every key. */
    private void addUser(String name, CommandType... commands) {
        AclSetuserArgs args = AclSetuserArgs.Builder.on().addPassword("pw").keyPattern("*");
        for (CommandType c : List.of(CommandType.PING, CommandType.HELLO, CommandType.CLIENT, CommandType.AUTH)) {
            args.addCommand(c);
        }
        for (CommandType c : commands) {
            args.addCommand(c);
        }
        plain.sync().aclSetuser(name, args);
    }

    private long[] serverCounts() {
        String info = plain.sync().info("stats");
        return new long[]{field(info, "keyspace_hits"), field(info, "keyspace_misses")};
    }

    private long commandStat(String command) {
        String info = plain.sync().info("commandstats");
        int at = info.indexOf("cmdstat_" + command + ":calls=");
        if (at < 0) {
            return 0;
        }
        int start = at + ("cmdstat_" + command + ":calls=").length();
        return Long.parseLong(info.substring(start, info.indexOf(',', start)));
    }

    private static long field(String info, String name) {
        for (String line : info.split("\r?\n")) {
            if (line.startsWith(name + ":")) {
                return Long.parseLong(line.substring(name.length() + 1).strip());
            }
        }
        throw new AssertionError(name + " missing from INFO");
    }
}
