package io.trackeep.dashboard.service.health;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.trackeep.dashboard.service.redis.RedisAccessException;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.redis.RedisErrors;
import io.trackeep.dashboard.service.redis.ReplyNumbers;
import io.trackeep.dashboard.service.redis.SelfAccounting;
import io.trackeep.dashboard.service.redis.SelfAccounting.MarkedInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Checks one Redis: PING round trip, then INFO (marked with this program's own traffic at that
 * point, see {@link SelfAccounting}) and the newest slow log entries in one pipelined round trip,
 * with {@code CONFIG GET save} (whether RDB snapshots are on), plus {@code CONFIG GET maxclients}
 * when INFO lacks it (before Redis 6.2): at most five commands per check, none of which grows
 * with the keyspace.
 *
 * <p>{@link #check()} never throws: when Redis is unreachable, times out, rejects the password or
 * answers PING with an error, the report says {@link HealthStatus#DOWN} with a typed
 * {@link HealthProblem}; when it answers PING but refuses INFO, {@link HealthStatus#PARTIAL}.
 * A refused {@code SLOWLOG} or {@code CONFIG} (ACL, renamed command) only leaves those figures
 * out, and is not asked again by this instance, so a restricted user does not fill the ACL log.
 *
 * <p>Checks the server the shared connection talks to, or one node of a Sentinel set or a Cluster
 * ({@link #HealthCheck(RedisConnections, String)}: PING, INFO marked with this program's own
 * traffic on that node, and the rest on that node's own connection).
 *
 * <p>Thread-safe; meant to be called from one background scheduler.
 */
public final class HealthCheck {

    /** Slow log entries read per check: enough to see a burst between two checks, bounded. */
    public static final int SLOW_LOG_SAMPLE = 16;

    private static final Logger log = LoggerFactory.getLogger(HealthCheck.class);

    private final RedisConnections redis;
    // host:port of the node checked, or null for the node the shared connection talks to
    private final String node;
    private final Clock clock;
    private volatile boolean slowLogDenied;
    private volatile String slowLogRefusal; // why, for every report after the refusal (the slow log is not asked again)
    private volatile boolean configDenied;

    public HealthCheck(RedisConnections redis) {
        this(redis, Clock.systemUTC());
    }

    public HealthCheck(RedisConnections redis, Clock clock) {
        this(redis, null, clock);
    }

    /** Checks the data node at {@code node} ({@code host:port}) of the deployment. */
    public HealthCheck(RedisConnections redis, String node) {
        this(redis, node, Clock.systemUTC());
    }

    public HealthCheck(RedisConnections redis, String node, Clock clock) {
        this.redis = redis;
        this.node = node;
        this.clock = clock;
    }

    /** The node's commands: its own connection, or the shared one. */
    private RedisClusterAsyncCommands<String, String> commands() {
        return node == null ? redis.async() : redis.nodeAsync(node);
    }

    public HealthReport check() {
        Instant at = clock.instant();
        try {
            return check(at);
        } catch (RuntimeException unexpected) {
            // last resort so that the caller always gets a report; RedisErrors keeps secrets out of the message
            log.warn("Health check failed unexpectedly", unexpected);
            return HealthReport.down(at, HealthProblem.of(RedisErrors.translate("Health check", unexpected)));
        }
    }

    private HealthReport check(Instant at) {
        long pingMicros;
        try {
            long start = System.nanoTime();
            if (node == null) {
                redis.call("PING", () -> redis.sync().ping());
            } else {
                redis.call("PING " + node, () -> commands().ping().toCompletableFuture().join());
            }
            pingMicros = (System.nanoTime() - start) / 1_000;
        } catch (RedisAccessException e) {
            return HealthReport.down(at, HealthProblem.of(e));
        }
        RedisFuture<MarkedInfo> infoReply;
        RedisFuture<List<Object>> slowReply = null;
        RedisFuture<Map<String, String>> saveReply = null;
        MarkedInfo marked;
        RedisInfo info;
        try {
            infoReply = node == null ? SelfAccounting.info(redis, null)
                    : redis.call("INFO on " + node, () -> SelfAccounting.info(redis, host(node), port(node), null));
            if (!slowLogDenied) {
                slowReply = commands().slowlogGet(SLOW_LOG_SAMPLE);
            }
            if (!configDenied) {
                saveReply = commands().configGet("save");
            }
            marked = redis.call("INFO", () -> infoReply.toCompletableFuture().join());
            info = InfoParser.parse(marked.text());
        } catch (RedisAccessException e) {
            return e.isUnavailable()
                    ? HealthReport.down(at, HealthProblem.of(e))
                    : HealthReport.partial(at, pingMicros, HealthProblem.of(e));
        }
        List<SlowLogEntry> slowLog = slowReply == null ? List.of() : slowLog(slowReply);
        info = saveReply == null ? info : withSaveSchedule(info, saveReply);
        return HealthReport.up(at, pingMicros, completeMaxClients(info), slowLog, marked.own(), slowLogRefusal);
    }

    private List<SlowLogEntry> slowLog(RedisFuture<List<Object>> reply) {
        try {
            return SlowLogEntry.parse(redis.call("SLOWLOG GET", () -> reply.toCompletableFuture().join()));
        } catch (RedisAccessException e) {
            if (!e.isUnavailable()) {
                slowLogDenied = true;
                slowLogRefusal = e.getMessage();
                log.info("Slow log not readable with this connection, no longer asked: {}", e.getMessage());
            }
            return List.of();
        }
    }

    /** The {@code save} configuration, so the Overview can tell "snapshots off" from "not saved lately"; unknown when refused. */
    private RedisInfo withSaveSchedule(RedisInfo info, RedisFuture<Map<String, String>> reply) {
        try {
            Map<String, String> config = redis.call("CONFIG GET save", () -> reply.toCompletableFuture().join());
            return config.containsKey("save") ? info.withPersistence(info.persistence().withSaveSchedule(config.get("save"))) : info;
        } catch (RedisAccessException e) {
            if (!e.isUnavailable()) {
                configDenied = true;
                log.info("RDB schedule unknown: CONFIG is not available to this connection ({})", e.getMessage());
            }
            return info;
        }
    }

    /** Fills maxclients from CONFIG when INFO did not report it (Redis before 6.2). */
    RedisInfo completeMaxClients(RedisInfo info) {
        if (info.clients().maxClients() != null || configDenied) {
            return info;
        }
        try {
            Map<String, String> config = redis.call("CONFIG GET maxclients",
                    () -> commands().configGet("maxclients").toCompletableFuture().join());
            return info.withClients(info.clients().withMaxClients(ReplyNumbers.longOrNull(config.get("maxclients"))));
        } catch (RedisAccessException e) {
            if (!e.isUnavailable()) {
                configDenied = true;
                log.info("maxclients unknown: CONFIG is not available to this connection ({})", e.getMessage());
            }
            return info;
        }
    }

    private static String host(String address) {
        return address.substring(0, address.lastIndexOf(':'));
    }

    private static int port(String address) {
        return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
    }
}
