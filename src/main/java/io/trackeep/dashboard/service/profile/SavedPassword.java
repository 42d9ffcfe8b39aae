package io.trackeep.dashboard.service.profile;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of looking up a profile's saved password. A password that exists but cannot be
 * decrypted is {@link Status#UNREADABLE}: callers treat it like {@link Status#NOT_SAVED} (ask the
 * user) and show {@link #problem()}. {@link #toString()} never shows the password.
 */
public final class SavedPassword {

    /** Whether a usable password is saved. */
    public enum Status { SAVED, NOT_SAVED, UNREADABLE }

    private static final SavedPassword NONE = new SavedPassword(Status.NOT_SAVED, null, null);

    private final Status status;
    private final String value;
    private final String problem;

    private SavedPassword(Status status, String value, String problem) {
        this.status = status;
        this.value = value;
        this.problem = problem;
    }

    static SavedPassword saved(String value) {
        return new SavedPassword(Status.SAVED, Objects.requireNonNull(value), null);
    }

    static SavedPassword notSaved() { return NONE; }

    static SavedPassword unreadable(String problem) {
        return new SavedPassword(Status.UNREADABLE, null, problem);
    }

    public Status status() { return status; }

    /** The password when {@link Status#SAVED}. */
    public Optional<String> value() {
        return Optional.ofNullable(value);
    }

    /** Why a saved password cannot be used, as a sentence for the user, when {@link Status#UNREADABLE}. */
    public Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    @Override
    public String toString() {
        return "SavedPassword[" + status + (problem == null ? "" : ": " + problem) + "]";
    }
}
