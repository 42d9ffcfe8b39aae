package io.trackeep.dashboard.service.admin;

import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A destructive admin action, worked out before it runs so the admin can be asked exactly what
 * will happen ("Kill 3 sessions of user 42 (ann)?"). Planning may read Redis (to count what will
 * go); only {@link AdminActions#execute} runs {@code execution}.
 *
 * @param action    stable action id for the audit trail, e.g. {@code session.kill-user}
 * @param target    what it acts on, as it may appear in the audit trail (session ids masked)
 * @param question  the confirmation question, naming exactly what will happen
 * @param execution does the action and returns its result
 * @param summary   turns the result into one line for the notification and the audit trail
 */
public record ActionPlan<T>(String action, String target, String question,
                            Supplier<T> execution, Function<T, String> summary) {

    public ActionPlan {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(execution, "execution");
        target = target == null ? "" : target;
        summary = summary == null ? String::valueOf : summary;
    }
}
