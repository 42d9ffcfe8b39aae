package io.trackeep.dashboard.ui.task;

/** Something started on another thread that can be called off; its callbacks do not run after {@link #cancel()}. */
public interface TaskHandle {

    /** A handle for work that was never started. */
    TaskHandle NONE = new TaskHandle() {
        @Override
        public void cancel() {
            // nothing to cancel
        }

        @Override
        public boolean isCancelled() { return true; }
    };

    void cancel();

    boolean isCancelled();
}
