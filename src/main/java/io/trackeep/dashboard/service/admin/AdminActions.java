package io.trackeep.dashboard.service.admin;

import io.trackeep.dashboard.service.audit.AuditTrail;
import io.trackeep.dashboard.service.redis.RedisAccessException;
import io.trackeep.dashboard.service.redis.RedisConnections;

/**
 * The one path every destructive admin action takes, from the window and from the command line
 * alike: refuse it on a read-only connection, run it, and write what happened to the shared
 * audit trail ({@code P:audit}) and to this workstation's local audit log.
 *
 * <p>Failures are never silent: a refused or failed action is rethrown to the caller after being
 * logged locally (and in Redis when Redis can take it). When the action worked but the shared
 * audit entry could not be written, the outcome says so in {@link ActionOutcome#auditProblem()}.
 */
public final class AdminActions {

    private final RedisConnections redis;
    private final AuditTrail audit;
    private final LocalAuditLog localLog;
    private final String actor;

    /**
     * @param localLog this workstation's log, or null where none is kept (tests, headless scripts)
     * @param actor    who acts, e.g. {@code ann@ws-12}
     */
    public AdminActions(RedisConnections redis, AuditTrail audit, LocalAuditLog localLog, String actor) {
        this.redis = redis;
        this.audit = audit;
        this.localLog = localLog;
        this.actor = actor;
    }

    /** {@code user@host} of this process, the default actor. */
    public static String defaultActor() {
        return System.getProperty("user.name", "admin") + "@" + AuditTrail.localHostName();
    }

    public String actor() { return actor; }

    public boolean readOnly() {
        return redis.settings().readOnly();
    }

    /**
     * Runs a planned action.
     *
     * @throws RedisAccessException READ_ONLY when the connection is read-only (nothing was sent),
     *                              or whatever the action failed with
     */
    public <T> ActionOutcome<T> execute(ActionPlan<T> plan) {
        try {
            redis.requireWritable(plan.question().replaceAll("\\?$", ""));
        } catch (RedisAccessException refused) {
            logLocally(plan.action(), plan.target(), "refused: read-only connection");
            throw refused;
        }
        T value;
        try {
            value = plan.execution().get();
        } catch (RuntimeException failed) {
            String result = "failed: " + failed.getMessage();
            logLocally(plan.action(), plan.target(), result);
            tryAudit(plan.action(), plan.target(), result);
            throw failed;
        }
        String summary = plan.summary().apply(value);
        logLocally(plan.action(), plan.target(), "ok: " + summary);
        String problem = tryAudit(plan.action(), plan.target(), "ok: " + summary);
        return new ActionOutcome<>(plan.action(), plan.target(), value, summary, problem);
    }

    private String tryAudit(String action, String target, String result) {
        try {
            audit.record(actor, action, target, result);
            return null;
        } catch (RuntimeException e) {
            return "audit trail not written: " + e.getMessage();
        }
    }

    private void logLocally(String action, String target, String result) {
        if (localLog != null) {
            localLog.append(actor, action, target, result, redis.settings().describe());
        }
    }
}
