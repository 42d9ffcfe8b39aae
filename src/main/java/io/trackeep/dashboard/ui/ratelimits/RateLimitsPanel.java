package io.trackeep.dashboard.ui.ratelimits;

import io.trackeep.dashboard.monitor.ratelimits.LimiterStatus;
import io.trackeep.dashboard.monitor.ratelimits.RateLimitsProbe;
import io.trackeep.dashboard.monitor.ratelimits.RateLimitsSnapshot;
import io.trackeep.dashboard.service.admin.AdminActions;
import io.trackeep.dashboard.service.admin.RateLimitActions;
import io.trackeep.dashboard.service.ratelimit.LimitDefinition;
import io.trackeep.dashboard.ui.panel.PanelContext;
import io.trackeep.dashboard.ui.panel.LivePanel;
import io.trackeep.dashboard.ui.panel.StandardPanels;

/**
 * The Rate limits panel: every limiter (algorithm, limit, clients, the busiest client, allowed
 * and blocked in 15 minutes), the selected limiter's clients closest to their limit and its
 * per-minute chart, and the usage of any client. Actions: reset a client, change a limit, both
 * planned, confirmed and audited through {@link io.trackeep.dashboard.ui.admin.ActionRunner}.
 * Reads run through {@link RateLimitsProbe} (bounded per tick; see its sampling).
 */
public final class RateLimitsPanel extends LivePanel<RateLimitsSnapshot, RateLimitsProbe, RateLimitsViewModel, RateLimitsView> {

    public RateLimitsPanel(PanelContext context) {
        super(StandardPanels.RATE_LIMITS, context, Refresh.WHILE_SHOWN, 4, new RateLimitsProbe(context.census()),
                new RateLimitsViewModel(context));
    }

    @Override
    protected RateLimitsView createView() {
        return new RateLimitsView(vm, this::reset, this::changeLimit);
    }

    private void reset(String limiter, String client) {
        String actor = AdminActions.defaultActor();
        context.actions().run("Reset rate limit", redis -> new RateLimitActions(redis, actor).resetClient(limiter, client),
                outcome -> {
                    refreshIfLive();
                    vm.lookedUp().filter(l -> l.limiter().equals(limiter) && l.client().equals(client)).ifPresent(l -> vm.lookUp());
                });
    }

    private void changeLimit() {
        LimiterStatus l = vm.selectedProperty().get();
        if (l == null) {
            return;
        }
        LimitEditorViewModel editor = new LimitEditorViewModel(l.limiter(), l.definition(), l.algorithm());
        new LimitEditorDialog(context.owner().get(), context.theme(), editor).showAndWait().ifPresent(wanted -> {
            String actor = AdminActions.defaultActor();
            context.actions().<LimitDefinition>run("Change rate limit",
                    redis -> new RateLimitActions(redis, actor).changeLimit(l.limiter(), wanted), outcome -> refreshIfLive());
        });
    }
}
