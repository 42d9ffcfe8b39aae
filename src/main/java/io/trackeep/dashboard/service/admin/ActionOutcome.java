package io.trackeep.dashboard.service.admin;

/**
 * How an executed admin action ended.
 *
 * @param action       the action id
 * @param target       what it acted on
 * @param value        the action's result (e.g. number of keys removed)
 * @param summary      one line for people, e.g. "Killed 3 sessions of user 42"
 * @param auditProblem null when the shared audit trail has the entry; otherwise why it has not
 *                     (the local audit log has it in any case)
 */
public record ActionOutcome<T>(String action, String target, T value, String summary, String auditProblem) {

    public boolean auditedInRedis() {
        return auditProblem == null;
    }
}
