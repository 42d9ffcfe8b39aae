package io.trackeep.dashboard.monitor.leaderboards;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.trackeep.dashboard.service.leaderboard.Entry;
import io.trackeep.dashboard.service.leaderboard.ForeignMember;
import io.trackeep.dashboard.service.leaderboard.LeaderboardPage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One place on a board as the dashboard shows it ({@code {"userId","score","rank"}} in
 * {@code snapshot --json}).
 *
 * @param userId the user, or null for a foreign member (not a user id in decimal form)
 * @param member the member exactly as stored; in JSON only for a foreign member
 * @param score  points
 * @param rank   competition rank (equal scores share a rank)
 */
public record BoardPlace(Long userId, @JsonInclude(JsonInclude.Include.NON_NULL) String member, double score, long rank) {

    public static BoardPlace of(Entry e) {
        return new BoardPlace(e.userId(), null, e.score(), e.rank());
    }

    public static BoardPlace of(ForeignMember f) {
        return new BoardPlace(null, f.member(), f.score(), f.rank());
    }

    /** The page's users and foreign members in board order (by rank, highest score first). */
    public static List<BoardPlace> of(LeaderboardPage page) {
        List<BoardPlace> places = new ArrayList<>(page.entries().size() + page.foreign().size());
        page.entries().forEach(e -> places.add(of(e)));
        page.foreign().forEach(f -> places.add(of(f)));
        if (!page.foreign().isEmpty()) {
            places.sort(Comparator.comparingLong(BoardPlace::rank)); // stable: users keep their order within a rank
        }
        return List.copyOf(places);
    }

    /** Whether the member is not a user id. */
    public boolean foreign() {
        return userId == null;
    }

    /** The member as stored in Redis: the user id in decimal or the foreign member's text. */
    public String storedMember() {
        return userId != null ? Long.toString(userId) : member;
    }
}
