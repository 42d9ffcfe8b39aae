package io.trackeep.dashboard.ui.ratelimits;

import io.trackeep.dashboard.monitor.ratelimits.ClientUsage;
import io.trackeep.dashboard.monitor.ratelimits.LimiterStatus;
import io.trackeep.dashboard.monitor.ratelimits.RateLimitsSnapshot;
import io.trackeep.dashboard.monitor.ratelimits.ResetTime;
import io.trackeep.dashboard.monitor.ratelimits.SamplingBudget;
import io.trackeep.dashboard.service.ratelimit.Decision;
import io.trackeep.dashboard.service.ratelimit.LimitText;
import io.trackeep.dashboard.service.ratelimit.MinuteCounts;
import io.trackeep.dashboard.service.ratelimit.RateLimits;
import io.trackeep.dashboard.service.ratelimit.Usage;
import io.trackeep.dashboard.ui.dialog.ErrorPresenter;
import io.trackeep.dashboard.ui.dialog.UserMessage;
import io.trackeep.dashboard.ui.format.Times;
import io.trackeep.dashboard.ui.format.Shown;
import io.trackeep.dashboard.ui.format.Units;
import io.trackeep.dashboard.ui.kit.MinuteChart;
import io.trackeep.dashboard.ui.kit.MinuteSeries;
import io.trackeep.dashboard.ui.panel.LiveViewModel;
import io.trackeep.dashboard.ui.panel.OneOffReads;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the Rate limits panel shows, as properties (no controls): a row per limiter, the selected
 * limiter's clients closest to their limit and its allowed/blocked chart (or why there is none),
 * the filter, and the "usage of a client" look-up. Fed on the FX thread with
 * {@link RateLimitsSnapshot}s.
 */
public final class RateLimitsViewModel implements LiveViewModel<RateLimitsSnapshot> {

    /** The headline where the chart would be, when it cannot be drawn. */
    private static final String NO_CHART = "No per-minute counters";

    /** Shown instead of the chart on a Redis without per-minute counters. */
    public static final String NO_COUNTERS = "Unavailable: no per-minute counters in this Redis (the Go backend does not write them)";

    /**
     * One limiter as the table shows it; the numbers are there to sort by.
     *
     * @param clients      client keys (null: not counted yet)
     * @param clientsText  "1,234", "≥ 12" while the first census pass runs, "…"
     * @param closest      "10.0.0.7 · 98%" or "–"
     * @param closestShare used/limit of that client (0 when none)
     * @param allowed      allowed requests in 15 min, null without counters
     * @param blocked      blocked requests in 15 min, null without counters
     */
    public record LimiterRow(String limiter, String algorithm, String limit, Long clients, String clientsText,
                             String closest, double closestShare, Long allowed, Long blocked, LimiterStatus status) {
    }

    /** A validated look-up request. */
    public record Lookup(String limiter, String client) {
    }

    /**
     * The selected limiter's clients table, around its rows.
     *
     * @param title "Closest to their limit: general (100 / 1 min, sliding window)"
     * @param note  how the clients were found, under the table
     * @param empty what the table says when it has no row
     */
    public record ClientsView(String title, String note, String empty) {

        static final String TITLE = "Closest to their limit";
    }

    private final ObservableList<LimiterRow> rows = FXCollections.observableArrayList();
    private final FilteredList<LimiterRow> visibleRows = new FilteredList<>(rows);
    private final ObservableList<ClientUsage> topClients = FXCollections.observableArrayList();
    private final ObservableList<String> limiterNames = FXCollections.observableArrayList();
    private final StringProperty filter = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper selectedLimiter = new ReadOnlyStringWrapper();
    private final ReadOnlyObjectWrapper<LimiterStatus> selected = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<ClientsView> clients = new ReadOnlyObjectWrapper<>(new ClientsView(ClientsView.TITLE, "", ""));
    private final ReadOnlyStringWrapper chartTitle = new ReadOnlyStringWrapper("Allowed and blocked per minute");
    private final ReadOnlyObjectWrapper<MinuteChart> chart = new ReadOnlyObjectWrapper<>(MinuteChart.EMPTY);
    private final ReadOnlyStringWrapper updated = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper warning = new ReadOnlyStringWrapper("");
    private final StringProperty lookupLimiter = new SimpleStringProperty();
    private final StringProperty lookupClient = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper lookupResult = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper lookupFound = new ReadOnlyBooleanWrapper(false);
    private RateLimitsSnapshot snapshot;
    private Lookup lookedUp;

    private final OneOffReads reads;

    public RateLimitsViewModel(OneOffReads reads) {
        this.reads = reads;
        filter.addListener((obs, o, f) -> {
            visibleRows.setPredicate(this::matches);
            showSelected();
        });
        lookupLimiter.addListener((obs, o, n) -> lookupFound.set(false));
        lookupClient.addListener((obs, o, n) -> lookupFound.set(false));
    }

