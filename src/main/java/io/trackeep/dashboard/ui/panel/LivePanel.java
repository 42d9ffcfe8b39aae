package io.trackeep.dashboard.ui.panel;

import atlantafx.base.theme.Styles;
import io.trackeep.dashboard.monitor.Probe;
import io.trackeep.dashboard.service.profile.ConnectionProfile;
import io.trackeep.dashboard.ui.connect.ConnectionState;
import io.trackeep.dashboard.ui.connect.LiveConnection;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URL;
import java.util.Objects;

/**
 * The base of every panel, which owns what panels share: the frame, the stylesheet and the live
 * data's life cycle. A panel is its files in {@code ui/<panel>/}: the panel (this class's
 * subclass: which probe reads it, which actions to run; FX thread), its view (an FXML controller,
 * {@link PanelView}, that binds controls to the view model), its view model (JavaFX properties,
 * {@code apply} a snapshot, {@code clear}), {@code <panel>.fxml} with {@code <panel>.css} beside
 * it, and where the refresh is more than one monitor probe, the panel's own {@link Probe} (what the
 * refresh thread reads, from the choices the admin made on screen).
 *
 * <p>The frame: a header (title, purpose, a "stale" tag while Redis does not answer, the view's
 * header actions) over the view's content, and in place of both an {@link EmptyState} while
 * there is no connection. The stylesheet {@code <id without dashes>.css} next to the subclass is
 * added to the content when it exists.
 *
 * <p>The life cycle: the panel's {@link #probe} is read on the refresh thread each tick while the
 * panel is shown (from construction to {@link #dispose()} with {@link Refresh#ALWAYS}); its
 * result reaches {@link #apply} on the FX thread through one {@link PanelFeed}, only if it was
 * read on the window's current connection; {@link #clear} runs when the connection changes. The
 * probe is closed with the window when it holds anything ({@link AutoCloseable}).
 * One-off reads (a lookup) go through {@link PanelContext#readOnce}, with the same guarantee.
 *
 * <p>The content sits in a {@link ScrollPane} ({@code .panel-scroll}): it is given the width and
 * height there are, but never less than its minimum size, and scrolls over the rest; a view
 * declares what must stay whole through its nodes' minimum sizes (a wrapping note:
 * {@code minHeight="-Infinity"}, its preferred height at the width it gets).
 *
 * <p>Style hooks: {@code .panel-root.panel-<id>}, {@code .panel-header}, {@code .panel-body}, {@code .panel-scroll};
 * {@code :stale} on the root while data is stale.
 *
 * <p>A panel's constructor hands its probe and view model to this one and sets up only what is
 * its own (listeners); the probe is {@link #probe} to the subclass (for its own calls: load older
 * entries, show another tab), the view model {@link #vm} and {@link #viewModel()} to tests, the
 * view, once built, {@link #view()}.
 *
 * @param <T> the immutable snapshot one refresh produces
 * @param <P> the probe that produces it, read on the refresh thread
 * @param <M> the panel's view model
 * @param <V> the panel's view
 */
public abstract class LivePanel<T, P extends Probe<T>, M extends LiveViewModel<T>, V extends PanelView> implements Panel {

    private static final Logger log = LoggerFactory.getLogger(LivePanel.class);

    public static final PseudoClass STALE = PseudoClass.getPseudoClass("stale");

    /** When the panel reads Redis. */
    public enum Refresh {
        /** While the panel is the visible one. */
        WHILE_SHOWN,
        /** From construction to dispose, also while another panel is shown (the Overview's alerts). */
        ALWAYS
    }

    protected final PanelSpec spec;
    protected final PanelContext context;
    /** What each refresh reads; its own methods are the panel's to call (they say which thread). */
    protected final P probe;
    /** The view model each snapshot is applied to; FX thread. */
    protected final M vm;
    private final PanelFeed<T> feed;
    private final Refresh refresh;
    private final HBox headerActions = new HBox();
    private long applied; // FX thread only
    private StackPane root;
    private V view;

    /**
     * @param appliesPerSecond how often at most a new snapshot reaches the screen
     * @param probe            what each refresh reads (null results are not shown)
     * @param model            the view model each snapshot is applied to, and cleared on a change of connection
     */
    protected LivePanel(PanelSpec spec, PanelContext context, Refresh refresh, int appliesPerSecond, P probe, M model) {
        this.spec = Objects.requireNonNull(spec);
        this.context = Objects.requireNonNull(context);
        this.refresh = Objects.requireNonNull(refresh);
        this.probe = Objects.requireNonNull(probe);
        this.vm = Objects.requireNonNull(model);
        this.feed = new PanelFeed<>(context, spec.id(), appliesPerSecond, probe::collect, snapshot -> {
            apply(snapshot);
            applied++;
        }, this::clear);
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
        if (refresh == Refresh.ALWAYS) {
            context.executor().runOnUi(feed::start); // after the subclass's constructor: its listeners feed the probe
        }
    }

    /** Shows a snapshot read on the current connection; FX thread. The view model's, unless a panel needs more. */
    protected void apply(T snapshot) {
        vm.apply(snapshot);
    }

    /** Forgets everything shown: the window's connection changed. FX thread. The view model's, unless a panel needs more. */
    protected void clear() {
        vm.clear();
    }

    /** The view; called once, on the first {@link #node()}. */
    protected abstract V createView();

