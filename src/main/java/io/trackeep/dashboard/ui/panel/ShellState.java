package io.trackeep.dashboard.ui.panel;

import io.trackeep.dashboard.service.health.AlertThresholds;
import io.trackeep.dashboard.service.profile.DashboardSettings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;

import java.time.Duration;
import java.util.Objects;

/**
 * The window-wide state panels may read or set, on the FX thread: whether refreshing is paused,
 * the refresh interval, the number of active alerts (the Overview sets it; the top bar shows it),
 * the alert thresholds (saved with the settings when changed), which panel is visible and whether
 * the window has gone live.
 */
public final class ShellState {

    private final BooleanProperty paused = new SimpleBooleanProperty(false);
    private final ObjectProperty<Duration> refreshInterval = new SimpleObjectProperty<>(DashboardSettings.DEFAULT_REFRESH);
    private final IntegerProperty alertCount = new SimpleIntegerProperty(0);
    private final ObjectProperty<AlertThresholds> alertThresholds = new SimpleObjectProperty<>(AlertThresholds.DEFAULTS);
    private final ReadOnlyStringWrapper visiblePanel = new ReadOnlyStringWrapper();
    private final ReadOnlyBooleanWrapper live = new ReadOnlyBooleanWrapper(false);

    /** True while refreshing is paused (Ctrl+Shift+P): panels keep what they show. */
    public BooleanProperty pausedProperty() { return paused; }

    public ObjectProperty<Duration> refreshIntervalProperty() { return refreshInterval; }

    /** Active alerts; shown as the badge in the top bar, which opens the Overview. */
    public IntegerProperty alertCountProperty() { return alertCount; }

    /** The limits of the Overview alerts; setting them saves them with the settings. */
    public ObjectProperty<AlertThresholds> alertThresholdsProperty() { return alertThresholds; }

    /** Id of the visible panel. */
    public ReadOnlyStringProperty visiblePanelProperty() { return visiblePanel.getReadOnlyProperty(); }

    /**
     * Turns true, once, when the Overview has shown its first figures: the window is live. Work
     * that the first screen does not need waits for it (the local instance's HTTP API and simulator).
     */
    public ReadOnlyBooleanProperty liveProperty() { return live.getReadOnlyProperty(); }

    /** The Overview has shown its first figures. */
    public void markLive() {
        live.set(true);
    }

    /** Shows the panel with this id (e.g. a session's user links to the Sessions panel). */
    public void navigate(String panelId) {
        visiblePanel.set(Objects.requireNonNull(panelId));
    }
}
