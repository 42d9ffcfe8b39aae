package io.trackeep.dashboard.local.sim;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One simulated person: a user id, a client address of its own (so each user has its own rate
 * limits, as real users behind different addresses do), the session it holds, and whether a
 * request of it is in flight (one at a time, as a person clicks).
 */
final class VirtualUser {

    final long userId;
    final String username;
    final String address;
    final AtomicReference<String> session = new AtomicReference<>();
    final AtomicBoolean busy = new AtomicBoolean();

    VirtualUser(int index) {
        this.userId = SimulatorSettings.FIRST_USER_ID + index;
        this.username = "user" + userId;
        int n = index + 1; // 10.0.0.1, 10.0.0.2, ...: unique per user up to 2^24
        this.address = "10." + ((n >> 16) & 255) + "." + ((n >> 8) & 255) + "." + (n & 255);
    }

    /** Claims the user for one request; false when one is in flight already. */
    boolean claim() {
        return busy.compareAndSet(false, true);
    }

    void release() {
        busy.set(false);
    }

    boolean loggedIn() {
        return session.get() != null;
    }
}
