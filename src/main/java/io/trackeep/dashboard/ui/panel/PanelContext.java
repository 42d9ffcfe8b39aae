package io.trackeep.dashboard.ui.panel;

import io.trackeep.dashboard.monitor.census.CensusTracker;
import io.trackeep.dashboard.monitor.topology.DeploymentTracker;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.ui.admin.ActionRunner;
import io.trackeep.dashboard.ui.connect.LiveConnection;
import io.trackeep.dashboard.ui.dialog.Confirmer;
import io.trackeep.dashboard.ui.dialog.Notifier;
import io.trackeep.dashboard.ui.task.RefreshLoop;
import io.trackeep.dashboard.ui.task.UiExecutor;
import io.trackeep.dashboard.ui.theme.ThemeManager;
import javafx.stage.Window;

import java.util.Objects;
import java.util.function.Consumer;
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
 * @param deployment the shared check of every node (call from refresh tasks only: it reads Redis)
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
        CensusTracker census,
        DeploymentTracker deployment) implements OneOffReads {

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
        Objects.requireNonNull(deployment, "deployment");
    }

    /**
     * A one-off read (a lookup) off the FX thread, on the window's current connection. The answer
     * (or the failure) reaches the FX thread only if the window is still on that connection: a
     * lookup never shows, or enables an action on, a server the window has left.
     */
    @Override
    public <T> void readOnce(String what, PanelFeed.Read<T> read, Consumer<? super T> onResult, Consumer<Throwable> onFailure) {
        RedisConnections redis = connection.current();
        if (redis == null) {
            onFailure.accept(new IllegalStateException("Not connected to a Redis"));
            return;
        }
        executor.submit(what, () -> read.read(redis), result -> {
            if (connection.current() == redis) {
                onResult.accept(result);
            }
        }, failure -> {
            if (connection.current() == redis) {
                onFailure.accept(failure);
            }
        });
    }
}
