package io.trackeep.dashboard.ui.admin;

import io.trackeep.dashboard.service.admin.ActionOutcome;
import io.trackeep.dashboard.service.admin.ActionPlan;
import io.trackeep.dashboard.service.admin.AdminActions;
import io.trackeep.dashboard.service.admin.LocalAuditLog;
import io.trackeep.dashboard.service.audit.AuditTrail;
import io.trackeep.dashboard.service.redis.RedisAccessException;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.ui.connect.LiveConnection;
import io.trackeep.dashboard.ui.dialog.Confirmation;
import io.trackeep.dashboard.ui.dialog.Confirmer;
import io.trackeep.dashboard.ui.dialog.Notifier;
import io.trackeep.dashboard.ui.task.UiExecutor;

import java.util.function.Consumer;
import java.util.function.Function;

/**
 * How a panel runs an admin action: plan it off the FX thread (planning may read Redis to say
 * exactly what will go), ask for confirmation on the FX thread, execute it off the FX thread
 * through {@link AdminActions} (read-only refusal, shared and local audit), and report the result
 * as a notification. On a read-only connection the action is refused at once, without a
 * confirmation that would suggest otherwise.
 */
public final class ActionRunner {

    private final UiExecutor ui;
    private final LiveConnection live;
    private final Confirmer confirmer;
    private final Notifier notifier;
    private final LocalAuditLog localLog;
    private final String actor;

    public ActionRunner(UiExecutor ui, LiveConnection live, Confirmer confirmer, Notifier notifier,
                        LocalAuditLog localLog, String actor) {
        this.ui = ui;
        this.live = live;
        this.confirmer = confirmer;
        this.notifier = notifier;
        this.localLog = localLog;
        this.actor = actor;
    }

    public LocalAuditLog localLog() { return localLog; }

    /**
     * @param title   short name of the action for notifications ("Kill session")
     * @param planner builds the plan from the current connection (runs off the FX thread)
     * @param onDone  called on the FX thread after a successful execution (e.g. refresh the table); may be null
     */
    public <T> void run(String title, Function<RedisConnections, ActionPlan<T>> planner, Consumer<ActionOutcome<T>> onDone) {
        run(title, null, planner, onDone);
    }

    /**
     * An action on one data node of a Sentinel set or a Cluster ({@code host:port}; null for the
     * deployment as a whole): the confirmation names the profile and that node.
     */
    public <T> void run(String title, String node, Function<RedisConnections, ActionPlan<T>> planner,
                        Consumer<ActionOutcome<T>> onDone) {
        RedisConnections redis = live.current();
        if (redis == null) {
            notifier.warning(title, "Not connected to a Redis.");
            return;
        }
        AdminActions actions = new AdminActions(redis, new AuditTrail(redis), localLog, actor);
        String server = server(redis, node); // named now: the profile may change while the admin reads the question
        ui.submit("Planning: " + title, () -> planner.apply(redis), plan -> {
            if (actions.readOnly()) {
                execute(title, actions, plan, onDone); // refused and logged by AdminActions, reported below
                return;
            }
            Confirmation question = new Confirmation(plan.question(), plan.target().isEmpty() ? title : "Target: " + plan.target(),
                    plan.effects(), plan.verb(), true, server);
            if (!confirmer.confirm(question)) {
                return;
            }
            if (live.current() != redis) {
                // the window moved to another server (or lost this one) while the admin was reading the question
                notifier.warning(title + " not done", "The connection changed while you were confirming; nothing was done on "
                        + server + ".");
                return;
            }
            execute(title, actions, plan, onDone);
        }, error -> notifier.failure(title, error));
    }

    /**
     * "Production · 10.0.0.5:6379/0": the profile the admin chose and where it really points; for
     * one node, "Production · node 10.0.0.7:6379 of the Cluster".
     */
    private String server(RedisConnections redis, String node) {
        var profile = live.profileProperty().get();
        String address = node == null ? redis.settings().address() : "node " + node + switch (redis.topology()) {
            case CLUSTER -> " of the Cluster";
            case SENTINEL -> " of master '" + redis.settings().masterName() + "' (Sentinel)";
            case STANDALONE -> "";
        };
        return profile == null ? address : profile.name() + " · " + address;
    }

    private <T> void execute(String title, AdminActions actions, ActionPlan<T> plan, Consumer<ActionOutcome<T>> onDone) {
        ui.submit(title, () -> actions.execute(plan), outcome -> {
            if (outcome.auditedInRedis()) {
                notifier.success(title, outcome.summary());
            } else {
                notifier.warning(title, outcome.summary() + " — " + outcome.auditProblem() + " (kept in the local audit log)");
            }
            if (onDone != null) {
                onDone.accept(outcome);
            }
        }, error -> {
            if (error instanceof RedisAccessException rae && rae.kind() == RedisAccessException.Kind.READ_ONLY) {
                notifier.warning(title + " refused", "This connection is read-only: nothing was changed.");
            } else {
                notifier.failure(title, error);
            }
        });
    }
}
