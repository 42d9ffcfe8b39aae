/**
 * Background work and the way back to the FX thread.
 *
 * <p><b>The rule: no Redis call on the FX thread.</b> Not a command, not a connect, not a close
 * of a live connection, not even a "quick" PING: a slow or dead Redis would freeze the window for
 * the command timeout. Redis work runs through {@link io.trackeep.dashboard.ui.task.UiExecutor}
 * (one-off actions: connect, kill a session, test a profile) or a
 * {@link io.trackeep.dashboard.ui.task.RefreshLoop} task (periodic reads); results come back on
 * the FX thread, snapshots through a {@link io.trackeep.dashboard.ui.task.Coalescer} so that the
 * screen is updated at most a few times per second whatever the data rate.
 */
package io.trackeep.dashboard.ui.task;
