package io.trackeep.dashboard.service.redis;

/**
 * Redis could not do what was asked. The {@link Kind} says why in terms a caller can act on;
 * the message is meant for people and never contains a password.
 */
public class RedisAccessException extends RuntimeException {

    /** Why a Redis call failed. */
    public enum Kind {
        /**
         * No connection: host down, refused, connection lost; or the server refused the command for
         * a passing state (a failover or slot move under way, data still loading). Retrying later may work.
         */
        UNREACHABLE,
        /** Wrong user name or password: nothing will work until the credentials change. */
        AUTH_FAILED,
        /**
         * Logged in, but this ACL user may not run that command or touch that key (NOPERM). Only the
         * feature that asked is affected; the connection as a whole is fine.
         */
        NOT_PERMITTED,
        /** Connected, but the answer did not come within the command timeout. */
        TIMEOUT,
        /** The server answered with an error (WRONGTYPE, OOM, ...). */
        COMMAND_FAILED,
        /** This workstation's profile is read-only; the action was not sent. */
        READ_ONLY
    }

    private final Kind kind;

    public RedisAccessException(Kind kind, String message, Throwable cause) {
        super(RedisUri.redactAll(message), cause); // a URI quoted from a lower layer keeps its secret
        this.kind = kind;
    }

    public RedisAccessException(Kind kind, String message) {
        this(kind, message, null);
    }

    public Kind kind() { return kind; }

    /** True when the server could not be reached at all (as opposed to answering with an error). */
    public boolean isUnavailable() {
        return kind == Kind.UNREACHABLE || kind == Kind.TIMEOUT;
    }
}