    @Override
    public void apply(RateLimitsSnapshot s) {
        snapshot = s;
        rows.setAll(s.limiters().stream().map(l -> row(l, s.countersAvailable())).toList());
        visibleRows.setPredicate(this::matches);
        List<String> names = s.limiters().stream().map(LimiterStatus::limiter).toList();
        if (!limiterNames.equals(names)) {
            limiterNames.setAll(names); // only on change: replacing a ComboBox's items clears its choice
        }
        updated.set("Updated " + Times.time(s.collectedAt()));
        warning.set(s.malformedLimits().isEmpty() ? "" : "Ignored in the limits hash: " + String.join(", ",
                s.malformedLimits().stream().map(m -> "'" + Shown.text(m.limiter()) + "' (" + Shown.lines(m.reason()) + ")").toList())
                + (s.unrecognisedKeys() == 0 ? "" : (s.malformedLimits().isEmpty() ? "" : " · ") + Units.count(s.unrecognisedKeys())
                + (s.unrecognisedKeys() == 1 ? " key under the rate-limit prefix names" : " keys under the rate-limit prefix name")
                + " no limiter and client and " + (s.unrecognisedKeys() == 1 ? "is" : "are") + " not counted"));
        String wanted = selectedLimiter.get();
        if (wanted == null || s.limiter(wanted).isEmpty()) {
            wanted = s.limiters().stream().filter(l -> !l.topClients().isEmpty()).findFirst()
                    .or(() -> s.limiters().stream().findFirst()).map(LimiterStatus::limiter).orElse(null);
        }
        selectedLimiter.set(wanted);
        showSelected();
    }

    /** The admin picked a limiter in the table. */
    public void select(String limiter) {
        if (limiter != null && !limiter.equals(selectedLimiter.get())) {
            selectedLimiter.set(limiter);
            showSelected();
        }
    }

    private static LimiterRow row(LimiterStatus l, boolean counters) {
        String clientsText = l.clients() == null ? "…" : (l.clientsComplete() ? "" : "≥ ") + Units.count(l.clients());
        ClientUsage top = l.topClients().isEmpty() ? null : l.topClients().get(0);
        boolean counted = counters && l.definition() != null;
        return new LimiterRow(l.limiter(),
                l.algorithm() == null ? "unknown" : LimitText.algorithm(l.algorithm()),
                l.definition() == null ? "not defined here" : LimitText.rate(l.definition()),
                l.clients(), clientsText,
                top == null ? "–" : Shown.text(top.client()) + " · " + Units.percent(top.share()),
                top == null ? 0 : top.share(),
                counted ? l.allowed() : null, counted ? l.blocked() : null, l);
    }

    private boolean matches(LimiterRow row) {
        String f = filterText();
        return f.isEmpty() || row.limiter().toLowerCase(Locale.ROOT).contains(f)
                || row.status().topClients().stream().anyMatch(c -> c.client().toLowerCase(Locale.ROOT).contains(f));
    }

    private String filterText() {
        return filter.get() == null ? "" : filter.get().strip().toLowerCase(Locale.ROOT);
    }

    private void showSelected() {
        LimiterStatus l = snapshot == null || selectedLimiter.get() == null ? null : snapshot.limiter(selectedLimiter.get()).orElse(null);
        selected.set(l);
        if (l == null) {
            topClients.clear();
            clients.set(new ClientsView(ClientsView.TITLE, snapshot == null ? "" : "Select a limiter to see its clients.", ""));
            chart.set(chart.get().withoutMinutes());
            return;
        }
        String f = filterText();
        boolean limiterMatches = l.limiter().toLowerCase(Locale.ROOT).contains(f);
        topClients.setAll(l.topClients().stream()
                .filter(c -> f.isEmpty() || limiterMatches || c.client().toLowerCase(Locale.ROOT).contains(f)).toList());
        String name = Shown.text(l.limiter());
        clients.set(new ClientsView(ClientsView.TITLE + ": " + name
                + (l.definition() == null ? "" : " (" + LimitText.of(l.definition()) + ")"),
                topNote(l, snapshot),
                l.definition() == null ? "No limit is defined for '" + name + "' here, so its clients cannot be ranked."
                : l.topClients().isEmpty() ? "No client of '" + name + "' has used any of its limit right now."
                : "No client of '" + name + "' matches the filter."));
        chartTitle.set("Requests per minute: " + name);
        chart.set(!snapshot.countersAvailable() ? MinuteChart.unavailable(NO_CHART, NO_COUNTERS + ".")
                : l.definition() == null ? MinuteChart.unavailable(NO_CHART,
                        "No counters for '" + name + "': only limiters with a limit defined here are counted.")
                : MinuteChart.available(chartData(l.perMinute(), snapshot.collectedAt())));
    }

    /** Under the clients table: how they were found (the empty table says itself that there are none). */
    private static String topNote(LimiterStatus l, RateLimitsSnapshot s) {
        if (l.definition() == null) {
            return "Only the backend that uses '" + Shown.text(l.limiter()) + "' knows its limit; its algorithm is guessed from the type of its keys. "
                    + "Define a limit with Change limit… to rank its clients.";
        }
        if (s.sampling().refused() != null) {
            return "Clients cannot be ranked: they are read with the limiters' own scripts, which this Redis user may not run ("
                    + Shown.lines(s.sampling().refused()) + ").";
        }
        String sampling = s.sampling().completedPasses() == 0
                ? "Sampling: the first pass over the rate-limit keys is still running, so clients may be missing."
                : "Sampled: up to " + SamplingBudget.perTick().peeks() + " clients read per refresh, without consuming; "
                + "every client at least once per pass over the keys (" + s.sampling().completedPasses() + " so far).";
        return sampling + (s.sampling().unreadable() > 0
                ? " " + s.sampling().unreadable() + " client key(s) hold another type and were skipped." : "");
    }

