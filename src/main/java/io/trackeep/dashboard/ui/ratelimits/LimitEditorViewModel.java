package io.trackeep.dashboard.ui.ratelimits;

import io.trackeep.dashboard.service.ratelimit.LimitAlgorithm;
import io.trackeep.dashboard.service.ratelimit.LimitDefinition;
import io.trackeep.dashboard.service.ratelimit.LimitText;
import io.trackeep.dashboard.service.ratelimit.RateLimitRegistry;
import io.trackeep.dashboard.ui.kit.Check;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.time.Duration;
import java.util.Optional;

/**
 * The "change a limit" form: limit and window typed as text and checked as they are typed,
 * the change shown as old → new, and a change of algorithm refused with the service's own
 * reason ({@link RateLimitRegistry#requireSameAlgorithm}). A limiter without a limit yet may
 * get any algorithm; it starts with the one its keys suggest.
 */
public final class LimitEditorViewModel {

    private final String limiter;
    private final LimitDefinition current;
    private final ObjectProperty<LimitAlgorithm> algorithm = new SimpleObjectProperty<>();
    private final StringProperty limit = new SimpleStringProperty("");
    private final StringProperty window = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper change = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Check<LimitDefinition>> check = new ReadOnlyObjectWrapper<>(Check.blank());

    /**
     * @param current   the limit in force, or null when the limiter has none
     * @param suggested the algorithm for a limiter without a limit (guessed from its keys), or null
     */
    public LimitEditorViewModel(String limiter, LimitDefinition current, LimitAlgorithm suggested) {
        this.limiter = limiter;
        this.current = current;
        algorithm.set(current != null ? current.algorithm() : suggested != null ? suggested : LimitAlgorithm.SLIDING_WINDOW);
        if (current != null) {
            limit.set(Long.toString(current.limit()));
            window.set(typed(current.window()));
        }
        algorithm.addListener((obs, o, n) -> recheck());
        limit.addListener((obs, o, n) -> recheck());
        window.addListener((obs, o, n) -> recheck());
        recheck();
    }

    private void recheck() {
        if (isBlank(limit.get()) && isBlank(window.get())) {
            change.set("");
            check.set(Check.blank()); // nothing typed yet: nothing to complain about
            return;
        }
        try {
            LimitDefinition wanted = LimitText.definition(algorithm.get(), LimitText.parseLimit(limit.get()),
                    LimitText.parseWindow(window.get()));
            RateLimitRegistry.requireSameAlgorithm(limiter, current, wanted);
            if (wanted.equals(current)) {
                change.set("In force: " + LimitText.of(current) + ". Type the new limit or window.");
                check.set(Check.blank());
                return;
            }
            change.set(current == null ? "New limit: " + LimitText.of(wanted)
                    : LimitText.rate(current) + "  →  " + LimitText.rate(wanted) + ", " + LimitText.algorithm(wanted.algorithm())
                    + (wanted.algorithm() == LimitAlgorithm.TOKEN_BUCKET ? " (capacity " + wanted.capacity() + ")" : ""));
            check.set(Check.valid(wanted, ""));
        } catch (IllegalArgumentException e) {
            change.set(current == null ? "" : "In force: " + LimitText.of(current));
            check.set(Check.problem(e.getMessage() == null ? "" : e.getMessage()));
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    /** How a window is typed back into the field: 60s, 10m, 1h, 250ms. */
    static String typed(Duration d) {
        long ms = d.toMillis();
        if (ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }

    public String limiter() { return limiter; }

    /** Whether the limiter has a limit already (then its algorithm stays). */
    public boolean hasLimit() {
        return current != null;
    }

    /** The new limit, when the form holds a valid change. */
    public Optional<LimitDefinition> result() {
        return check.get().value();
    }

    public ObjectProperty<LimitAlgorithm> algorithmProperty() { return algorithm; }

    public StringProperty limitProperty() { return limit; }

    public StringProperty windowProperty() { return window; }

    /** "100 / 1 min  →  200 / 1 min, sliding window". */
    public ReadOnlyStringProperty changeProperty() { return change.getReadOnlyProperty(); }

    /** The new limit when the form holds a valid change; else why the form cannot be applied, or "". */
    public ReadOnlyObjectProperty<Check<LimitDefinition>> checkProperty() { return check.getReadOnlyProperty(); }
}
