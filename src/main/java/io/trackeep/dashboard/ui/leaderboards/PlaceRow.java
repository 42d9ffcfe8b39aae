package io.trackeep.dashboard.ui.leaderboards;

import io.trackeep.dashboard.monitor.leaderboards.BoardPlace;
import io.trackeep.dashboard.service.redis.Printable;

/** A row of the top table: the place and how it moved. */
public record PlaceRow(BoardPlace place, RankMovement movement) {

    /** The user id, or the foreign member in quotes, printable ({@code "gen\xe9ral"}). */
    public String who() {
        return place.foreign() ? "\"" + Printable.text(place.member()) + "\"" : Long.toString(place.userId());
    }
}
