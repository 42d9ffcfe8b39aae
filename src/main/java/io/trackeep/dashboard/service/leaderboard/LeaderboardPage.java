package io.trackeep.dashboard.service.leaderboard;

import java.util.List;

/**
 * A consistent slice of a board: read by one script, so every rank on it agrees with every score
 * on it even while scores change concurrently.
 *
 * @param challengeId the board
 * @param offset      0-based position of the first member of the page
 * @param total       members on the board at that moment
 * @param entries     user members, highest score first
 * @param foreign     members that are not user ids, with their place (usually empty)
 */
public record LeaderboardPage(String challengeId, long offset, long total, List<Entry> entries,
                              List<ForeignMember> foreign) {

    public LeaderboardPage {
        entries = List.copyOf(entries);
        foreign = List.copyOf(foreign);
    }

    /** Whether members follow this page. */
    public boolean hasMore() {
        return offset + entries.size() + foreign.size() < total;
    }
}
