package io.trackeep.dashboard.ui.panel;

import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.ui.task.Coalescer;
import io.trackeep.dashboard.ui.task.RefreshLoop;

import java.util.function.Consumer;

/**
 * A panel's live data while it is shown: each tick of the refresh loop runs {@code read} on the
 * refresh thread, and the result reaches {@code apply} on the FX thread through a
 * {@link Coalescer} (at most {@code perSecond} times a second; the newest wins). Panels call
 * {@link #start()} in {@code onShow} and {@link #stop()} in {@code onHide} and {@code dispose};
 * both may be called again without effect. FX thread only.
 *
 * @param <T> the immutable snapshot one tick produces
 */
public final class PanelFeed<T> {

    /** One tick's read, on the refresh thread; null when there is nothing new to show. */
    @FunctionalInterface
    public interface Read<T> {
        T read(RedisConnections redis) throws Exception;
    }

    private final PanelContext context;
    private final String name;
    private final int perSecond;
    private final Read<? extends T> read;
    private final Consumer<? super T> apply;
    private RefreshLoop.Registration registration;
    private Coalescer<T> coalescer;
    private boolean startedBefore;

    public PanelFeed(PanelContext context, String name, int perSecond, Read<? extends T> read, Consumer<? super T> apply) {
        this.context = context;
        this.name = name;
        this.perSecond = perSecond;
        this.read = read;
        this.apply = apply;
    }

    /**
     * Joins the refresh loop and asks it for a round now, so a panel just shown fills in at once;
     * while the admin has paused refreshing, only the first time (a paused panel keeps what it shows).
     */
    public void start() {
        if (registration != null) {
            return;
        }
        Coalescer<T> sink = Coalescer.perSecond(context.executor(), perSecond, apply);
        coalescer = sink;
        registration = context.refresh().register(name, redis -> {
            T result = read.read(redis);
            if (result != null) {
                sink.push(result);
            }
        });
        if (!startedBefore || !context.shell().pausedProperty().get()) {
            context.refresh().refreshNow();
        }
        startedBefore = true;
    }

    /** Leaves the refresh loop; a result still on its way is dropped. */
    public void stop() {
        if (registration != null) {
            registration.close();
            registration = null;
            coalescer.close();
            coalescer = null;
        }
    }

    /** True between {@link #start()} and {@link #stop()}. */
    public boolean running() {
        return registration != null;
    }
}
