package io.trackeep.dashboard.ui.leaderboards;

import io.trackeep.dashboard.monitor.leaderboards.BoardPlace;
import io.trackeep.dashboard.monitor.leaderboards.BoardSummary;
import io.trackeep.dashboard.monitor.leaderboards.LeaderboardsProbe;
import io.trackeep.dashboard.monitor.leaderboards.LeaderboardsSnapshot;
import io.trackeep.dashboard.monitor.leaderboards.Points;
import io.trackeep.dashboard.service.leaderboard.Leaderboard;
import io.trackeep.dashboard.service.leaderboard.Leaderboards;
import io.trackeep.dashboard.service.redis.Printable;
import io.trackeep.dashboard.ui.dialog.ErrorPresenter;
import io.trackeep.dashboard.ui.format.Times;
import io.trackeep.dashboard.ui.format.Units;
import io.trackeep.dashboard.ui.panel.LiveViewModel;
import io.trackeep.dashboard.ui.panel.OneOffReads;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * State of the Leaderboards panel, on the FX thread: the boards with their sizes, the selected
 * board's first places with rank movement, filters, and a user's standing. Data arrives as
 * {@link Update}s from the refresh loop (through a coalescer) and from one-off reads when the
 * selection changes; a reading of another board or size than the one selected now is ignored.
 */
public final class LeaderboardsViewModel implements LiveViewModel<LeaderboardsViewModel.Update> {

    public static final int DEFAULT_TOP = 20;

    /** What the refresh thread reads for the panel: the selected board and how many places. */
    public record Query(String boardId, int top) {
    }

    /**
     * One reading.
     *
     * @param boards        every board with its size, or null when only the selected board was read
     * @param selected      the queried board's first places, or null when no board was queried
     * @param query         what was asked for {@code selected}
     * @param at            when it was read
     * @param boardsProblem why the boards could not be listed (Redis answered, but not with boards), or null
     */
    public record Update(LeaderboardsSnapshot boards, BoardSummary selected, Query query, Instant at, String boardsProblem) {

        public Update(LeaderboardsSnapshot boards, BoardSummary selected, Query query, Instant at) {
            this(boards, selected, query, at, null);
        }
    }


    private final OneOffReads reads;
    private final ObservableList<BoardSummary> boards = FXCollections.observableArrayList();
    private final FilteredList<BoardSummary> visibleBoards = new FilteredList<>(boards);
    private final StringProperty boardFilter = new SimpleStringProperty("");
    private final ObjectProperty<String> selectedBoard = new SimpleObjectProperty<>();
    private final IntegerProperty top = new SimpleIntegerProperty(DEFAULT_TOP);
    private final ObservableList<PlaceRow> places = FXCollections.observableArrayList();
    private final FilteredList<PlaceRow> visiblePlaces = new FilteredList<>(places);
    private final StringProperty memberFilter = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper boardsStatus = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper boardsProblem = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper loaded = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper boardTitle = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper boardFacts = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper movementNote = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper placesPlaceholder = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper lookupResult = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<BoardPlace> lookedUp = new ReadOnlyObjectWrapper<>();
    private final RankHistory history = new RankHistory();
    private volatile Query query = new Query(null, DEFAULT_TOP);
    private BoardSummary shown;
    private Instant shownAt;

    /**
     * @param reads one-off reads on the window's connection (selection changes, look-ups)
     */
    public LeaderboardsViewModel(OneOffReads reads) {
        this.reads = Objects.requireNonNull(reads);
        boardFilter.addListener((obs, o, f) -> visibleBoards.setPredicate(boardMatcher(f)));
        memberFilter.addListener((obs, o, f) -> visiblePlaces.setPredicate(placeMatcher(f)));
        selectedBoard.addListener((obs, o, id) -> queryChanged());
        top.addListener((obs, o, n) -> queryChanged());
    }

    // ---- for the refresh thread ---------------------------------------------------------

    /** What to read for the selected board ({@link LeaderboardsReads}); safe from any thread. */
    public Query query() { return query; }

    // ---- applying readings (FX thread) --------------------------------------------------

    @Override
    public void apply(Update u) {
        boardsProblem.set(u.boardsProblem() == null ? "" : "Could not list the leaderboards: " + u.boardsProblem());
        if (u.boards() != null) {
            applyBoards(u.boards());
        } else if (u.boardsProblem() != null) {
            loaded.set(true);
            boardsStatus.set(boardsProblem.get());
            describeSelected();
        }
        if (u.selected() != null && u.query().equals(query)) {
            applySelected(u.selected(), u.at());
        }
    }

