package io.trackeep.dashboard.ui.kit;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One KPI of the Overview as data: a fixed label and explanation, and the live value (number and
 * unit apart, so the unit can be set smaller), a secondary line and a level. FX thread only.
 */
public final class Figure {

    /** How the figure stands; drives the tile's colour. */
    public enum Level { NORMAL, WARNING, CRITICAL, UNKNOWN }

    private static final Pattern NUMBER = Pattern.compile("[-+]?\\d[\\d.,'\u00A0\u202F]*");

    /** Shown while a figure is not known. */
    public static final String UNKNOWN_VALUE = "–";

    private final String id;
    private final StringProperty label = new SimpleStringProperty();
    private final String explanation;
    private final StringProperty story = new SimpleStringProperty("");
    private final StringProperty value = new SimpleStringProperty(UNKNOWN_VALUE);
    private final StringProperty unit = new SimpleStringProperty("");
    private final StringProperty detail = new SimpleStringProperty("");
    private final ObjectProperty<Level> level = new SimpleObjectProperty<>(Level.UNKNOWN);

    /**
     * @param id          stable id for tests and styles ({@code memory})
     * @param label       the tile's caption
     * @param explanation what the figure means and where it comes from, for the tooltip
     */
    public Figure(String id, String label, String explanation) {
        this.id = Objects.requireNonNull(id);
        this.label.set(Objects.requireNonNull(label));
        this.explanation = Objects.requireNonNull(explanation);
    }

    /**
     * Shows a formatted figure: {@code "12.3 MiB"} becomes value {@code 12.3} with unit {@code MiB},
     * {@code "93.2%"} value {@code 93.2} with unit {@code %}; anything else ({@code "3 d 4 h"},
     * {@code "Up"}) stays whole.
     */
    public void show(String formatted, String detailText, Level newLevel) {
        String text = formatted == null ? UNKNOWN_VALUE : formatted;
        int space = text.lastIndexOf(' ');
        if (text.endsWith("%") && text.length() > 1) {
            value.set(text.substring(0, text.length() - 1).strip());
            unit.set("%");
        } else if (space > 0 && NUMBER.matcher(text.substring(0, space)).matches()) {
            value.set(text.substring(0, space));
            unit.set(text.substring(space + 1));
        } else {
            value.set(text);
            unit.set("");
        }
        detail.set(detailText == null ? "" : detailText);
        level.set(newLevel == null ? Level.NORMAL : newLevel);
    }

    /** Back to "not known", with a reason on the secondary line. */
    public void unknown(String why) {
        show(UNKNOWN_VALUE, why, Level.UNKNOWN);
    }

    public String id() { return id; }

    public String label() {
        return label.get();
    }

    /** The caption; it may change with what the figure measures ("Logins", "Sessions created"). */
    public StringProperty labelProperty() { return label; }

    /** How this reading was obtained, at length, for the tooltip ("" for nothing more than the explanation). */
    public StringProperty storyProperty() { return story; }

    public String explanation() { return explanation; }

    public ReadOnlyStringProperty valueProperty() { return value; }

    public ReadOnlyStringProperty unitProperty() { return unit; }

    public ReadOnlyStringProperty detailProperty() { return detail; }

    public ReadOnlyObjectProperty<Level> levelProperty() { return level; }

    /** The value with its unit, as one string ({@code "12.3 MiB"}, {@code "93.2%"}). */
    public String text() {
        String u = unit.get();
        return u.isEmpty() ? value.get() : u.equals("%") ? value.get() + u : value.get() + " " + u;
    }
}
