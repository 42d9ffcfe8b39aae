package io.trackeep.dashboard.monitor.topology;

import io.trackeep.dashboard.service.health.DeploymentCheck;
import io.trackeep.dashboard.service.health.DeploymentReport;
import io.trackeep.dashboard.service.redis.RedisConnections;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The window's one {@link DeploymentCheck}, shared by the panels that show the deployment (the
 * Overview's figures and alerts, the Topology view): both see the same failovers (a Cluster's are
 * found by comparing one check with the one before, so two checks would each see only half of
 * them), and a tick that runs both checks every node once. A different connection starts afresh.
 *
 * <p>Called on the refresh thread (the command line: once); synchronized because panels share it.
 */
public final class DeploymentTracker {

    /** A check younger than this is the current tick's: reused instead of asking every node again. */
    static final Duration REUSE = Duration.ofMillis(200);

    private final Clock clock;
    private final LongSupplier nanoTime;
    private RedisConnections connection;
    private DeploymentCheck check;
    private DeploymentReport last;
    private long lastAt;

    public DeploymentTracker() {
        this(Clock.systemUTC(), System::nanoTime);
    }

    /** Checks stamped by {@code clock}: rates between two checks are over the time it says passed. */
    public DeploymentTracker(Clock clock) {
        this(clock, () -> clock.millis() * 1_000_000);
    }

    DeploymentTracker(LongSupplier nanoTime) {
        this(Clock.systemUTC(), nanoTime);
    }

    private DeploymentTracker(Clock clock, LongSupplier nanoTime) {
        this.clock = Objects.requireNonNull(clock);
        this.nanoTime = Objects.requireNonNull(nanoTime);
    }

    /** A new check of every node. */
    public synchronized DeploymentReport check(RedisConnections redis) {
        if (redis != connection) {
            connection = redis;
            check = new DeploymentCheck(redis, clock);
        }
        last = check.check();
        lastAt = nanoTime.getAsLong();
        return last;
    }

    /** The check this tick already made on {@code redis} (within {@link #REUSE}), else a new one. */
    public synchronized DeploymentReport recent(RedisConnections redis) {
        if (redis == connection && last != null && nanoTime.getAsLong() - lastAt < REUSE.toNanos()) {
            return last;
        }
        return check(redis);
    }
}
