package io.trackeep.dashboard.testing;

import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.service.redis.RedisConnections;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.time.Duration;

/**
 * Hands tests a real {@code redis-server} (one per test class, started by the suite itself) and
 * a {@link RedisConnections} to it with the default prefix {@code tk}. Every test starts on an
 * empty server (FLUSHALL before each test). Inject either type as a constructor, lifecycle or
 * test method parameter.
 */
public final class RedisServerExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(RedisServerExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        server(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        RedisServerProcess server = server(context);
        if (!server.isRunning()) {
            server.restart(); // a previous test stopped it on purpose
        }
        flushWhenReconnected(connections(context));
    }

    /**
     * After a restart the shared connection comes back only at Lettuce's next reconnect attempt
     * (exponential backoff); until then commands are rejected, so wait for it instead of failing.
     */
    private static void flushWhenReconnected(RedisConnections connections) {
        WaitFor.condition(Duration.ofSeconds(20), "FLUSHALL after a restart", () -> "OK".equals(connections.sync().flushall()));
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
        Class<?> type = p.getParameter().getType();
        return type == RedisServerProcess.class || type == RedisConnections.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext e) {
        return p.getParameter().getType() == RedisServerProcess.class ? server(e) : connections(e);
    }

    private static RedisServerProcess server(ExtensionContext context) {
        return classStore(context).getOrComputeIfAbsent("server",
                k -> new CloseableServer(RedisServerProcess.start()), CloseableServer.class).server;
    }

    private static RedisConnections connections(ExtensionContext context) {
        RedisServerProcess server = server(context);
        return classStore(context).getOrComputeIfAbsent("connections",
                k -> new CloseableConnections(RedisConnections.open(server.settings())), CloseableConnections.class).connections;
    }

    private static ExtensionContext.Store classStore(ExtensionContext context) {
        ExtensionContext classContext = context;
        while (classContext.getTestMethod().isPresent() && classContext.getParent().isPresent()) {
            classContext = classContext.getParent().get();
        }
        return classContext.getStore(NS);
    }

    private record CloseableServer(RedisServerProcess server) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            server.close();
        }
    }

    private record CloseableConnections(RedisConnections connections) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            connections.close();
        }
    }
}
