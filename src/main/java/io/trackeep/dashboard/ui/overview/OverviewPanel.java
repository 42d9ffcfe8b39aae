package io.trackeep.dashboard.ui.overview;

import io.trackeep.dashboard.monitor.census.CensusSnapshot;
import io.trackeep.dashboard.monitor.overview.ServerProbe;
import io.trackeep.dashboard.monitor.overview.ServerSnapshot;
import io.trackeep.dashboard.service.health.AlertThresholds;
import io.trackeep.dashboard.service.health.HealthStatus;
import io.trackeep.dashboard.service.redis.RedisAccessException;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.ui.panel.AbstractPanel;
import io.trackeep.dashboard.ui.panel.PanelContext;
import io.trackeep.dashboard.ui.panel.StandardPanels;
import io.trackeep.dashboard.ui.task.Coalescer;
import io.trackeep.dashboard.ui.task.RefreshLoop;
import javafx.scene.Node;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;

/**
 * The Overview panel: health, memory, throughput, hit rate and the rest as KPI tiles, four trends
 * over the last 15 minutes, the alerts and the Trackeep data counted by the census.
 *
 * <p>Unlike the other panels its refresh task runs from construction to {@link #dispose()},
 * also while another panel is shown: the alert badge in the top bar counts its alerts. The
 * census is advanced only while the Overview is visible, since only its strip shows it.
 * Each refresh costs the {@link ServerProbe}'s at most four commands (plus the census's paced
 * SCAN budget while visible).
 */
public final class OverviewPanel extends AbstractPanel {

    private static final Logger log = LoggerFactory.getLogger(OverviewPanel.class);

    private final OverviewViewModel vm = new OverviewViewModel();
    private final ServerProbe probe;
    private final Coalescer<Tick> coalescer;
    private final RefreshLoop.Registration registration;
    private volatile AlertThresholds thresholds;
    private volatile boolean visible;
    private OverviewView view;
    private boolean reportedLive; // FX thread only

    /** One refresh and the connection it was read on, so a late one from an old connection is dropped. */
    private record Tick(RedisConnections source, OverviewUpdate update) {
    }

    public OverviewPanel(PanelContext context) {
        super(StandardPanels.OVERVIEW, context);
        vm.thresholdsProperty().bindBidirectional(context.shell().alertThresholdsProperty());
        thresholds = vm.thresholdsProperty().get();
        vm.thresholdsProperty().addListener((obs, old, now) -> thresholds = now);
        probe = new ServerProbe(() -> thresholds);
        vm.alertCountProperty().addListener((obs, old, n) -> context.shell().alertCountProperty().set(n.intValue()));
        context.connection().connectionsProperty().addListener((obs, old, now) -> vm.clear());
        coalescer = Coalescer.perSecond(context.executor(), 4, this::apply);
        registration = context.refresh().register("overview", this::refresh);
    }

    public OverviewViewModel viewModel() {
        return vm;
    }

    @Override
    protected Node createContent() {
        view = new OverviewView(vm, this::editThresholds);
        return view.root();
    }

    @Override
    public void onShow() {
        visible = true;
    }

    @Override
    public void onHide() {
        visible = false; // the server figures and alerts keep refreshing for the badge
    }

    @Override
    public void dispose() {
        registration.close();
        coalescer.close();
    }

    /** On the refresh thread. The census is secondary: its failure (e.g. SCAN not permitted) is shown, not thrown. */
    private void refresh(RedisConnections redis) {
        ServerSnapshot server = probe.collect(redis);
        CensusSnapshot census = null;
        String problem = null;
        if (visible && server.status() == HealthStatus.UP) {
            try {
                census = context.census().current(redis);
            } catch (RedisAccessException e) {
                problem = "not counted: " + e.getMessage();
            }
        }
        coalescer.push(new Tick(redis, new OverviewUpdate(server, census, problem)));
    }

    private void apply(Tick tick) {
        if (tick.source() == context.connection().current()) {
            vm.apply(tick.update());
            if (!reportedLive) {
                reportedLive = true;
                // The launch bar of DESIGN.md section 7 (launch to a live Overview), measurable with -Dtrackeep.log.level=INFO.
                log.info("Overview live {} ms after the JVM started",
                        System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime());
            }
        }
    }

    private void editThresholds() {
        new ThresholdsDialog(context.owner().get(), context.theme(), vm.thresholdsProperty().get()).showAndWait()
                .ifPresent(t -> {
                    vm.thresholdsProperty().set(t);
                    context.refresh().refreshNow();
                });
    }
}
