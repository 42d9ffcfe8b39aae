package io.trackeep.dashboard.local.http;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.trackeep.dashboard.local.http.Route.SessionMode;
import io.trackeep.dashboard.service.leaderboard.Entry;
import io.trackeep.dashboard.service.leaderboard.Leaderboard;
import io.trackeep.dashboard.service.leaderboard.Leaderboards;

import java.util.List;

/**
 * Challenge leaderboards ({@code P:challenge:<id>:leaderboard}):
 * {@code POST /api/challenges/{id}/score} adds points, {@code GET .../leaderboard?top=N} lists the
 * top places, {@code GET .../rank/{userId}} one user's place (404 when not on the board).
 */
final class LeaderboardRoutes {

    static final int DEFAULT_TOP = 10;
    /** Points per request: generous, but keeps a typo from making a board meaningless. */
    static final double MAX_POINTS = 1e9;

    private final Leaderboards leaderboards;

    LeaderboardRoutes(Leaderboards leaderboards) {
        this.leaderboards = leaderboards;
    }

    List<Route> routes() {
        return List.of(
                new Route("POST", "/api/challenges/{id}/score", "general", SessionMode.NONE, this::score),
                new Route("GET", "/api/challenges/{id}/leaderboard", "general", SessionMode.NONE, this::top),
                new Route("GET", "/api/challenges/{id}/rank/{userId}", "general", SessionMode.NONE, this::rank));
    }

    /**
     * A place on a board as JSON. The score is a JSON integer when it is whole, as Go writes a
     * whole float64, so {@code 10} and not {@code 10.0}.
     */
    record Place(@JsonProperty("user_id") long userId, @JsonProperty("score") Number score, @JsonProperty("rank") long rank) {
        static Place of(Entry entry) {
            double s = entry.score();
            Number score = s == Math.rint(s) && Math.abs(s) < 9.007199254740992E15 ? (Number) (long) s : (Number) s;
            return new Place(entry.userId(), score, entry.rank());
        }
    }

    /** The answer to a score: the new total and place. */
    record Scored(@JsonProperty("challenge_id") String challengeId, @JsonProperty("user_id") long userId,
                  @JsonProperty("score") Number score, @JsonProperty("rank") long rank) {
    }

    private ApiResponse score(ApiRequest request) {
        Leaderboard board = leaderboards.board(RequestParams.id(request, "id"));
        JsonNode body = request.jsonObject();
        long userId = JsonFields.userId(body, "user_id");
        double points = JsonFields.number(body, "points");
        if (Math.abs(points) > MAX_POINTS) {
            throw ApiException.badRequest("Field 'points' must be between -" + (long) MAX_POINTS + " and " + (long) MAX_POINTS);
        }
        Place place = Place.of(board.addScore(userId, points));
        return ApiResponse.json(200, new Scored(board.challengeId(), userId, place.score(), place.rank()));
    }

    private ApiResponse top(ApiRequest request) {
        Leaderboard board = leaderboards.board(RequestParams.id(request, "id"));
        int n = RequestParams.intQuery(request, "top", DEFAULT_TOP, 1, Leaderboard.MAX_PAGE);
        return ApiResponse.json(200, board.top(n).entries().stream().map(Place::of).toList());
    }

    private ApiResponse rank(ApiRequest request) {
        Leaderboard board = leaderboards.board(RequestParams.id(request, "id"));
        long userId = RequestParams.userId(request, "userId");
        return board.standing(userId)
                .map(entry -> ApiResponse.json(200, Place.of(entry)))
                .orElseThrow(() -> ApiException.notFound("User " + userId + " is not on the leaderboard of challenge " + board.challengeId()));
    }
}
