package io.trackeep.dashboard.service.session;

/**
 * What a login knows about the user and client; {@link SessionStore#create} adds the session id
 * and both timestamps.
 */
public record NewSession(long userId, String email, String username, String role, String ipAddress, String userAgent) {

    public NewSession {
        if (userId < 0) {
            throw new IllegalArgumentException("user id must not be negative: " + userId);
        }
    }
}
