package io.trackeep.dashboard.service.profile;

/**
 * What to do with a profile's saved password when the profile is saved.
 * {@link #toString()} never shows the password.
 */
public sealed interface PasswordChange {

    /** Leave the saved password (or its absence) as it is; on a rename it follows the profile. */
    static PasswordChange keep() {
        return Keep.INSTANCE;
    }

    /** Remove the saved password: it will be asked at connect time. */
    static PasswordChange forget() {
        return Forget.INSTANCE;
    }

    /** Save this password, encrypted. */
    static PasswordChange save(String password) {
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("An empty password cannot be saved; use forget() instead");
        }
        return new Save(password);
    }

    /** Keep the saved password. */
    enum Keep implements PasswordChange {
        INSTANCE
    }

    /** Remove the saved password. */
    enum Forget implements PasswordChange {
        INSTANCE
    }

    /** Save a new password. */
    record Save(String password) implements PasswordChange {
        @Override
        public String toString() {
            return "Save[****]";
        }
    }
}
