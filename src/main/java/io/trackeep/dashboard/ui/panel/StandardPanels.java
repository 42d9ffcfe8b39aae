package io.trackeep.dashboard.ui.panel;

import io.trackeep.dashboard.ui.theme.Glyph;
import javafx.scene.input.KeyCombination;

import java.util.List;

/** The nine panels of the dashboard, in navigation order, with Ctrl+1..9. */
public final class StandardPanels {

    public static final PanelSpec OVERVIEW = spec(1, "overview", "Overview", Glyph.OVERVIEW,
            "Health, memory, throughput, hit rate and alerts at a glance",
            "its health, memory, hit rate and alerts");
    public static final PanelSpec SESSIONS = spec(2, "sessions", "Sessions", Glyph.SESSIONS,
            "Who is logged in; kill a session or all sessions of a user",
            "who is logged in");
    public static final PanelSpec RATE_LIMITS = spec(3, "rate-limits", "Rate limits", Glyph.RATE_LIMITS,
            "Limiters, the clients closest to their limit, allowed and blocked requests",
            "rate limiters and the clients closest to their limits");
    public static final PanelSpec CACHES = spec(4, "caches", "Caches", Glyph.CACHES,
            "Response, search and analytics caches: size, memory and hit rate",
            "cache sizes and hit rates");
    public static final PanelSpec LEADERBOARDS = spec(5, "leaderboards", "Leaderboards", Glyph.LEADERBOARDS,
            "Challenge leaderboards: top members, ranks and scores",
            "challenge leaderboards");
    public static final PanelSpec PUBSUB = spec(6, "pubsub", "Pub/Sub", Glyph.PUBSUB,
            "Live message stream of chat, notification and admin channels",
            "the live message stream");
    public static final PanelSpec SERVER = spec(7, "server", "Server", Glyph.SERVER,
            "Slow log, connected clients, INFO sections and configuration",
            "the slow log, clients and server configuration");
    public static final PanelSpec TOPOLOGY = spec(8, "topology", "Topology", Glyph.TOPOLOGY,
            "Each node's role, slots and state, the Sentinels and the failovers",
            "the nodes of the deployment");
    public static final PanelSpec AUDIT = spec(9, "audit", "Audit", Glyph.AUDIT,
            "Every admin action taken from this and other workstations",
            "the admin audit trail");

    public static final List<PanelSpec> ALL = List.of(OVERVIEW, SESSIONS, RATE_LIMITS, CACHES, LEADERBOARDS, PUBSUB, SERVER, TOPOLOGY,
            AUDIT);

    private StandardPanels() {
    }

    private static PanelSpec spec(int position, String id, String title, Glyph glyph, String purpose, String subject) {
        return new PanelSpec(id, title, glyph, KeyCombination.keyCombination("Shortcut+" + position), purpose, subject);
    }
}
