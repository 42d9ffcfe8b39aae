package io.trackeep.dashboard.ui.panel;

import io.trackeep.dashboard.monitor.census.CensusTracker;
import io.trackeep.dashboard.ui.admin.ActionRunner;
import io.trackeep.dashboard.ui.connect.LiveConnection;
import io.trackeep.dashboard.ui.dialog.Confirmer;
import io.trackeep.dashboard.ui.dialog.Notifier;
import io.trackeep.dashboard.ui.task.RefreshLoop;
import io.trackeep.dashboard.ui.task.UiExecutor;
import io.trackeep.dashboard.ui.theme.ThemeManager;
import javafx.stage.Window;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * Everything a panel may use, handed to its constructor.
 *
 * @param executor   background work with results on the FX thread (one-off actions)
 * @param connection the current connection and its state; {@link LiveConnection#current()} from background threads
 * @param refresh    periodic reads: register a task in {@code onShow}, close it in {@code onHide}
 * @param shell      pause, interval, alert count, navigation
 * @param confirmer  asks before an admin action ({@link io.trackeep.dashboard.ui.dialog.ConfirmDialog})
 * @param notifier   reports the result of an action
 * @param owner      the main window, for dialogs
 * @param theme      to style dialogs a panel opens itself
 * @param actions    runs admin actions: plan off the FX thread, confirm, execute with audit, notify
 * @param census     the shared keyspace census (call from refresh tasks only: it reads Redis)
 */
public record PanelContext(
        UiExecutor executor,
        LiveConnection connection,
        RefreshLoop refresh,
        ShellState shell,
        Confirmer confirmer,
        Notifier notifier,
        Supplier<Window> owner,
        ThemeManager theme,
        ActionRunner actions,
        CensusTracker census) {

    public PanelContext {
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(refresh, "refresh");
        Objects.requireNonNull(shell, "shell");
        Objects.requireNonNull(confirmer, "confirmer");
        Objects.requireNonNull(notifier, "notifier");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(theme, "theme");
        Objects.requireNonNull(actions, "actions");
        Objects.requireNonNull(census, "census");
    }
}
