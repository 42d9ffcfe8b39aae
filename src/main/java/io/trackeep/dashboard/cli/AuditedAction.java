package io.trackeep.dashboard.cli;

import io.trackeep.dashboard.service.admin.ActionOutcome;
import io.trackeep.dashboard.service.admin.ActionPlan;
import io.trackeep.dashboard.service.admin.AdminActions;
import io.trackeep.dashboard.service.admin.LocalAuditLog;
import io.trackeep.dashboard.service.audit.AuditTrail;
import io.trackeep.dashboard.service.json.Json;
import io.trackeep.dashboard.service.profile.ConfigFolders;
import io.trackeep.dashboard.service.redis.RedisConnections;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs a planned admin action from the command line the way the window does: show the question
 * and its effects, confirm (unless {@code --yes}), then {@link AdminActions#execute} with the
 * shared audit trail and this workstation's local audit log. On a read-only connection the action
 * is refused at once (and logged), without asking a question whose answer could not matter.
 */
final class AuditedAction {

    /** Exit code when the user (or a script without {@code --yes}) declined. */
    static final int DECLINED = 1;

    private AuditedAction() {
    }

    /**
     * @return the exit code: 0 done, {@link #DECLINED} not confirmed; a refusal or failure is thrown (see {@link CliErrors})
     */
    static <T> int run(RedisConnections redis, ActionPlan<T> plan, boolean yes, boolean json, PrintWriter out, PrintWriter err) {
        AdminActions actions = new AdminActions(redis, new AuditTrail(redis),
                LocalAuditLog.in(ConfigFolders.resolve().data()), AdminActions.defaultActor());
        if (!actions.readOnly()) {
            if (!yes) {
                plan.effects().forEach(e -> err.println("  - " + e));
            }
            if (!Confirmation.confirm(plan.question(), yes, err)) {
                err.println("Nothing was changed.");
                return DECLINED;
            }
        }
        ActionOutcome<T> outcome = actions.execute(plan);
        if (json) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("action", outcome.action());
            result.put("target", outcome.target());
            result.put("summary", outcome.summary());
            result.put("audited", outcome.auditedInRedis());
            out.println(Json.write(result));
        } else {
            out.println(outcome.summary());
        }
        if (!outcome.auditedInRedis()) {
            err.println("warning: " + outcome.auditProblem() + " (kept in the local audit log)");
        }
        return 0;
    }
}
