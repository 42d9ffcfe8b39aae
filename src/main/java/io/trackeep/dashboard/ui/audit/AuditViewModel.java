package io.trackeep.dashboard.ui.audit;

import io.trackeep.dashboard.monitor.audit.AuditRow;
import io.trackeep.dashboard.monitor.audit.AuditSnapshot;
import io.trackeep.dashboard.ui.format.Units;
import io.trackeep.dashboard.ui.kit.TableSection.Placeholder;
import io.trackeep.dashboard.ui.panel.LiveViewModel;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

import java.util.Locale;

/**
 * The Audit panel's state: the merged timeline (newest first) with a text filter and a source
 * choice, what was read from where, problems reading either log, and whether older entries can
 * be loaded. FX thread only.
 */
public final class AuditViewModel implements LiveViewModel<AuditSnapshot> {

    private static final Placeholder READING = new Placeholder("Reading the audit trail…", "");

    /** Which entries to show. */
    public enum SourceFilter {
        ALL("All sources"), THIS_WORKSTATION("This workstation"), OTHERS("Other workstations");

        private final String label;

        SourceFilter(String label) {
            this.label = label;
        }

        @Override
        public String toString() { return label; }
    }

    private final ObservableList<AuditRow> rows = FXCollections.observableArrayList();
    private final FilteredList<AuditRow> visibleRows = new FilteredList<>(rows);
    private final StringProperty filterText = new SimpleStringProperty("");
    private final ObjectProperty<SourceFilter> source = new SimpleObjectProperty<>(SourceFilter.ALL);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Reading the audit trail…");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper();
    private final ReadOnlyBooleanWrapper canLoadOlder = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<Placeholder> placeholder = new ReadOnlyObjectWrapper<>(READING);
    private final ObjectProperty<AuditRow> selected = new SimpleObjectProperty<>();
    private boolean read;
    private boolean sharedUnread;

    public AuditViewModel() {
        filterText.addListener((obs, o, n) -> refilter());
        source.addListener((obs, o, n) -> refilter());
    }

    @Override
    public void apply(AuditSnapshot s) {
        read = true;
        sharedUnread = s.sharedProblem() != null;
        rows.setAll(s.rows());
        status.set(Units.count(s.sharedRead()) + " from the shared trail · " + Units.count(s.localRead())
                + " from this workstation's log" + (s.localLog() == null ? "" : " (" + s.localLog() + ")"));
        String p = s.sharedProblem() != null ? "Shared trail not shown: " + s.sharedProblem() : null;
        if (s.localProblem() != null) {
            p = (p == null ? "" : p + " — ") + s.localProblem();
        }
        problem.set(p);
        canLoadOlder.set(s.olderShared() || s.olderLocal());
        describeEmpty();
    }

    /** Forgets the rows read: the window's connection changed (the local log is read again with the shared one). */
    @Override
    public void clear() {
        read = false;
        sharedUnread = false;
        rows.clear();
        selected.set(null);
        problem.set(null);
        canLoadOlder.set(false);
        status.set("Reading the audit trail…");
        describeEmpty();
    }

    /** The entry shown whole under the table; null when none is selected. */
    public ObjectProperty<AuditRow> selectedProperty() { return selected; }

    /** What identifies a row across refreshes (the table keeps it selected). */
    public static Object identity(AuditRow r) {
        return r.sharedId() != null ? r.sharedId() : r.when() + "|" + r.action() + "|" + r.target() + "|" + r.who();
    }

    /** Where an entry comes from, in words. */
    public static String sourceTip(AuditRow r) {
        return switch (r.source()) {
            case LOCAL -> "Only in this workstation's log (refused, or the shared trail could not be written); connected to "
                    + r.connection();
            case BOTH -> "Taken on this workstation, connected to " + r.connection() + "; also in the shared trail (entry " + r.sharedId() + ")";
            case SHARED -> "From the shared trail (entry " + r.sharedId() + "), written by " + r.host();
        };
    }

    /** The style class of a result: ok, refused or failed. */
    public static String resultStyle(String result) {
        if (result == null) {
            return null;
        }
        if (result.startsWith("ok")) {
            return "result-ok";
        }
        return result.startsWith("refused") ? "result-refused" : "result-failed";
    }

    public ObservableList<AuditRow> visibleRows() { return visibleRows; }

    /** Matches who, host, action, target or result, case-insensitively. */
    public StringProperty filterTextProperty() { return filterText; }

    public ObjectProperty<SourceFilter> sourceProperty() { return source; }

    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }

    /** Why a log could not be read, or null. */
    public ReadOnlyStringProperty problemProperty() { return problem.getReadOnlyProperty(); }

    public ReadOnlyBooleanProperty canLoadOlderProperty() { return canLoadOlder.getReadOnlyProperty(); }

    /** What the table shows instead of rows. */
    public ReadOnlyObjectProperty<Placeholder> placeholderProperty() { return placeholder.getReadOnlyProperty(); }

    /** How a row's source reads in the table. */
    public static String sourceLabel(AuditRow.Source s) {
        return switch (s) {
            case LOCAL -> "Local log";
            case SHARED -> "Shared trail";
            case BOTH -> "Local + shared";
        };
    }

    private void refilter() {
        String text = filterText.get() == null ? "" : filterText.get().strip().toLowerCase(Locale.ROOT);
        SourceFilter wanted = source.get() == null ? SourceFilter.ALL : source.get();
        visibleRows.setPredicate(r -> switch (wanted) {
            case ALL -> true;
            case THIS_WORKSTATION -> r.source().local();
            case OTHERS -> !r.source().local();
        } && (text.isEmpty() || matches(r, text)));
        describeEmpty();
    }

    private static boolean matches(AuditRow r, String text) {
        for (String field : new String[]{r.who(), r.host(), r.action(), r.target(), r.result()}) {
            if (field != null && field.toLowerCase(Locale.ROOT).contains(text)) {
                return true;
            }
        }
        return false;
    }

    private void describeEmpty() {
        placeholder.set(emptyTable());
    }

    private Placeholder emptyTable() {
        if (!read) {
            return READING;
        }
        if (!rows.isEmpty()) {
            return new Placeholder("No action matches the filter",
                    "None of the " + Units.count(rows.size()) + " actions read matches. Clear the filter or choose All sources.");
        }
        if (sharedUnread) {
            // "no actions yet" would be a guess: the shared trail may hold many, it just could not be read
            return new Placeholder("The shared audit trail could not be read", "The error above says why. The actions written there,"
                    + " by this and other workstations, appear here once it can be read.");
        }
        return new Placeholder("No admin actions yet", "Actions taken from this dashboard or its command line (killing a session,"
                + " invalidating a cache, …) appear here, with those other workstations wrote to the shared audit trail.");
    }
}
