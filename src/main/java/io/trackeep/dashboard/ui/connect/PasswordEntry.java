package io.trackeep.dashboard.ui.connect;

/**
 * What the user typed at the password prompt. {@link #toString()} never shows it.
 *
 * @param password the password, or null when the server has none
 * @param remember save it (encrypted) in the profile
 */
public record PasswordEntry(String password, boolean remember) {

    public PasswordEntry {
        password = password == null || password.isEmpty() ? null : password;
    }

    @Override
    public String toString() {
        return "PasswordEntry[" + (password == null ? "none" : "****") + (remember ? ", remember" : "") + "]";
    }
}
