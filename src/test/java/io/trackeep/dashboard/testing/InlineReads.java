package io.trackeep.dashboard.testing;

import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.ui.panel.OneOffReads;
import io.trackeep.dashboard.ui.panel.PanelFeed;

import java.util.function.Consumer;
import java.util.function.Supplier;

/** One-off reads of a view model under test: run at once, on the calling thread, on a given connection. */
public final class InlineReads implements OneOffReads {

    private final Supplier<RedisConnections> connection;

    public InlineReads(Supplier<RedisConnections> connection) {
        this.connection = connection;
    }

    /** Reads that fail: no connection. */
    public static InlineReads none() {
        return new InlineReads(() -> null);
    }

    @Override
    public <T> void readOnce(String what, PanelFeed.Read<T> read, Consumer<? super T> onResult, Consumer<Throwable> onFailure) {
        RedisConnections redis = connection.get();
        if (redis == null) {
            onFailure.accept(new IllegalStateException("Not connected to a Redis"));
            return;
        }
        T result;
        try {
            result = read.read(redis);
        } catch (Exception e) {
            onFailure.accept(e);
            return;
        }
        onResult.accept(result);
    }
}
