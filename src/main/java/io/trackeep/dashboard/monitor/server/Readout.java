package io.trackeep.dashboard.monitor.server;

import java.util.Objects;

/**
 * One part of the Server panel as read: the value, or why there is none. Immutable if the value is.
 *
 * @param value   what was read; null unless {@link Status#OK}
 * @param status  how the read went
 * @param message for people: why the part is missing (empty when OK)
 */
public record Readout<T>(T value, Status status, String message) {

    public enum Status {
        /** Read. */
        OK,
        /** The ACL user may not run the command (NOPERM), or the server has it renamed or disabled. Not asked again on this connection. */
        DENIED,
        /** Redis answered with another error. */
        FAILED
    }

    public Readout {
        Objects.requireNonNull(status, "status");
        message = message == null ? "" : message;
    }

    public static <T> Readout<T> ok(T value) {
        return new Readout<>(Objects.requireNonNull(value), Status.OK, "");
    }

    public static <T> Readout<T> denied(String message) {
        return new Readout<>(null, Status.DENIED, message);
    }

    public static <T> Readout<T> failed(String message) {
        return new Readout<>(null, Status.FAILED, message);
    }

    public boolean isOk() {
        return status == Status.OK;
    }
}
