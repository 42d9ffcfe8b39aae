package io.trackeep.dashboard.ui.leaderboards;

import io.trackeep.dashboard.monitor.leaderboards.BoardPlace;
import io.trackeep.dashboard.monitor.leaderboards.LeaderboardsProbe;
import io.trackeep.dashboard.service.admin.ActionPlan;
import io.trackeep.dashboard.service.admin.LeaderboardActions;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.ui.panel.LivePanel;
import io.trackeep.dashboard.ui.panel.PanelContext;
import io.trackeep.dashboard.ui.panel.StandardPanels;
import javafx.beans.binding.Bindings;

import java.util.function.Function;

/**
 * The Leaderboards panel: every challenge board with its size, the selected board's top N with
 * rank movement, a user's rank and score, and the actions remove a member and reset a score
 * (planned, confirmed and audited through {@link io.trackeep.dashboard.ui.admin.ActionRunner}).
 *
 * <p>Each refresh reads the boards' sizes (paced by the census) and the selected board's top.
 * <b>When Redis fails</b>, a failed tick is reported to the connection (banner, "Stale" tag, the
 * last figures dimmed) and the next tick tries again; a failed look-up or board read says so in
 * place; an action that fails is reported by a notification and recorded as failed in the audit
 * logs. A key of a board's name that holds another type is listed as "not a board".
 */
public final class LeaderboardsPanel
        extends LivePanel<LeaderboardsViewModel.Update, LeaderboardsReads, LeaderboardsViewModel, LeaderboardsView> {

    public LeaderboardsPanel(PanelContext context) {
        this(context, new LeaderboardsViewModel(context));
    }

    private LeaderboardsPanel(PanelContext context, LeaderboardsViewModel model) {
        super(StandardPanels.LEADERBOARDS, context, Refresh.WHILE_SHOWN, 4,
                new LeaderboardsReads(LeaderboardsProbe.paced(context.census(), 0), model::query), model);
    }

    @Override
    protected LeaderboardsView createView() {
        var pattern = Bindings.createStringBinding(() -> {
            RedisConnections c = context.connection().connectionsProperty().get();
            return c == null ? "tk:challenge:<id>:leaderboard" : c.keys().leaderboardPattern().replace("*", "<id>");
        }, context.connection().connectionsProperty());
        return new LeaderboardsView(vm, pattern, this::remove, this::reset);
    }

    private void remove(BoardPlace place) {
        String board = vm.selectedBoardProperty().get();
        if (board == null || place == null) {
            return;
        }
        act("Remove leaderboard member", redis -> new LeaderboardActions(redis).removeMember(board, place.storedMember()));
    }

    private void reset(BoardPlace place) {
        String board = vm.selectedBoardProperty().get();
        if (board == null || place == null || place.foreign()) {
            return;
        }
        act("Reset leaderboard score", redis -> new LeaderboardActions(redis).resetScore(board, place.userId()));
    }

    private void act(String title, Function<RedisConnections, ActionPlan<LeaderboardActions.BoardChange>> planner) {
        context.actions().run(title, planner, outcome -> {
            vm.reloadSelected();
            view().lookUpAgain();
        });
    }
}
