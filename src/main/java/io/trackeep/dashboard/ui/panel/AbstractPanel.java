package io.trackeep.dashboard.ui.panel;

import io.trackeep.dashboard.service.profile.ConnectionProfile;
import io.trackeep.dashboard.ui.connect.ConnectionState;
import io.trackeep.dashboard.ui.connect.LiveConnection;
import io.trackeep.dashboard.ui.theme.Glyph;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import java.util.Objects;

/**
 * The usual panel: a header (title, purpose, a "stale" tag while Redis does not answer, room for
 * the panel's buttons) over the content from {@link #createContent()}, and in place of both an
 * {@link EmptyState} while there is no connection ("Connect to a Redis to see ...", "Connecting
 * to ...", "Could not connect ..."). Subclasses build their content lazily and only care about
 * the connected case.
 *
 * <p>Style hooks: {@code .panel-root.panel-<id>}, {@code .panel-header}, {@code .panel-body};
 * {@code :stale} on the root while data is stale.
 */
public abstract class AbstractPanel implements Panel {

    public static final PseudoClass STALE = PseudoClass.getPseudoClass("stale");

    protected final PanelSpec spec;
    protected final PanelContext context;
    private final HBox headerActions = new HBox();
    private StackPane root;

    protected AbstractPanel(PanelSpec spec, PanelContext context) {
        this.spec = Objects.requireNonNull(spec);
        this.context = Objects.requireNonNull(context);
        headerActions.getStyleClass().add("panel-actions");
        // Buttons and labels up there keep their whole text on a narrow window; the panel's
        // purpose line gives way (ellipsis) and text fields shrink instead.
        headerActions.getChildren().addListener((ListChangeListener<Node>) change -> {
            for (Node n : headerActions.getChildren()) {
                if (n instanceof Labeled labeled) {
                    labeled.setMinWidth(Region.USE_PREF_SIZE);
                }
            }
        });
    }

    @Override
    public final String id() {
        return spec.id();
    }

    @Override
    public final String title() {
        return spec.title();
    }

    @Override
    public final Glyph glyph() {
        return spec.glyph();
    }

    @Override
    public final KeyCombination accelerator() {
        return spec.accelerator();
    }

    @Override
    public final Node node() {
        if (root == null) {
            root = build();
        }
        return root;
    }

    /** The panel's content for the connected case; called once, on the first {@link #node()}. */
    protected abstract Node createContent();

    /** The box at the right of the header for the panel's own buttons and filters. */
    protected final HBox headerActions() {
        return headerActions;
    }

    private StackPane build() {
        LiveConnection live = context.connection();

        Label title = new Label(spec.title());
        title.getStyleClass().add("panel-title");
        Label purpose = new Label(spec.purpose());
        purpose.getStyleClass().add("panel-purpose");
        Label stale = new Label("Stale");
        stale.getStyleClass().addAll("tag", "stale-tag");
        stale.visibleProperty().bind(live.staleProperty());
        stale.managedProperty().bind(stale.visibleProperty());
        HBox titleRow = new HBox(title, stale);
        titleRow.getStyleClass().add("panel-title-row");
        VBox titles = new VBox(titleRow, purpose);
        titles.getStyleClass().add("panel-titles");
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox header = new HBox(titles, grow, headerActions);
        header.getStyleClass().add("panel-header");

        Node content = createContent();
        content.getStyleClass().add("panel-content");
        VBox.setVgrow(content, Priority.ALWAYS);
        VBox body = new VBox(header, content);
        body.getStyleClass().add("panel-body");
        body.visibleProperty().bind(live.connectedProperty());

        EmptyState empty = new EmptyState(spec.glyph(), "", "");
        empty.getStyleClass().add("connection-empty-state");
        empty.titleProperty().bind(Bindings.createStringBinding(() -> emptyTitle(live), live.stateProperty(), live.profileProperty()));
        empty.messageProperty().bind(Bindings.createStringBinding(() -> emptyMessage(live), live.stateProperty(), live.problemProperty()));
        empty.visibleProperty().bind(live.connectedProperty().not());

        StackPane stack = new StackPane(body, empty);
        stack.getStyleClass().addAll("panel-root", "panel-" + spec.id());
        live.staleProperty().addListener((obs, was, now) -> stack.pseudoClassStateChanged(STALE, now));
        stack.pseudoClassStateChanged(STALE, live.staleProperty().get());
        return stack;
    }

    private String emptyTitle(LiveConnection live) {
        ConnectionProfile p = live.profileProperty().get();
        String name = p == null ? "Redis" : p.name();
        return switch (live.state()) {
            case CONNECTING -> "Connecting to " + name + "…";
            case FAILED -> "Could not connect to " + name;
            default -> "Connect to a Redis to see " + spec.subject();
        };
    }

    private String emptyMessage(LiveConnection live) {
        ConnectionState s = live.state();
        if (s == ConnectionState.CONNECTING) {
            return "The " + spec.title() + " panel fills in as soon as the connection is up.";
        }
        if (s == ConnectionState.FAILED) {
            return "See the message above. " + spec.title() + " appears once the connection works.";
        }
        return "Choose a profile in the top bar and press Connect. The Local instance needs no setup.";
    }
}