    private static MinuteSeries chartData(List<MinuteCounts> minutes, Instant now) {
        Map<String, List<Double>> series = new LinkedHashMap<>();
        series.put("allowed", minutes.stream().map(m -> (double) m.allowed()).toList());
        series.put("blocked", minutes.stream().map(m -> (double) m.blocked()).toList());
        return new MinuteSeries(minutes.stream().map(MinuteCounts::minute).toList(), series, now);
    }

    /** Reads the usage of the client typed, on the current connection (the answer is dropped if the window moved on). */
    public void lookUp() {
        lookupRequest().ifPresent(l -> reads.readOnce("Reading the usage of " + l.client(), redis -> {
            try (RateLimits limits = new RateLimits(redis)) {
                return limits.usage(l.limiter(), l.client());
            }
        }, usage -> {
            lookedUp = l;
            showUsage(usage);
        }, this::showLookupFailure));
    }

    /** The client whose usage is shown, while it has something to reset. */
    public Optional<Lookup> lookedUp() {
        return lookupFound.get() ? Optional.ofNullable(lookedUp) : Optional.empty();
    }

    /** Forgets everything shown, the look-up's answer too: the window's connection changed. */
    @Override
    public void clear() {
        snapshot = null;
        rows.clear();
        topClients.clear();
        selected.set(null);
        updated.set("");
        warning.set("");
        chart.set(chart.get().withoutMinutes());
        lookedUp = null;
        lookupFound.set(false);
        lookupResult.set("");
    }

    /** The look-up typed, or empty with the reason shown. */
    public Optional<Lookup> lookupRequest() {
        String limiter = lookupLimiter.get() == null ? "" : lookupLimiter.get().strip();
        String client = lookupClient.get() == null ? "" : lookupClient.get().strip();
        lookupFound.set(false);
        if (limiter.isEmpty() || client.isEmpty()) {
            lookupResult.set("Choose a limiter and type a client (an IP address, user:42, …).");
            return Optional.empty();
        }
        lookupResult.set("Reading…");
        return Optional.of(new Lookup(limiter, client));
    }

    /** Shows what a look-up found. */
    public void showUsage(Usage u) {
        Duration reset = ResetTime.known(u.resetAfter());
        lookupResult.set(u.used() + " of " + u.limit() + " used · " + u.remaining() + " remaining · "
                + (u.used() == 0 ? "nothing to reset" : "back to empty "
                + (reset != null ? "in " + Units.duration(Duration.ofSeconds((reset.toMillis() + 999) / 1000))
                : Decision.NO_EXPIRY.equals(u.resetAfter()) ? ResetTime.NEVER : "in " + ResetTime.UNKNOWN)));
        lookupFound.set(u.used() > 0);
    }

    public void showLookupFailure(Throwable error) {
        UserMessage m = ErrorPresenter.describe(error);
        lookupResult.set(m.title() + ": " + m.message());
        lookupFound.set(false);
    }

    public ObservableList<LimiterRow> rows() { return visibleRows; }

    public ObservableList<ClientUsage> topClients() { return topClients; }

    /** Names of every limiter, for the look-up's choice. */
    public ObservableList<String> limiterNames() { return limiterNames; }

    public StringProperty filterProperty() { return filter; }

    public ReadOnlyStringProperty selectedLimiterProperty() { return selectedLimiter.getReadOnlyProperty(); }

    public ReadOnlyObjectProperty<LimiterStatus> selectedProperty() { return selected.getReadOnlyProperty(); }

    public ReadOnlyObjectProperty<ClientsView> clientsProperty() { return clients.getReadOnlyProperty(); }

    public ReadOnlyStringProperty chartTitleProperty() { return chartTitle.getReadOnlyProperty(); }

    /** The selected limiter's allowed and blocked requests per minute, or why there are none. */
    public ReadOnlyObjectProperty<MinuteChart> chartProperty() { return chart.getReadOnlyProperty(); }

    public ReadOnlyStringProperty updatedProperty() { return updated.getReadOnlyProperty(); }

    /** Malformed entries of the limits hash, or "". */
    public ReadOnlyStringProperty warningProperty() { return warning.getReadOnlyProperty(); }

    public StringProperty lookupLimiterProperty() { return lookupLimiter; }

    public StringProperty lookupClientProperty() { return lookupClient; }

    public ReadOnlyStringProperty lookupResultProperty() { return lookupResult.getReadOnlyProperty(); }

    /** True after a look-up found something used: the client can be reset from there. */
    public ReadOnlyBooleanProperty lookupFoundProperty() { return lookupFound.getReadOnlyProperty(); }
}
