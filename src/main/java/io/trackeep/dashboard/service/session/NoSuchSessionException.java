package io.trackeep.dashboard.service.session;

/**
 * An action named a session (or a user's sessions) that does not exist: a kill that finds nothing
 * to kill is a mistake to report, not a success. The message masks session ids.
 */
public class NoSuchSessionException extends RuntimeException {

    public NoSuchSessionException(String message) {
        super(message);
    }
}
