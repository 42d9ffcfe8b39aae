package io.trackeep.dashboard.service.profile;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.trackeep.dashboard.service.health.AlertThresholds;
import io.trackeep.dashboard.service.redis.Topology;

import java.time.Duration;

/**
 * The user's preferences, stored next to the profiles by {@link ProfileStore}. Written to JSON as
 * this record, so a new setting is one new component: give it a default in the compact
 * constructor for files written before it existed (Jackson passes null or 0 for a missing field),
 * add a {@code with...} method, and older files keep loading. Unknown fields are ignored.
 *
 * @param theme           light or dark
 * @param refreshInterval how often panels refresh; at least {@link #MIN_REFRESH}, at most {@link #MAX_REFRESH}
 * @param lastProfile     name of the profile used last, or null on first start
 * @param alertThresholds the limits of the Overview alerts; {@link AlertThresholds#DEFAULTS} when
 *                        missing, and also when the stored ones are invalid (a hand-edited file must
 *                        not cost the user the profiles)
 * @param localTopology   what the built-in Local instance starts: {@code standalone} (the default),
 *                        {@code sentinel} or {@code cluster} (see {@link #localInstanceTopology()}); anything
 *                        else reads as standalone
 */
public record DashboardSettings(
        ThemeMode theme,
        @JsonFormat(shape = JsonFormat.Shape.STRING) Duration refreshInterval,
        String lastProfile,
        @JsonDeserialize(using = LenientAlertThresholds.class) AlertThresholds alertThresholds,
        String localTopology) {

    public static final Duration DEFAULT_REFRESH = Duration.ofSeconds(1);
    public static final Duration MIN_REFRESH = Duration.ofMillis(250);
    public static final Duration MAX_REFRESH = Duration.ofMinutes(5);

    public DashboardSettings {
        theme = theme == null ? ThemeMode.LIGHT : theme;
        if (refreshInterval == null || refreshInterval.compareTo(MIN_REFRESH) < 0 || refreshInterval.compareTo(MAX_REFRESH) > 0) {
            refreshInterval = DEFAULT_REFRESH;
        }
        lastProfile = lastProfile == null || lastProfile.isBlank() ? null : lastProfile;
        alertThresholds = alertThresholds == null ? AlertThresholds.DEFAULTS : alertThresholds;
        localTopology = lenient(localTopology).label();
    }

    /** Settings with the default alert thresholds. */
    public DashboardSettings(ThemeMode theme, Duration refreshInterval, String lastProfile) {
        this(theme, refreshInterval, lastProfile, AlertThresholds.DEFAULTS, null);
    }

    public static DashboardSettings defaults() {
        return new DashboardSettings(ThemeMode.LIGHT, DEFAULT_REFRESH, null, AlertThresholds.DEFAULTS, null);
    }

    public DashboardSettings withTheme(ThemeMode t) {
        return new DashboardSettings(t, refreshInterval, lastProfile, alertThresholds, localTopology);
    }

    public DashboardSettings withRefreshInterval(Duration d) {
        return new DashboardSettings(theme, d, lastProfile, alertThresholds, localTopology);
    }

    public DashboardSettings withLastProfile(String name) {
        return new DashboardSettings(theme, refreshInterval, name, alertThresholds, localTopology);
    }

    public DashboardSettings withAlertThresholds(AlertThresholds t) {
        return new DashboardSettings(theme, refreshInterval, lastProfile, t, localTopology);
    }

    /** What the built-in Local instance starts from now on. */
    public DashboardSettings withLocalTopology(Topology t) {
        return new DashboardSettings(theme, refreshInterval, lastProfile, alertThresholds, t.label());
    }

    /** What the built-in Local instance starts: one server unless the user chose a Sentinel set or a Cluster. */
    public Topology localInstanceTopology() {
        return lenient(localTopology);
    }

    private static Topology lenient(String label) {
        try {
            return label == null ? Topology.STANDALONE : Topology.ofLabel(label);
        } catch (IllegalArgumentException handEdited) {
            return Topology.STANDALONE;
        }
    }
}
