package io.trackeep.dashboard.service.session;

/**
 * A session key exists but its value is not a session (not JSON, wrong field types, ...). Callers
 * that authenticate must treat the session as invalid; the dashboard shows {@link #entry()}.
 * The message masks the session id.
 */
public class MalformedSessionException extends RuntimeException {

    private final SessionEntry.Malformed entry;

    public MalformedSessionException(SessionEntry.Malformed entry, Throwable cause) {
        super("Session " + SessionId.mask(entry.sessionId()) + " holds a malformed value: " + entry.reason(), cause);
        this.entry = entry;
    }

    public SessionEntry.Malformed entry() { return entry; }
}
