package io.trackeep.dashboard.service.admin;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A destructive admin action, worked out before it runs so the admin can be asked exactly what
 * will happen ("Kill 3 sessions of user 42 (ann)?"). Planning may read Redis (to count what will
 * go) and so runs off the FX thread; only {@link AdminActions#execute} runs {@code execution}.
 *
 * @param action    stable action id for the audit trail, e.g. {@code session.kill-user}
 * @param target    what it acts on, as it may appear in the audit trail (session ids masked)
 * @param question  the confirmation question, naming exactly what will happen
 * @param effects   each concrete change, e.g. "Deletes tk:session:ab12…", "Publishes session.killed on tk:admin:events"
 * @param verb      the confirm button's label, e.g. "Kill 3 sessions"; never "OK"
 * @param execution does the action and returns its result
 * @param summary   turns the result into one line for the notification and the audit trail
 */
public record ActionPlan<T>(String action, String target, String question, List<String> effects, String verb,
                            Supplier<T> execution, Function<T, String> summary) {

    public ActionPlan {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(execution, "execution");
        Objects.requireNonNull(verb, "verb");
        target = target == null ? "" : target;
        effects = effects == null ? List.of() : List.copyOf(effects);
        summary = summary == null ? String::valueOf : summary;
    }
}
