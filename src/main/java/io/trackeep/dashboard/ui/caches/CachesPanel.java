package io.trackeep.dashboard.ui.caches;

import io.trackeep.dashboard.monitor.caches.CachesProbe;
import io.trackeep.dashboard.monitor.caches.CachesSnapshot;
import io.trackeep.dashboard.service.admin.ActionPlan;
import io.trackeep.dashboard.service.admin.AdminActions;
import io.trackeep.dashboard.service.admin.CacheActions;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.ui.panel.PanelContext;
import io.trackeep.dashboard.ui.panel.LivePanel;
import io.trackeep.dashboard.ui.panel.StandardPanels;

import java.util.function.Function;

/**
 * The Caches panel: per family (response, search, analytics) its entries, memory and hit rate, the
 * hit rate per minute, the server-wide keyspace hit rate, and invalidation (one key, a user's
 * entries, a family, everything), each planned, confirmed and audited through
 * {@link io.trackeep.dashboard.ui.admin.ActionRunner}. Reads run through {@link CachesProbe}
 * (bounded per tick).
 */
public final class CachesPanel extends LivePanel<CachesSnapshot, CachesProbe, CachesViewModel, CachesView> {

    public CachesPanel(PanelContext context) {
        super(StandardPanels.CACHES, context, Refresh.WHILE_SHOWN, 4, new CachesProbe(context.census()), new CachesViewModel(() -> {
            RedisConnections c = context.connection().current();
            return c == null ? null : c.keys();
        }));
    }

    @Override
    protected CachesView createView() {
        return new CachesView(vm, this::invalidate);
    }

    private void invalidate(String title, Function<CacheActions, ActionPlan<Long>> plan) {
        String actor = AdminActions.defaultActor();
        context.actions().run(title, redis -> plan.apply(new CacheActions(redis, actor)), outcome -> {
            probe.measureAgain();
            refreshIfLive();
        });
    }
}
