package io.trackeep.dashboard.ui.kit;

import java.util.Objects;
import java.util.Optional;

/**
 * What a check made of what the admin typed, a field ({@link CheckedInput}) or a whole form: the
 * value when it is usable, and what to say ("" for nothing): why it is not usable, or what it was
 * understood as. A dialog shows the message on its problem line and enables its primary button
 * while the check is {@link #valid()} ({@link Dialogs#problemLine}, {@link Dialogs#primaryButton}).
 *
 * @param <T> what valid input stands for (a user id, a key, a limit)
 */
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

    /** Nothing typed, or nothing changed: not usable, nothing to say. */
    public static <T> Check<T> blank() {
        return new Check<>(Optional.empty(), "");
    }

    public boolean valid() {
        return value.isPresent();
    }

    /** True when there is a message and no value. */
    public boolean isProblem() {
        return value.isEmpty() && !message.isEmpty();
    }
}
