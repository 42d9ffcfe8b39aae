package io.trackeep.dashboard.cli;

import io.trackeep.dashboard.service.admin.ActionOutcome;
import io.trackeep.dashboard.service.admin.ActionPlan;
import io.trackeep.dashboard.service.admin.AdminActions;
import io.trackeep.dashboard.service.admin.LocalAuditLog;
import io.trackeep.dashboard.service.audit.AuditTrail;
import io.trackeep.dashboard.service.json.Json;
import io.trackeep.dashboard.service.profile.ConfigFolders;
import io.trackeep.dashboard.service.redis.Printable;
import io.trackeep.dashboard.service.redis.RedisConnections;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code --yes} and {@code --json} of every command that changes Redis (a picocli mixin), and
 * how such a command runs its planned admin action, the way the window does: say what it will do,
 * confirm (unless {@code --yes}), then {@link AdminActions#execute} with the shared audit trail
 * and this workstation's local audit log. What it says is printable ({@link Printable}): the
 * effects and summary name members and keys as read from Redis. On a read-only connection the action is refused at once
 * (and logged), without asking a question whose answer could not matter.
 */
final class AuditedAction {

    /** Exit code when the user (or a script without {@code --yes}) declined. */
    static final int DECLINED = CliErrors.FAILED;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--yes", description = "Do not ask for confirmation.")
    boolean yes;

    @Option(names = "--json", description = "Print the outcome as JSON: {action, target, summary, result, audited}.")
    boolean json;

    /**
     * @return the exit code: 0 done, {@link #DECLINED} not confirmed; a refusal or failure is thrown (see {@link CliErrors})
     */
    <T> int run(RedisConnections redis, ActionPlan<T> plan) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        AdminActions actions = new AdminActions(redis, new AuditTrail(redis),
                LocalAuditLog.in(ConfigFolders.resolve().data()), AdminActions.defaultActor());
        if (!actions.readOnly()) {
            err.println("What this does on " + redis.settings().address() + " (prefix " + redis.settings().keyPrefix() + "):"); // the effects say "Deletes …"
            plan.effects().forEach(e -> err.println("  - " + Printable.message(e)));
            if (!Confirmation.confirm(Printable.message(plan.question()), yes, err)) {
                err.println("Nothing was changed.");
                err.flush();
                return DECLINED;
            }
        }
        ActionOutcome<T> outcome = actions.execute(plan);
        if (json) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("action", outcome.action());
            result.put("target", outcome.target());
            result.put("summary", outcome.summary());
            result.put("result", outcome.value());
            result.put("audited", outcome.auditedInRedis());
            out.println(Json.write(result));
        } else {
            out.println(Printable.message(outcome.summary()));
        }
        if (!outcome.auditedInRedis()) {
            err.println("warning: " + Printable.message(outcome.auditProblem()) + " (kept in the local audit log)");
        }
        out.flush();
        err.flush();
        return 0;
    }
}
