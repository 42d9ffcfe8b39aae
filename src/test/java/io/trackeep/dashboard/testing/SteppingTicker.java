package io.trackeep.dashboard.testing;

import io.trackeep.dashboard.monitor.census.Ticker;

import java.util.ArrayList;
import java.util.List;

/**
 * Fake time for the census's pacing: each reading moves it on by a set step, so every round trip
 * measures that step; a wait moves it by the wait and is kept. Nothing sleeps.
 */
public final class SteppingTicker implements Ticker {

    private final List<Long> waits = new ArrayList<>();
    private final long step;
    private long now = 1_000_000_000_000L;

    public SteppingTicker(long step) {
        this.step = step;
    }

    @Override
    public long nanoTime() {
        now += step;
        return now;
    }

    @Override
    public void sleepNanos(long nanos) {
        waits.add(nanos);
        now += nanos;
    }

    /** The time now, without moving it. */
    public long now() { return now; }

    /** The waits asked for, in order. */
    public List<Long> waits() { return waits; }
}
