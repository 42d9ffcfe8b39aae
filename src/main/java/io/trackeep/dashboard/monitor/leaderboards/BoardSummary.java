package io.trackeep.dashboard.monitor.leaderboards;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * One board: {@code {"id","size","top":[...]}} in {@code snapshot --json}.
 *
 * @param id      the challenge id
 * @param size    members on the board; null when it could not be read (see {@code problem})
 * @param top     the first places, possibly empty (the panel reads the selected board's top separately)
 * @param problem why the board could not be read, e.g. the key holds another type; in JSON only when set
 */
public record BoardSummary(String id, Long size, List<BoardPlace> top,
                           @JsonInclude(JsonInclude.Include.NON_NULL) String problem) {

    public BoardSummary {
        top = top == null ? List.of() : List.copyOf(top);
    }
}
