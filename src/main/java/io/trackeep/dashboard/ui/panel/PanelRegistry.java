package io.trackeep.dashboard.ui.panel;

import io.trackeep.dashboard.ui.audit.AuditPanel;
import io.trackeep.dashboard.ui.caches.CachesPanel;
import io.trackeep.dashboard.ui.leaderboards.LeaderboardsPanel;
import io.trackeep.dashboard.ui.overview.OverviewPanel;
import io.trackeep.dashboard.ui.pubsub.PubSubPanel;
import io.trackeep.dashboard.ui.ratelimits.RateLimitsPanel;
import io.trackeep.dashboard.ui.server.ServerPanel;
import io.trackeep.dashboard.ui.sessions.SessionsPanel;
import io.trackeep.dashboard.ui.topology.TopologyPanel;
import javafx.scene.input.KeyCombination;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The panels of the window in navigation order. Ids and accelerators are unique; the first
 * panel is shown at start.
 */
public final class PanelRegistry {

    private final List<Panel> panels = new ArrayList<>();

    /** The dashboard's nine panels, in the order of {@link StandardPanels}. */
    public static PanelRegistry standard(PanelContext context) {
        PanelRegistry r = new PanelRegistry();
        r.add(new OverviewPanel(context));
        r.add(new SessionsPanel(context));
        r.add(new RateLimitsPanel(context));
        r.add(new CachesPanel(context));
        r.add(new LeaderboardsPanel(context));
        r.add(new PubSubPanel(context));
        r.add(new ServerPanel(context));
        r.add(new TopologyPanel(context));
        r.add(new AuditPanel(context));
        return r;
    }

    /** Appends a panel; refuses a second panel with the same id or accelerator. */
    public PanelRegistry add(Panel panel) {
        Objects.requireNonNull(panel);
        if (find(panel.id()).isPresent()) {
            throw new IllegalArgumentException("A panel with id " + panel.id() + " is already registered");
        }
        KeyCombination key = panel.spec().accelerator();
        if (key != null && panels.stream().anyMatch(p -> key.equals(p.spec().accelerator()))) {
            throw new IllegalArgumentException("Shortcut " + key.getDisplayText() + " is already used by another panel");
        }
        panels.add(panel);
        return this;
    }

    public List<Panel> panels() {
        return List.copyOf(panels);
    }

    public Optional<Panel> find(String id) {
        return panels.stream().filter(p -> p.id().equals(id)).findFirst();
    }
}
