package io.trackeep.dashboard.ui.leaderboards;

/**
 * How a member's rank moved between two readings of a board: {@code ▲2}, {@code ▼1}, {@code new}
 * (was not among the places shown before), {@code =} (same rank), or nothing known yet.
 *
 * @param kind   the direction
 * @param places how many places up or down (0 unless UP or DOWN)
 */
public record RankMovement(Kind kind, long places) {

    public enum Kind { UP, DOWN, SAME, NEW, UNKNOWN }

    public static final RankMovement UNKNOWN = new RankMovement(Kind.UNKNOWN, 0);
    public static final RankMovement SAME = new RankMovement(Kind.SAME, 0);
    public static final RankMovement NEW = new RankMovement(Kind.NEW, 0);

    /** From the previous rank to the current one (rank 1 is the top: a smaller rank is a move up). */
    public static RankMovement between(long previousRank, long rank) {
        if (rank < previousRank) {
            return new RankMovement(Kind.UP, previousRank - rank);
        }
        if (rank > previousRank) {
            return new RankMovement(Kind.DOWN, rank - previousRank);
        }
        return SAME;
    }

    /** What the table shows. */
    public String text() {
        return switch (kind) {
            case UP -> "▲" + places;
            case DOWN -> "▼" + places;
            case SAME -> "=";
            case NEW -> "new";
            case UNKNOWN -> "";
        };
    }

    /** Orders movements for sorting: biggest climb first, then new, same, unknown, biggest drop last. */
    public long sortKey() {
        return switch (kind) {
            case UP -> 1_000_000_000L + places;
            case NEW -> 2;
            case SAME -> 1;
            case UNKNOWN -> 0;
            case DOWN -> -places;
        };
    }
}
