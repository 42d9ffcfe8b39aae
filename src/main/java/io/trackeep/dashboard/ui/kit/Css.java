package io.trackeep.dashboard.ui.kit;

/**
 * The style classes panels share, declared once in {@code dashboard.css} ("Panel kit"); Java code
 * names them here, and AtlantaFX's own through {@link atlantafx.base.theme.Styles}, never as
 * string literals. A panel's own classes stay in its stylesheet.
 */
public final class Css {

    /** A section: a bordered, rounded, padded box around a part of a panel. */
    public static final String SECTION = "section";
    /** A box of figures or a chart: a figure tile, a trend; with {@link #QUIET}, on the subtle background. */
    public static final String CARD = "panel-card";
    public static final String QUIET = "quiet";
    public static final String CARD_TITLE = "panel-card-title";
    public static final String SECTION_TITLE = "section-title";
    public static final String SECTION_HEADING = "section-heading";
    public static final String SECTION_NOTE = "section-note";
    public static final String SECTION_FOOTER = "section-footer";
    public static final String SECTION_TOOLBAR = "section-toolbar";
    public static final String SECTION_STATUS = "section-status";
    /** "updated 14:03:22" in a panel header. */
    public static final String PANEL_UPDATED = "panel-updated";
    /** A small round dot before a name; its owner gives it a colour. */
    public static final String STATUS_DOT = "status-dot";
    /** Controls side by side on one line, 0.5em apart. */
    public static final String CONTROL_ROW = "control-row";
    /** A filter text field in a header or toolbar. */
    public static final String FILTER_FIELD = "filter-field";
    /** A problem said where the data would be (a refused or failed read). */
    public static final String INLINE_PROBLEM = "inline-problem";
    /** A small explanation under a field or a table. */
    public static final String FIELD_NOTE = "field-note";
    /** A small time chart inside a card (a {@link TimeChart}): the Overview's trends, the Sessions logins. */
    public static final String CARD_CHART = "card-chart";
    /** A key and a value of a whole-entry detail under a table. */
    public static final String DETAIL_KEY = "detail-key";
    public static final String DETAIL_VALUE = "detail-value";
    /** An empty state inside a table. */
    public static final String TABLE_EMPTY_STATE = "table-empty-state";
    /** A table's one-line note instead of rows, where an empty state would be too much. */
    public static final String TABLE_PLACEHOLDER = "table-placeholder";

    /**
     * One em in px, for sizes Java computes: the theme's root font size (AtlantaFX sets
     * {@code .root { -fx-font-size: 14px }}), not {@code Font.getDefault()}, which is the
     * platform's (13 px on Linux) and would make a text measured in Java narrower than drawn.
     */
    public static final double EM = 14;

    /** A column header's own explanation label (inside the header's label, which has the padding). */
    public static final String HEADER_TIP = "header-tip";

    private Css() {
    }

    /** The stylesheet {@code name} next to {@code owner}'s class in the resources, as a URL for {@code getStylesheets()}. */
    public static String stylesheet(Class<?> owner, String name) {
        java.net.URL url = owner.getResource(name);
        if (url == null) {
            throw new IllegalStateException("Missing stylesheet " + name + " next to " + owner.getName());
        }
        return url.toExternalForm();
    }
}
