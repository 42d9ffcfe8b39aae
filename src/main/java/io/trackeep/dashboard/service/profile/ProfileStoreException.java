package io.trackeep.dashboard.service.profile;

/** The profiles file or the password key could not be read or written; the message says which file and why. */
public class ProfileStoreException extends RuntimeException {

    public ProfileStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public ProfileStoreException(String message) {
        super(message);
    }
}
