package io.trackeep.dashboard.local.sim;

/**
 * How much traffic the {@link TrafficSimulator} makes.
 *
 * @param users             virtual users (ids from {@value #FIRST_USER_ID}), each with its own client address
 * @param requestsPerSecond paced request rate of users and abusive clients together (chat comes on top)
 * @param abuseShare        share of those requests, 0 to 1, sent by {@value TrafficSimulator#ABUSIVE_CLIENTS}
 *                          abusive clients that brute-force the login and scrape pages until limited
 * @param chatPerSecond     chat messages per second, sent by logged-in users into a few conversations
 * @param maxInFlight       most requests waiting for an answer; a request due while that many are
 *                          open is skipped and counted, so a slow server never piles up work here
 */
public record SimulatorSettings(int users, double requestsPerSecond, double abuseShare, double chatPerSecond, int maxInFlight) {

    public static final long FIRST_USER_ID = 1001;
    public static final int MAX_USERS = 100_000;
    public static final double MAX_REQUESTS_PER_SECOND = 10_000;

    public SimulatorSettings {
        if (users < 1 || users > MAX_USERS) {
            throw new IllegalArgumentException("users must be from 1 to " + MAX_USERS + ", got " + users);
        }
        if (!(requestsPerSecond >= 0 && requestsPerSecond <= MAX_REQUESTS_PER_SECOND)) {
            throw new IllegalArgumentException("requests per second must be from 0 to " + (long) MAX_REQUESTS_PER_SECOND
                    + ", got " + requestsPerSecond);
        }
        if (!(abuseShare >= 0 && abuseShare <= 1)) {
            throw new IllegalArgumentException("abuse share must be from 0 to 1, got " + abuseShare);
        }
        if (!(chatPerSecond >= 0 && chatPerSecond <= MAX_REQUESTS_PER_SECOND)) {
            throw new IllegalArgumentException("chat rate must be from 0 to " + (long) MAX_REQUESTS_PER_SECOND
                    + " per second, got " + chatPerSecond);
        }
        if (maxInFlight < 1 || maxInFlight > 1024) {
            throw new IllegalArgumentException("max in flight must be from 1 to 1024, got " + maxInFlight);
        }
    }

    /** 50 users, 40 requests/s, 10 % abusive, 2 chat messages/s, 32 in flight: every dashboard panel moves. */
    public static SimulatorSettings defaults() {
        return new SimulatorSettings(50, 40, 0.10, 2, 32);
    }

    public SimulatorSettings withUsers(int n) {
        return new SimulatorSettings(n, requestsPerSecond, abuseShare, chatPerSecond, maxInFlight);
    }

    public SimulatorSettings withRequestsPerSecond(double rps) {
        return new SimulatorSettings(users, rps, abuseShare, chatPerSecond, maxInFlight);
    }

    public SimulatorSettings withAbuseShare(double share) {
        return new SimulatorSettings(users, requestsPerSecond, share, chatPerSecond, maxInFlight);
    }

    public SimulatorSettings withChatPerSecond(double rate) {
        return new SimulatorSettings(users, requestsPerSecond, abuseShare, rate, maxInFlight);
    }

    public SimulatorSettings withMaxInFlight(int n) {
        return new SimulatorSettings(users, requestsPerSecond, abuseShare, chatPerSecond, n);
    }
}
