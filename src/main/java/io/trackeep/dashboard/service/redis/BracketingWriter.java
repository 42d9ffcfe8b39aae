package io.trackeep.dashboard.service.redis;

import io.lettuce.core.Delegating;
import io.lettuce.core.RedisChannelWriter;
import io.lettuce.core.protocol.ConnectionFacade;
import io.lettuce.core.protocol.RedisCommand;
import io.lettuce.core.resource.ClientResources;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A Cluster node connection's writer that sends every command through a
 * {@link BracketedConnection} (see {@link MonitoringClusterClient}); the rest is the node's own
 * writer's.
 */
final class BracketingWriter implements RedisChannelWriter, Delegating<RedisChannelWriter> {

    private final RedisChannelWriter delegate;
    private final BracketedConnection bracketed;

    BracketingWriter(RedisChannelWriter delegate, BracketedConnection bracketed) {
        this.delegate = delegate;
        this.bracketed = bracketed;
    }

    /** This node's own keyspace lookups and commands. */
    SelfAccounting accounting() {
        return bracketed.accounting();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V, T> RedisCommand<K, V, T> write(RedisCommand<K, V, T> command) {
        // every connection of the monitoring client is <String, String>
        return (RedisCommand<K, V, T>) bracketed.dispatch((RedisCommand<String, String, T>) command);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> Collection<RedisCommand<K, V, ?>> write(Collection<? extends RedisCommand<K, V, ?>> commands) {
        List<RedisCommand<String, String, ?>> strings = new ArrayList<>(commands.size());
        for (RedisCommand<K, V, ?> c : commands) {
            strings.add((RedisCommand<String, String, ?>) c);
        }
        List<RedisCommand<K, V, ?>> sent = new ArrayList<>();
        for (RedisCommand<String, String, ?> c : bracketed.dispatch(strings)) {
            sent.add((RedisCommand<K, V, ?>) c);
        }
        return sent;
    }

    @Override
    public RedisChannelWriter getDelegate() { return delegate; }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public CompletableFuture<Void> closeAsync() {
        return delegate.closeAsync();
    }

    @Override
    public void setConnectionFacade(ConnectionFacade connection) {
        delegate.setConnectionFacade(connection);
    }

    @Override
    public void setAutoFlushCommands(boolean autoFlush) {
        delegate.setAutoFlushCommands(autoFlush);
    }

    @Override
    public void flushCommands() {
        delegate.flushCommands();
    }

    @Override
    public ClientResources getClientResources() {
        return delegate.getClientResources();
    }
}
