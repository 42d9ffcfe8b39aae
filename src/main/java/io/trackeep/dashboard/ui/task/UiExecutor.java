package io.trackeep.dashboard.ui.task;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Runs work off the FX thread and delivers its outcome on it: the one seam between the window and
 * blocking work (JabRef's {@code TaskExecutor} idea). The application uses {@link FxUiExecutor};
 * tests use an inline implementation in which everything runs on the calling thread and time is
 * advanced by hand.
 *
 * <p>See the package documentation for the rule this enforces: no Redis call on the FX thread.
 */
public interface UiExecutor {

    /**
     * Runs {@code work} on a background thread; afterwards exactly one of {@code onSuccess} and
     * {@code onFailure} runs on the FX thread, unless the handle was cancelled before.
     *
     * @param what a short description for logs ("Connecting to Production")
     */
    <T> TaskHandle submit(String what, Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure);

    /** Like {@link #submit} for work without a result. */
    default TaskHandle run(String what, BackgroundAction work, Runnable onSuccess, Consumer<? super Throwable> onFailure) {
        return submit(what, () -> {
            work.run();
            return Boolean.TRUE;
        }, ignored -> onSuccess.run(), onFailure);
    }

    /** Runs {@code action} on the FX thread, later (also when called on the FX thread itself). */
    void runOnUi(Runnable action);

    /** Runs {@code action} on the FX thread after {@code delay}. */
    TaskHandle runOnUiAfter(Duration delay, Runnable action);

    boolean isUiThread();

    /** The clock {@link #runOnUiAfter} delays are measured with; tests substitute their own. */
    default long nanoTime() {
        return System.nanoTime();
    }

    /** Background work without a result; may throw. */
    @FunctionalInterface
    interface BackgroundAction {
        void run() throws Exception;
    }
}
