package io.trackeep.dashboard.ui.task;

import io.lettuce.core.RedisException;
import io.trackeep.dashboard.service.redis.RedisAccessException;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.service.redis.RedisErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * The dashboard's periodic reads: every refresh interval, one background thread runs each
 * registered {@link Task} against the current connection, one after another. Tasks read Redis and
 * {@link Coalescer#push} snapshots; they never touch controls.
 *
 * <p>Ticks do not pile up: the next tick is planned when one ends, so a slow Redis slows the
 * loop instead of queueing work. While paused, or while there is no connection, ticks run no
 * task; {@link #refreshNow()} (F5) runs one round immediately, also while paused. A task that
 * throws is reported to the failure listener (as a {@link RedisAccessException}) and the others
 * still run; the loop itself never dies.
 */
public final class RefreshLoop implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RefreshLoop.class);

    /** A periodic read. Runs on the refresh thread; must not block longer than the Redis command timeout. */
    @FunctionalInterface
    public interface Task {
        void refresh(RedisConnections redis) throws Exception;
    }

    /** Ends a registration. */
    @FunctionalInterface
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    private record Entry(String name, Task task) {
    }

    private final Supplier<RedisConnections> connection;
    private final BiConsumer<RedisConnections, RedisAccessException> onFailure;
    private final List<Entry> tasks = new CopyOnWriteArrayList<>();
    private final Scheduler thread;
    private volatile Duration interval = Duration.ofSeconds(1);
    private volatile boolean paused;
    private TaskHandle next = TaskHandle.NONE;
    private boolean started;
    private boolean running;
    private boolean manualRequested;

    /**
     * @param connection the connection to read from, or null when disconnected; read on the refresh thread
     * @param onFailure  told about every failed task, with the connection it used (any thread)
     */
    public RefreshLoop(Supplier<RedisConnections> connection, BiConsumer<RedisConnections, RedisAccessException> onFailure) {
        this(connection, onFailure, new ThreadScheduler("dashboard-refresh"));
    }

    /** With the scheduler ticks run on (tests drive its time); the loop closes it. */
    public RefreshLoop(Supplier<RedisConnections> connection, BiConsumer<RedisConnections, RedisAccessException> onFailure,
                       Scheduler scheduler) {
        this.connection = Objects.requireNonNull(connection);
        this.onFailure = Objects.requireNonNull(onFailure);
        this.thread = Objects.requireNonNull(scheduler);
    }

    /** Adds a task to every tick, from now on; close the registration to remove it (e.g. in {@code onHide}). */
    public Registration register(String name, Task task) {
        Entry e = new Entry(name, task);
        tasks.add(e);
        return () -> tasks.remove(e);
    }

    public synchronized void start() {
        if (!started) {
            started = true;
            plan(Duration.ZERO, false); // the first round at once: a window just shown should not wait a tick
        }
    }

    /** Takes effect at once: the next tick is planned one new interval from now (the old plan may be minutes away). */
    public synchronized void setInterval(Duration newInterval) {
        this.interval = Objects.requireNonNull(newInterval);
        if (started && !running && !manualRequested && !thread.isClosed()) {
            plan(newInterval, false);
        }
    }

    public Duration interval() { return interval; }

    public void setPaused(boolean paused) {
        this.paused = paused;
    }

    /** True while paused: only {@link #refreshNow()} runs a round. */
    public boolean isPaused() { return paused; }

    /** Runs one round now on the refresh thread (also while paused), then continues at the interval. */
    public synchronized void refreshNow() {
        if (!started || thread.isClosed()) {
            return;
        }
        if (running) {
            manualRequested = true; // the running tick plans the extra round when it ends
        } else {
            plan(Duration.ZERO, true);
        }
    }

    /** How many tasks are registered. */
    public int taskCount() {
        return tasks.size();
    }

    /** One round on the calling thread: what the refresh thread does each tick. Visible for tests. */
    void runTasks() {
        RedisConnections redis = connection.get();
        if (redis == null) {
            return;
        }
        for (Entry e : tasks) {
            try {
                e.task().refresh(redis);
            } catch (Exception ex) {
                RedisAccessException failure = RedisErrors.translate("Refreshing " + e.name(), ex);
                if (ex instanceof RedisException || ex instanceof RedisAccessException) {
                    log.debug("Refresh task '{}' failed: {}", e.name(), failure.getMessage());
                } else {
                    log.warn("Refresh task '{}' failed", e.name(), ex); // a bug in the task, not Redis
                }
                onFailure.accept(redis, failure);
            }
        }
    }

    private synchronized void plan(Duration delay, boolean manual) {
        next.cancel();
        next = thread.schedule(delay, () -> tick(manual));
    }

    private void tick(boolean manual) {
        synchronized (this) {
            running = true;
            manualRequested = false;
        }
        long start = thread.nanoTime();
        try {
            if (manual || !paused) {
                runTasks();
            }
        } finally {
            long spent = thread.nanoTime() - start;
            synchronized (this) {
                running = false;
                if (!thread.isClosed()) {
                    if (manualRequested) {
                        plan(Duration.ZERO, true);
                    } else {
                        plan(Duration.ofNanos(Math.max(0, interval.toNanos() - spent)), false);
                    }
                }
            }
        }
    }

    @Override
    public synchronized void close() {
        thread.close();
        tasks.clear();
    }
}