    /** The panel becomes the visible one; its feed starts right after (for more than the feed, e.g. a subscription). */
    protected void shown() {
    }

    /** The panel is no longer the visible one, after its feed stopped (unless {@link Refresh#ALWAYS}). */
    protected void hidden() {
    }

    /** The window closes: release what the panel holds besides its feed. */
    protected void closeResources() {
    }

    @Override
    public final void onShow() {
        node();
        shown();
        feed.start();
    }

    @Override
    public final void onHide() {
        if (refresh == Refresh.WHILE_SHOWN) {
            feed.stop();
        }
        hidden();
    }

    @Override
    public final void dispose() {
        feed.stop();
        if (probe instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                log.warn("Panel {} could not close its probe", spec.id(), e);
            }
        }
        closeResources();
    }

    /** The view model, for tests. */
    public final M viewModel() { return vm; }

    /** The view, built if it was not yet. FX thread. */
    protected final V view() {
        node();
        return view;
    }

    /** How many snapshots this panel has shown so far (tests wait for the next one). FX thread. */
    public final long appliedCount() { return applied; }

    /** One refresh now, unless the admin paused refreshing (then the panel keeps what it shows). */
    protected final void refreshIfLive() {
        if (!context.shell().pausedProperty().get()) {
            context.refresh().refreshNow();
        }
    }

    @Override
    public final PanelSpec spec() { return spec; }

    @Override
    public final Node node() {
        if (root == null) {
            root = build();
        }
        return root;
    }

    private StackPane build() {
        LiveConnection live = context.connection();

        Label title = new Label(spec.title());
        title.getStyleClass().add("panel-title");
        Label purpose = new Label(spec.purpose());
        purpose.getStyleClass().addAll("panel-purpose", Styles.TEXT_MUTED);
        Label stale = new Label("Stale");
        stale.getStyleClass().addAll("tag", "stale-tag", Styles.DANGER);
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

        view = createView();
        headerActions.getChildren().setAll(view.headerActions());
        Node content = view.root();
        content.getStyleClass().add("panel-content");
        ScrollPane scroll = new ScrollPane();
        scroll.setContent(new FillOrScroll(content, scroll));
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.AS_NEEDED);
        scroll.setVbarPolicy(ScrollPane.ScrollBarPolicy.AS_NEEDED);
        scroll.setFocusTraversable(false);
        scroll.getStyleClass().add("panel-scroll");

        VBox.setVgrow(scroll, Priority.ALWAYS);
        VBox body = new VBox(header, scroll);
        body.getStyleClass().add("panel-body");
        body.visibleProperty().bind(live.connectedProperty());

        EmptyState empty = new EmptyState(spec.glyph(), "", "");
        empty.getStyleClass().add("connection-empty-state");
        empty.titleProperty().bind(Bindings.createStringBinding(() -> emptyTitle(live), live.stateProperty(), live.profileProperty()));
        empty.messageProperty().bind(Bindings.createStringBinding(() -> emptyMessage(live), live.stateProperty(), live.problemProperty()));
        empty.visibleProperty().bind(live.connectedProperty().not());

        StackPane stack = new StackPane(body, empty);
        stack.getStyleClass().addAll("panel-root", "panel-" + spec.id());
        URL css = getClass().getResource(spec.id().replace("-", "") + ".css");
        if (css != null) {
            stack.getStylesheets().add(css.toExternalForm()); // the header's controls are the panel's too
        }
        live.staleProperty().addListener((obs, was, now) -> stack.pseudoClassStateChanged(STALE, now));
        stack.pseudoClassStateChanged(STALE, live.staleProperty().get());
        return stack;
    }

    /**
     * A panel's content in its scroll pane: as tall as the viewport, but never less than the
     * content's minimum height at the viewport's width, and the pane scrolls over the rest. (A
     * scroll pane fitting its content to the height decides on its scroll bar from the minimum
     * height at no particular width: a wrapping text or a grid of tiles, taller when narrower,
     * would be cut with no scroll bar.)
     */
    private static final class FillOrScroll extends Region {
        private final Node content;
        private final ScrollPane scroll;

        FillOrScroll(Node content, ScrollPane scroll) {
            this.content = content;
            this.scroll = scroll;
            getChildren().add(content);
            getStyleClass().add("panel-scroll-body");
            scroll.viewportBoundsProperty().addListener((obs, old, bounds) -> {
                if (old == null || old.getHeight() != bounds.getHeight()) {
                    requestLayout();
                }
            });
        }

        @Override
        public Orientation getContentBias() {
            return Orientation.HORIZONTAL;
        }

        @Override
        protected double computeMinWidth(double height) {
            return across() + content.minWidth(-1);
        }

        @Override
        protected double computePrefWidth(double height) {
            return across() + content.prefWidth(-1);
        }

        @Override
        protected double computeMinHeight(double width) {
            return down() + content.minHeight(width < 0 ? -1 : width - across());
        }

        @Override
        protected double computePrefHeight(double width) {
            return Math.max(scroll.getViewportBounds().getHeight(), computeMinHeight(width));
        }

        @Override
        protected void layoutChildren() {
            content.resizeRelocate(snappedLeftInset(), snappedTopInset(), getWidth() - across(), getHeight() - down());
        }

        private double across() {
            return snappedLeftInset() + snappedRightInset();
        }

        private double down() {
            return snappedTopInset() + snappedBottomInset();
        }
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
