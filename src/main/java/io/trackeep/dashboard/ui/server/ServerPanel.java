package io.trackeep.dashboard.ui.server;

import io.trackeep.dashboard.monitor.server.ServerDetails;
import io.trackeep.dashboard.monitor.server.ServerDetailsProbe;
import io.trackeep.dashboard.monitor.server.ServerDetailsProbe.Part;
import io.trackeep.dashboard.service.admin.ServerActions;
import io.trackeep.dashboard.service.health.ClientConnection;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.ui.panel.LivePanel;
import io.trackeep.dashboard.ui.panel.PanelContext;
import io.trackeep.dashboard.ui.panel.PanelView;
import io.trackeep.dashboard.ui.panel.StandardPanels;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * The Server panel: slow log, client list, INFO sections and configuration, each a filterable,
 * sortable table, and "Kill client…" (through {@link ServerActions} and the action runner:
 * confirmation naming the client, audit, read-only refusal).
 *
 * <p>While shown, each refresh reads only the visible tab (one command; the configuration at most
 * every {@link #CONFIG_MAX_AGE}); while hidden, nothing. A command the ACL user may not run shows
 * "not permitted for this user" in its tab instead of an error dialog.
 */
public final class ServerPanel extends LivePanel<ServerViewModel.Readings> {

    /** The configuration changes rarely: read again at most this often while its tab is shown. */
    public static final Duration CONFIG_MAX_AGE = Duration.ofSeconds(10);

    private final ServerViewModel vm;
    private volatile Part shown = Part.SLOW_LOG;
    private final ServerDetailsProbe probe = new ServerDetailsProbe(() -> EnumSet.of(shown));
    private volatile Instant configReadAt;
    private ServerView view;

    public ServerPanel(PanelContext context) {
        this(context, new ServerViewModel());
    }

    private ServerPanel(PanelContext context, ServerViewModel vm) {
        super(StandardPanels.SERVER, context, Refresh.WHILE_SHOWN, 4, vm);
        this.vm = vm;
        vm.shownProperty().addListener((obs, old, now) -> {
            shown = now;
            context.refresh().refreshNow();
        });
    }

    public ServerViewModel viewModel() {
        return vm;
    }

    @Override
    protected PanelView createView() {
        view = new ServerView(vm, this::killSelected, this::reloadConfig);
        return view;
    }

    @Override
    protected void clear() {
        super.clear();
        configReadAt = null;
    }

    /** Shows a tab (for tests and links from other panels). */
    public void show(Part part) {
        node();
        view.select(part);
    }

    /** On the refresh thread: the visible tab only; null while the configuration shown is recent enough. */
    @Override
    protected ServerViewModel.Readings read(RedisConnections redis) {
        Part part = shown;
        Instant now = Instant.now();
        Set<Part> parts = EnumSet.of(part);
        if (part == Part.CONFIG) {
            Instant read = configReadAt;
            if (read != null && now.isBefore(read.plus(CONFIG_MAX_AGE))) {
                return null;
            }
            configReadAt = now;
        }
        return new ServerViewModel.Readings(probe.collect(redis, parts), now);
    }

    private void killSelected() {
        ClientConnection client = vm.selectedClientProperty().get();
        if (client == null) {
            return;
        }
        long id = client.id();
        context.actions().run("Kill client", redis -> new ServerActions(redis).killClient(id),
                outcome -> context.refresh().refreshNow());
    }

    private void reloadConfig() {
        vm.reloadConfig();
        configReadAt = null;
        context.refresh().refreshNow();
    }
}