    /** Forgets everything read (a new connection or none). */
    @Override
    public void clear() {
        boards.clear();
        places.clear();
        shown = null;
        history.reset();
        selectedBoard.set(null);
        loaded.set(false);
        boardsStatus.set("");
        boardsProblem.set("");
        lookupResult.set("");
        lookedUp.set(null);
        describeSelected();
    }

    /** Reads the selected board now (after an action, or when the selection changed). */
    public void reloadSelected() {
        Query q = query;
        if (q.boardId() == null) {
            return;
        }
        reads.readOnce("Reading leaderboard " + q.boardId(), redis -> LeaderboardsProbe.top(redis, q.boardId(), q.top()),
                summary -> apply(new Update(null, summary, q, Instant.now())),
                error -> placesPlaceholder.set("Could not read challenge " + Printable.text(q.boardId()) + ": " + ErrorPresenter.describe(error).text()));
    }

    /** Looks up a user's rank and score on the selected board. */
    public void lookup(String text) {
        lookedUp.set(null);
        String board = selectedBoard.get();
        String input = text == null ? "" : text.strip();
        if (input.isEmpty()) {
            lookupResult.set("");
            return;
        }
        Optional<Long> userId = userId(input);
        if (userId.isEmpty()) {
            lookupResult.set("“" + Printable.text(input) + "” is not a user id. Members that are not user ids are listed in the table as stored.");
            return;
        }
        if (board == null) {
            lookupResult.set("Select a board first.");
            return;
        }
        long uid = userId.get();
        lookupResult.set("Looking up user " + uid + "…");
        reads.readOnce("Looking up user " + uid, redis -> {
            Leaderboard b = new Leaderboards(redis).board(board);
            return b.standing(uid).map(e -> new Standing(BoardPlace.of(e), b.size()));
        }, standing -> {
            if (!board.equals(selectedBoard.get())) {
                return;
            }
            if (standing.isEmpty()) {
                lookupResult.set("User " + uid + " is not on challenge " + Printable.text(board) + ".");
            } else {
                BoardPlace p = standing.get().place();
                lookedUp.set(p);
                lookupResult.set("User " + uid + ": rank " + Units.count(p.rank()) + " of " + Units.count(standing.get().size())
                        + " with " + points(p.score()) + ".");
            }
        }, error -> lookupResult.set("Could not look up user " + uid + ": " + ErrorPresenter.describe(error).text()));
    }

    private record Standing(BoardPlace place, long size) {
    }

    private void applyBoards(LeaderboardsSnapshot s) {
        if (!boards.equals(s.boards())) {
            boards.setAll(s.boards());
        }
        loaded.set(true);
        String count = Units.count(s.boards().size()) + (s.boards().size() == 1 ? " board" : " boards")
                + (s.unrecognisedKeys() == 0 ? "" : " · " + Units.count(s.unrecognisedKeys())
                + (s.unrecognisedKeys() == 1 ? " key named like a board is not one" : " keys named like a board are not one")
                + " (an id with ':' or '*'), not listed");
        if (!s.complete()) {
            boardsStatus.set(count + " so far · scanning the keyspace for more (" + Units.percent(s.scanProgress()) + ")");
        } else if (s.boards().size() >= LeaderboardsProbe.MAX_BOARDS) {
            boardsStatus.set("The first " + count + " (more exist)");
        } else {
            boardsStatus.set(count);
        }
        String selected = selectedBoard.get();
        if (selected == null || s.boards().stream().noneMatch(b -> b.id().equals(selected))) {
            selectedBoard.set(s.boards().isEmpty() ? null : s.boards().get(0).id());
        }
    }

    private void applySelected(BoardSummary board, Instant at) {
        shown = board;
        shownAt = at;
        List<RankMovement> moves = history.apply(query, board.top(), at);
        List<PlaceRow> rows = new ArrayList<>(board.top().size());
        for (int i = 0; i < board.top().size(); i++) {
            rows.add(new PlaceRow(board.top().get(i), moves.get(i)));
        }
        if (!rows.equals(places)) {
            places.setAll(rows);
        }
        describeSelected();
    }

    private void queryChanged() {
        query = new Query(selectedBoard.get(), top.get());
        lookupResult.set("");
        lookedUp.set(null);
        if (shown != null && !Objects.equals(shown.id(), selectedBoard.get())) {
            shown = null;
            places.clear();
        }
        describeSelected();
        reloadSelected();
    }

