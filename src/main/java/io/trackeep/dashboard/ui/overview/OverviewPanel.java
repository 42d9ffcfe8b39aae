package io.trackeep.dashboard.ui.overview;

import io.trackeep.dashboard.monitor.overview.ServerProbe;
import io.trackeep.dashboard.ui.panel.LivePanel;
import io.trackeep.dashboard.ui.panel.PanelContext;
import io.trackeep.dashboard.ui.panel.StandardPanels;
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
public final class OverviewPanel extends LivePanel<OverviewUpdate, OverviewUpdate.Reads, OverviewViewModel, OverviewView> {

    private static final Logger log = LoggerFactory.getLogger(OverviewPanel.class);

    private boolean reportedLive; // FX thread only

    public OverviewPanel(PanelContext context) {
        super(StandardPanels.OVERVIEW, context, Refresh.ALWAYS, 4, new OverviewUpdate.Reads(context.census(), context.deployment()),
                new OverviewViewModel());
        vm.thresholdsProperty().bindBidirectional(context.shell().alertThresholdsProperty());
        probe.thresholds(vm.thresholdsProperty().get());
        vm.thresholdsProperty().addListener((obs, old, now) -> probe.thresholds(now));
        context.connection().profileProperty().addListener((obs, old, p) -> probe.onLocalInstance(p != null && p.isLocalInstance()));
        vm.alertCountProperty().addListener((obs, old, n) -> context.shell().alertCountProperty().set(n.intValue()));
    }

    @Override
    protected OverviewView createView() {
        return new OverviewView(vm, this::editThresholds);
    }

    @Override
    protected void shown() {
        probe.visible(true);
    }

    @Override
    protected void hidden() {
        probe.visible(false); // the server figures and alerts keep refreshing for the badge
    }

    @Override
    protected void apply(OverviewUpdate update) {
        super.apply(update);
        if (!reportedLive) {
            reportedLive = true;
            // launch to a live Overview, measurable with -Dtrackeep.log.level=INFO (bench startup reads it)
            log.info("Overview live {} ms after the JVM started",
                    System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime());
            context.shell().markLive();
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
