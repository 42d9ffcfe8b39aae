package io.trackeep.dashboard.ui.panel;

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

    /**
     * The dashboard's panels. To add a real panel, write its class (extending
     * {@link AbstractPanel} with the matching {@link StandardPanels} spec) and replace its
     * placeholder line below. The lines are kept apart so parallel changes merge cleanly.
     */
    public static PanelRegistry standard(PanelContext context) {
        PanelRegistry r = new PanelRegistry();

        // Overview
        r.add(new io.trackeep.dashboard.ui.overview.OverviewPanel(context));

        // Sessions
        r.add(new io.trackeep.dashboard.ui.sessions.SessionsPanel(context));

        // Rate limits
        r.add(new io.trackeep.dashboard.ui.ratelimits.RateLimitsPanel(context));

        // Caches
        r.add(new io.trackeep.dashboard.ui.caches.CachesPanel(context));

        // Leaderboards
        r.add(new io.trackeep.dashboard.ui.leaderboards.LeaderboardsPanel(context));

        // Pub/Sub
        r.add(new io.trackeep.dashboard.ui.pubsub.PubSubPanel(context));

        // Server
        r.add(new io.trackeep.dashboard.ui.server.ServerPanel(context));

        // Audit
        r.add(new io.trackeep.dashboard.ui.audit.AuditPanel(context));

        return r;
    }

    /** Appends a panel; refuses a second panel with the same id or accelerator. */
    public PanelRegistry add(Panel panel) {
        Objects.requireNonNull(panel);
        if (find(panel.id()).isPresent()) {
            throw new IllegalArgumentException("A panel with id " + panel.id() + " is already registered");
        }
        KeyCombination key = panel.accelerator();
        if (key != null && panels.stream().anyMatch(p -> key.equals(p.accelerator()))) {
            throw new IllegalArgumentException("Shortcut " + key.getDisplayText() + " is already used by another panel");
        }
        panels.add(panel);
        return this;
    }

    /** Puts {@code panel} in the place of the panel with the same id (e.g. a real panel for its placeholder). */
    public PanelRegistry replace(Panel panel) {
        for (int i = 0; i < panels.size(); i++) {
            if (panels.get(i).id().equals(panel.id())) {
                panels.set(i, panel);
                return this;
            }
        }
        throw new IllegalArgumentException("No panel with id " + panel.id() + " to replace");
    }

    public List<Panel> panels() {
        return List.copyOf(panels);
    }

    public Optional<Panel> find(String id) {
        return panels.stream().filter(p -> p.id().equals(id)).findFirst();
    }
}
