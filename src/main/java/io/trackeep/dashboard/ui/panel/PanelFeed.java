package io.trackeep.dashboard.ui.panel;

import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.ui.task.Coalescer;
import io.trackeep.dashboard.ui.task.RefreshLoop;

import java.util.function.Consumer;

/**
 * A panel's live data, the one path from Redis to the screen: each tick of the refresh loop
 * runs {@code read} on the refresh thread; the result, tagged with the connection it was read
 * on, reaches {@code apply} on the FX thread through a {@link Coalescer} (at most
 * {@code perSecond} times a second; the newest wins). A result read on another connection than
 * the window's current one is dropped, and {@code clear} runs whenever the window's connection
 * changes: no panel shows a figure, or enables an action, of the server it was on before.
 *
 * <p>{@link #start()} joins the refresh loop, {@link #stop()} leaves it; both may be called again
 * without effect. FX thread only.
 *
 * @param <T> the immutable snapshot one tick produces
 */
public final class PanelFeed<T> {

    /** One tick's read, on the refresh thread; null when there is nothing new to show. */
    @FunctionalInterface
    public interface Read<T> {
        T read(RedisConnections redis) throws Exception;
    }

    /** A result and the connection it came from. */
    private record Sourced<T>(RedisConnections source, T value) {
    }

    private final PanelContext context;
    private final String name;
    private final int perSecond;
    private final Read<? extends T> read;
    private final Consumer<? super T> apply;
    private RefreshLoop.Registration registration;
    private Coalescer<Sourced<T>> coalescer;
    private boolean startedBefore;

    /**
     * @param clear forgets everything shown; runs on the FX thread when the window's connection
     *              changes (another server, or none), also while the feed is stopped
     */
    public PanelFeed(PanelContext context, String name, int perSecond, Read<? extends T> read, Consumer<? super T> apply,
                     Runnable clear) {
        this.context = context;
        this.name = name;
        this.perSecond = perSecond;
        this.read = read;
        this.apply = apply;
        context.connection().connectionsProperty().addListener((obs, old, now) -> clear.run());
    }

    /**
     * Joins the refresh loop and asks it for a round now, so a panel just shown fills in at once;
     * while the admin has paused refreshing, only the first time (a paused panel keeps what it shows).
     */
    public void start() {
        if (registration != null) {
            return;
        }
        Coalescer<Sourced<T>> sink = Coalescer.perSecond(context.executor(), perSecond, this::applyIfCurrent);
        coalescer = sink;
        registration = context.refresh().register(name, redis -> {
            T result = read.read(redis);
            if (result != null) {
                sink.push(new Sourced<>(redis, result));
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

    private void applyIfCurrent(Sourced<T> result) {
        if (result.source() == context.connection().current()) {
            apply.accept(result.value());
        }
    }
}
