package io.trackeep.dashboard.ui.leaderboards;

import io.trackeep.dashboard.monitor.leaderboards.BoardPlace;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Rank movement of the places shown, per reading of a board. A movement is measured against the
 * ranking <em>before the last change</em>, not simply the previous refresh: a board read every
 * second mostly reads the same ranks again, and an arrow that vanished one second after the
 * change would be missed. So the arrows of a change stay until the next change
 * ({@link #changedAt()} says when that was). Another board or another number of places starts
 * over, with no movement known. Not thread-safe (FX thread).
 */
public final class RankHistory {

    private Object key;
    private Map<String, Long> shown = Map.of();
    private Map<String, Long> before;
    private Instant changedAt;

    /**
     * Records a reading and returns the movement of each place, in the same order.
     *
     * @param key    what was read (the board and how many places): a different key starts over
     * @param places the places read, in board order
     */
    public List<RankMovement> apply(Object key, List<BoardPlace> places, Instant now) {
        Map<String, Long> ranks = new HashMap<>();
        for (BoardPlace p : places) {
            ranks.put(p.storedMember(), p.rank());
        }
        if (!Objects.equals(key, this.key)) {
            this.key = key;
            before = null;
            changedAt = null;
        } else if (!ranks.equals(shown)) {
            before = shown;
            changedAt = now;
        }
        shown = ranks;
        List<RankMovement> moves = new ArrayList<>(places.size());
        for (BoardPlace p : places) {
            moves.add(movement(p));
        }
        return moves;
    }

    /** When the ranking last changed while watched; null before the first change. */
    public Instant changedAt() { return changedAt; }

    /** Forgets everything (another connection). */
    public void reset() {
        key = null;
        shown = Map.of();
        before = null;
        changedAt = null;
    }

    private RankMovement movement(BoardPlace p) {
        if (before == null) {
            return RankMovement.UNKNOWN;
        }
        Long previous = before.get(p.storedMember());
        return previous == null ? RankMovement.NEW : RankMovement.between(previous, p.rank());
    }
}