    private void describeSelected() {
        String id = selectedBoard.get();
        boardTitle.set(id == null ? "" : "Challenge " + Printable.text(id));
        if (id == null) {
            boardFacts.set("");
            movementNote.set("");
            placesPlaceholder.set(!boardsProblem.get().isEmpty() ? boardsProblem.get() : loaded.get() ? "" : "Reading the leaderboards…");
            return;
        }
        if (shown == null || !shown.id().equals(id)) {
            boardFacts.set("");
            movementNote.set("");
            placesPlaceholder.set("Reading challenge " + Printable.text(id) + "…");
            return;
        }
        if (shown.problem() != null) {
            boardFacts.set("Not a leaderboard");
            placesPlaceholder.set("The key of challenge " + Printable.text(id) + " " + shown.problem() + ": there is nothing to rank.");
            movementNote.set("");
            return;
        }
        long size = shown.size();
        boardFacts.set(Units.count(size) + (size == 1 ? " member" : " members") + " · top " + Units.count(Math.min(size, query.top()))
                + " · read " + Times.time(shownAt));
        placesPlaceholder.set(size == 0 ? "Nobody is on this board any more." : "No member matches the filter.");
        Instant changed = history.changedAt();
        movementNote.set(changed == null
                ? "Rank movement appears when the ranking changes while you watch."
                : "Movement since the ranking changed at " + Times.time(changed) + ".");
    }

    private static Predicate<BoardSummary> boardMatcher(String filter) {
        String f = filter == null ? "" : filter.strip().toLowerCase(Locale.ROOT);
        return f.isEmpty() ? null : b -> b.id().toLowerCase(Locale.ROOT).contains(f);
    }

    private static Predicate<PlaceRow> placeMatcher(String filter) {
        String f = filter == null ? "" : filter.strip().toLowerCase(Locale.ROOT);
        return f.isEmpty() ? null : r -> r.place().storedMember().toLowerCase(Locale.ROOT).contains(f);
    }

    private static Optional<Long> userId(String text) {
        try {
            long id = Long.parseLong(text);
            return Long.toString(id).equals(text) ? Optional.of(id) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** {@code 1,250 points}, {@code 12.50 points}, {@code +inf points}. */
    static String points(double score) {
        return Points.text(score, Locale.getDefault(Locale.Category.FORMAT)) + (score == 1 ? " point" : " points");
    }

    // ---- properties ---------------------------------------------------------------------

    public ObservableList<BoardSummary> boards() { return boards; }

    /** The boards matching {@link #boardFilterProperty()}. */
    public FilteredList<BoardSummary> visibleBoards() { return visibleBoards; }

    public StringProperty boardFilterProperty() { return boardFilter; }

    /** Id of the board shown; selecting another reads it at once. */
    public ObjectProperty<String> selectedBoardProperty() { return selectedBoard; }

    /** How many places to show (1..{@value Leaderboard#MAX_PAGE}). */
    public IntegerProperty topProperty() { return top; }

    public ObservableList<PlaceRow> places() { return places; }

    /** The places matching {@link #memberFilterProperty()}. */
    public FilteredList<PlaceRow> visiblePlaces() { return visiblePlaces; }

    public StringProperty memberFilterProperty() { return memberFilter; }

    /** "3 boards", or how far the census has come. */
    public ReadOnlyStringProperty boardsStatusProperty() { return boardsStatus.getReadOnlyProperty(); }

    /** Why the boards could not be listed, or empty. */
    public ReadOnlyStringProperty boardsProblemProperty() { return boardsProblem.getReadOnlyProperty(); }

    /** True once a list of boards has been read, or could not be (an empty list then means: there are none). */
    public ReadOnlyBooleanProperty loadedProperty() { return loaded.getReadOnlyProperty(); }

    public ReadOnlyStringProperty boardTitleProperty() { return boardTitle.getReadOnlyProperty(); }

    /** "1,234 members · top 20 · read 14:03:22". */
    public ReadOnlyStringProperty boardFactsProperty() { return boardFacts.getReadOnlyProperty(); }

    public ReadOnlyStringProperty movementNoteProperty() { return movementNote.getReadOnlyProperty(); }

    /** What the places table says when it has no rows. */
    public ReadOnlyStringProperty placesPlaceholderProperty() { return placesPlaceholder.getReadOnlyProperty(); }

    public ReadOnlyStringProperty lookupResultProperty() { return lookupResult.getReadOnlyProperty(); }

    /** The user found by the last look-up, for acting on a user beyond the top. */
    public ReadOnlyObjectProperty<BoardPlace> lookedUpProperty() { return lookedUp.getReadOnlyProperty(); }
}
