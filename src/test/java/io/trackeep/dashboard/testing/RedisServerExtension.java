package io.trackeep.dashboard.testing;

import io.trackeep.dashboard.local.redis.ClusterTopology;
import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.local.redis.SentinelTopology;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.redis.RedisSettings;
import io.trackeep.dashboard.service.redis.Topology;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

import java.lang.reflect.Executable;
import java.time.Duration;
import java.util.Arrays;

/**
 * Hands tests a real {@code redis-server} (one per test class, started by the suite itself) and
 * a {@link RedisConnections} to it with the default prefix {@code tk}. Every test starts on an
 * empty server (FLUSHALL before each test) with an empty slow log that records nothing: on a
 * busy machine any command (the FLUSHALL itself) may take more than the 10 ms after which Redis
 * logs it, and a slow-log alert would then depend on the machine's load. A test about slow
 * commands calls {@link #recordSlowCommands} first (a single server; the topologies keep their
 * defaults). Inject either type, or the
 * {@link RedisSettings}, as a constructor, lifecycle or test method parameter.
 *
 * <p>With {@link OnTopology} on the test class, the same parameters lead to a Cluster or a
 * Sentinel set instead, started once for the whole run and shared by every such class; the
 * {@link ClusterTopology} or {@link SentinelTopology} itself can be injected too.
 */
public final class RedisServerExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver, ExecutionCondition {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(RedisServerExtension.class);

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (topology(context) == Topology.STANDALONE) {
            return ConditionEvaluationResult.enabled("standalone");
        }
        boolean needsServer = context.getTestMethod().map(RedisServerExtension::needsStandaloneServer).orElse(false)
                || context.getTestClass().map(c -> Arrays.stream(c.getDeclaredConstructors())
                .anyMatch(RedisServerExtension::needsStandaloneServer)).orElse(false);
        return needsServer
                ? ConditionEvaluationResult.disabled("stops or restarts the standalone server; on " + topology(context).label()
                + " the failover tests cover outages")
                : ConditionEvaluationResult.enabled(topology(context).label());
    }

    private static boolean needsStandaloneServer(Executable e) {
        return Arrays.stream(e.getParameterTypes()).anyMatch(t -> t == RedisServerProcess.class);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (topology(context) == Topology.STANDALONE) {
            server(context);
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (topology(context) == Topology.STANDALONE) {
            RedisServerProcess server = server(context);
            if (!server.isRunning()) {
                server.restart(); // a previous test stopped it on purpose
            }
        }
        flushWhenReconnected(connections(context));
        if (topology(context) == Topology.STANDALONE) {
            quietSlowLog(connections(context));
        }
    }

    /**
     * After a restart the shared connection comes back only at Lettuce's next reconnect attempt
     * (exponential backoff); until then commands are rejected, so wait for it instead of failing.
     */
    private static void flushWhenReconnected(RedisConnections connections) {
        WaitFor.condition(Duration.ofSeconds(20), "FLUSHALL after a restart", () -> "OK".equals(connections.sync().flushall()));
    }

    /** The single server logs no slow command and has none logged (see the class comment). */
    private static void quietSlowLog(RedisConnections connections) {
        connections.sync().configSet("slowlog-log-slower-than", "-1"); // a negative threshold logs nothing
        connections.sync().slowlogReset();
    }

    /** Lets the server log commands slower than 10 ms again (Redis's default), for a test about the slow log. */
    public static void recordSlowCommands(RedisConnections redis) {
        redis.sync().configSet("slowlog-log-slower-than", "10000");
        redis.sync().slowlogReset();
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
        Class<?> type = p.getParameter().getType();
        Topology topology = topology(e);
        return type == RedisConnections.class || type == RedisSettings.class
                || (type == RedisServerProcess.class && topology == Topology.STANDALONE)
                || (type == ClusterTopology.class && topology == Topology.CLUSTER)
                || (type == SentinelTopology.class && topology == Topology.SENTINEL);
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext e) {
        Class<?> type = p.getParameter().getType();
        if (type == RedisConnections.class) {
            return connections(e);
        }
        if (type == RedisSettings.class) {
            return settings(e);
        }
        if (type == ClusterTopology.class) {
            return cluster(e);
        }
        if (type == SentinelTopology.class) {
            return sentinel(e);
        }
        return server(e);
    }

    private static Topology topology(ExtensionContext context) {
        return context.getTestClass()
                .flatMap(c -> AnnotationSupport.findAnnotation(c, OnTopology.class))
                .map(OnTopology::value)
                .orElse(Topology.STANDALONE);
    }

    private static RedisSettings settings(ExtensionContext context) {
        return switch (topology(context)) {
            case STANDALONE -> server(context).settings();
            case CLUSTER -> cluster(context).settings();
            case SENTINEL -> sentinel(context).settings();
        };
    }

    private static RedisServerProcess server(ExtensionContext context) {
        return (RedisServerProcess) classStore(context).getOrComputeIfAbsent("server",
                k -> new CloseableResource<>(RedisServerProcess.start()), CloseableResource.class).resource();
    }

    /** One Cluster for the whole run: started by the first class that asks, stopped at the end of the run. */
    private static ClusterTopology cluster(ExtensionContext context) {
        return (ClusterTopology) context.getRoot().getStore(NS).getOrComputeIfAbsent("cluster",
                k -> new CloseableResource<>(ClusterTopology.start()), CloseableResource.class).resource();
    }

    /** One Sentinel set for the whole run. */
    private static SentinelTopology sentinel(ExtensionContext context) {
        return (SentinelTopology) context.getRoot().getStore(NS).getOrComputeIfAbsent("sentinel",
                k -> new CloseableResource<>(SentinelTopology.start()), CloseableResource.class).resource();
    }

    private static RedisConnections connections(ExtensionContext context) {
        RedisSettings settings = settings(context);
        return (RedisConnections) classStore(context).getOrComputeIfAbsent("connections",
                k -> new CloseableResource<>(RedisConnections.open(settings)), CloseableResource.class).resource();
    }

    private static ExtensionContext.Store classStore(ExtensionContext context) {
        ExtensionContext classContext = context;
        while (classContext.getTestMethod().isPresent() && classContext.getParent().isPresent()) {
            classContext = classContext.getParent().get();
        }
        return classContext.getStore(NS);
    }

    private record CloseableResource<T extends AutoCloseable>(T resource)
            implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() throws Exception {
            resource.close();
        }
    }
}
