package io.trackeep.dashboard.ui.kit;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A field the admin types in, checked at every change: the text, what the check says about it
 * (a problem, or a confirmation of what was understood) and the value when the text is valid.
 * A view binds its text field to {@link #textProperty()}, shows the message of
 * {@link #checkProperty()} and enables its action while the check is valid. FX thread only.
 *
 * @param <T> what valid text stands for (a user id, a key)
 */
public final class CheckedInput<T> {

    private static final String USER_ID_PROBLEM = "A user id is a whole number, like 42";

    private final StringProperty text = new SimpleStringProperty("");
    private final Function<String, Check<T>> checker;
    private final List<Consumer<Check<T>>> followers = new ArrayList<>();
    private final ReadOnlyObjectWrapper<Check<T>> check = new ReadOnlyObjectWrapper<>(Check.blank());

    /** @param checker judges the text, stripped of surrounding blanks (never null); it judges "" at once */
    public CheckedInput(Function<String, Check<T>> checker) {
        this.checker = Objects.requireNonNull(checker);
        recheck();
        text.addListener((obs, o, n) -> recheck());
    }

    /** A user id: blank is no user, a whole number from 0 up is that user, anything else a problem. */
    public static CheckedInput<Long> userId() {
        return new CheckedInput<>(CheckedInput::userIdCheck);
    }

    private static Check<Long> userIdCheck(String typed) {
        if (typed.isEmpty()) {
            return Check.blank();
        }
        try {
            long uid = Long.parseLong(typed);
            return uid < 0 ? Check.problem(USER_ID_PROBLEM) : Check.valid(uid, "");
        } catch (NumberFormatException e) {
            return Check.problem(USER_ID_PROBLEM);
        }
    }

    /** Checks the text again: what it is checked against changed (the connection's key prefix). */
    public void recheck() {
        String typed = text.get() == null ? "" : text.get().strip();
        Check<T> now = checker.apply(typed);
        check.set(now);
        for (Consumer<Check<T>> follower : followers) {
            follower.accept(now);
        }
    }

    /** Runs {@code follower} after every check, once {@link #checkProperty()} holds it, even when it equals the last. */
    public void afterCheck(Consumer<Check<T>> follower) {
        followers.add(Objects.requireNonNull(follower));
    }

    /** The value the text stands for, when it is valid. */
    public Optional<T> value() {
        return check.get().value();
    }

    /** What the admin typed. */
    public StringProperty textProperty() { return text; }

    /** What the check made of the text: the value, or why not; a view shows its message and acts while it is valid. */
    public ReadOnlyObjectProperty<Check<T>> checkProperty() { return check.getReadOnlyProperty(); }
}
