package io.trackeep.dashboard.ui.connect;

/** Where the window stands with its Redis. */
public enum ConnectionState {
    /** No profile connected (first start without auto-connect, after Disconnect, or a password prompt cancelled while on none). */
    DISCONNECTED("Not connected"),
    /** Starting the local instance or opening the connection. */
    CONNECTING("Connecting…"),
    /** Connected and the last heartbeat was answered. */
    CONNECTED("Connected"),
    /** Was connected; Redis stopped answering. Data on screen is stale; Lettuce reconnects by itself. */
    UNREACHABLE("Unreachable"),
    /** The connection could not be opened; the banner says why and whether a retry is planned. */
    FAILED("Connection failed");

    private final String label;

    ConnectionState(String label) {
        this.label = label;
    }

    /** How the state indicator names it. */
    public String label() { return label; }

    /** True while a connection object exists (its data may be stale). */
    public boolean hasConnection() {
        return this == CONNECTED || this == UNREACHABLE;
    }
}
