package io.trackeep.dashboard.ui.task;

import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The application's {@link UiExecutor}: a small pool of daemon worker threads for background
 * work, a timer thread for delays, {@link Platform#runLater} for the way back. A failure in a
 * callback is logged, never thrown into the FX thread's event loop.
 */
public final class FxUiExecutor implements UiExecutor, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FxUiExecutor.class);
    /** Enough for a connect, a test connection and a couple of admin actions at once. */
    private static final int WORKERS = 4;

    private final ThreadPoolExecutor workers;
    private final ScheduledExecutorService timer;

    public FxUiExecutor() {
        workers = new ThreadPoolExecutor(WORKERS, WORKERS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), daemon("ui-worker"));
        workers.allowCoreThreadTimeOut(true);
        timer = Executors.newSingleThreadScheduledExecutor(daemon("ui-timer"));
    }

    @Override
    public <T> TaskHandle submit(String what, Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
        AtomicBoolean cancelled = new AtomicBoolean();
        Future<?> future = workers.submit(() -> {
            T result;
            try {
                result = work.call();
            } catch (Throwable t) {
                Throwable cause = unwrap(t);
                log.debug("{} failed: {}", what, cause.toString());
                deliver(what, cancelled, () -> onFailure.accept(cause));
                return;
            }
            deliver(what, cancelled, () -> onSuccess.accept(result));
        });
        return handle(cancelled, future);
    }

    @Override
    public void runOnUi(Runnable action) {
        Platform.runLater(() -> guarded("UI action", action));
    }

    @Override
    public TaskHandle runOnUiAfter(Duration delay, Runnable action) {
        AtomicBoolean cancelled = new AtomicBoolean();
        Future<?> future = timer.schedule(() -> deliver("delayed UI action", cancelled, action),
                Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
        return handle(cancelled, future);
    }

    @Override
    public boolean isUiThread() {
        return Platform.isFxApplicationThread();
    }

    /** Stops the threads; pending work is dropped. */
    @Override
    public void close() {
        workers.shutdownNow();
        timer.shutdownNow();
    }

    private static void deliver(String what, AtomicBoolean cancelled, Runnable callback) {
        if (cancelled.get()) {
            return;
        }
        Platform.runLater(() -> {
            if (!cancelled.get()) {
                guarded(what, callback);
            }
        });
    }

    private static void guarded(String what, Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            log.error("Callback of '{}' failed", what, e);
        }
    }

    private static TaskHandle handle(AtomicBoolean cancelled, Future<?> future) {
        return new TaskHandle() {
            @Override
            public void cancel() {
                cancelled.set(true);
                future.cancel(false);
            }

            @Override
            public boolean isCancelled() {
                return cancelled.get();
            }
        };
    }

    static Throwable unwrap(Throwable t) {
        Throwable e = t;
        while ((e instanceof ExecutionException || e instanceof CompletionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
