package io.trackeep.dashboard.ui.dialog;

import java.util.List;
import java.util.Objects;

/**
 * What a confirmation dialog says: exactly what will happen, before it happens.
 *
 * @param title        the question ("Kill this session?")
 * @param summary      one sentence naming the target ("Ends the session of alice (user 42) on every backend.")
 * @param effects      each change that will be made, concretely ("Deletes tk:session:ab12…", "Publishes session.killed on tk:admin:events")
 * @param confirmLabel the verb on the confirm button ("Kill session"); never "OK"
 * @param destructive  true when it deletes or cannot be undone: the confirm button is drawn as dangerous
 * @param server       the server it will act on ("Production · 10.0.0.5:6379/0"), or null when it acts on none
 */
public record Confirmation(String title, String summary, List<String> effects, String confirmLabel, boolean destructive,
                           String server) {

    public Confirmation {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(summary, "summary");
        effects = effects == null ? List.of() : List.copyOf(effects);
        Objects.requireNonNull(confirmLabel, "confirmLabel");
    }

    /** A confirmation for an action that deletes or cannot be undone. */
    public static Confirmation destructive(String title, String summary, String confirmLabel, String... effects) {
        return new Confirmation(title, summary, List.of(effects), confirmLabel, true, null);
    }
}
