package io.trackeep.dashboard.cli;

import io.trackeep.dashboard.service.admin.ActionOutcome;
import io.trackeep.dashboard.service.admin.ActionPlan;
import io.trackeep.dashboard.service.admin.AdminActions;
import io.trackeep.dashboard.service.admin.LocalAuditLog;
import io.trackeep.dashboard.service.audit.AuditTrail;
import io.trackeep.dashboard.service.profile.ConfigFolders;
import io.trackeep.dashboard.service.redis.RedisConnections;

import java.io.PrintWriter;

/**
 * How a destructive command runs its planned action, the way the window does: refused at once on
 * a read-only connection (no question that suggests otherwise), else the plan's question is
 * confirmed (or {@code --yes}), then {@link AdminActions#execute} with the shared audit trail and
 * this workstation's local audit log.
 */
final class ActionExecution {

    private ActionExecution() {
    }

    /** @return the exit code: 0 when done, {@link CliErrors#FAILED} when not confirmed; failures are thrown */
    static <T> int run(RedisConnections redis, ActionPlan<T> plan, boolean yes, PrintWriter out, PrintWriter err) {
        AdminActions actions = new AdminActions(redis, new AuditTrail(redis),
                new LocalAuditLog(ConfigFolders.resolve().data().resolve("audit.jsonl")), AdminActions.defaultActor());
        if (!actions.readOnly() && !Confirmation.confirm(plan.question(), yes, err)) {
            err.println("Nothing was changed.");
            return CliErrors.FAILED;
        }
        ActionOutcome<T> outcome = actions.execute(plan); // throws READ_ONLY on a read-only connection
        out.println(outcome.summary());
        if (!outcome.auditedInRedis()) {
            err.println("warning: " + outcome.auditProblem() + " (kept in the local audit log)");
        }
        return 0;
    }
}
