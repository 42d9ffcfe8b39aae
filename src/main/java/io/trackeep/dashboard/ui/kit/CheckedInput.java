package io.trackeep.dashboard.ui.kit;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
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
 * A view binds its text field to {@link #textProperty()}, shows {@link #messageProperty()} and
 * enables its action on {@link #validProperty()}. FX thread only.
 *
 * @param <T> what valid text stands for (a user id, a key)
 */
public final class CheckedInput<T> {

    /** What a check made of the text: the value when it is usable, and what to say ("" for nothing). */
    public record Check<T>(Optional<T> value, String message) {

        public Check {
            Objects.requireNonNull(value);
            Objects.requireNonNull(message);
        }

        /** Usable, saying what it was understood as ({@code "search entry of user 42"}), or "". */
        public static <T> Check<T> valid(T value, String message) {
            return new Check<>(Optional.of(value), message);
        }

        /** Not usable, and why. */
        public static <T> Check<T> problem(String message) {
            return new Check<>(Optional.empty(), message);
        }

        /** Nothing typed, or nothing to check against: not usable, nothing to say. */
        public static <T> Check<T> blank() {
            return new Check<>(Optional.empty(), "");
        }

        /** True when there is a message and no value. */
        public boolean isProblem() {
            return value.isEmpty() && !message.isEmpty();
        }
    }

    private static final String USER_ID_PROBLEM = "A user id is a whole number, like 42";

    private final StringProperty text = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(false);
    private final Function<String, Check<T>> checker;
    private final List<Consumer<Check<T>>> followers = new ArrayList<>();
    private Check<T> last;

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
        last = checker.apply(typed);
        valid.set(last.value().isPresent());
        message.set(last.message());
        for (Consumer<Check<T>> follower : followers) {
            follower.accept(last);
        }
    }

    /** Runs {@code follower} after every check, once the message and validity are set. */
    public void afterCheck(Consumer<Check<T>> follower) {
        followers.add(Objects.requireNonNull(follower));
    }

    /** The value the text stands for, when it is valid. */
    public Optional<T> value() {
        return last.value();
    }

    /** What the admin typed. */
    public StringProperty textProperty() {
        return text;
    }

    /** What the check says: why the text is not usable, or what it was understood as; "" for nothing. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty validProperty() {
        return valid.getReadOnlyProperty();
    }
}
