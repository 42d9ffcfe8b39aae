package io.trackeep.dashboard.ui.leaderboards;

import io.trackeep.dashboard.monitor.leaderboards.BoardPlace;

/** A row of the top table: the place and how it moved. */
public record PlaceRow(BoardPlace place, RankMovement movement) {

    /** The user id, or the foreign member in quotes. */
    public String who() {
        return place.foreign() ? "\"" + place.member() + "\"" : Long.toString(place.userId());
    }
}
