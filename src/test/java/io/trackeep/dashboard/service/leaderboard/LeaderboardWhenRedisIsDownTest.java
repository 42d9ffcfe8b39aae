package io.trackeep.dashboard.service.leaderboard;

import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.service.redis.RedisAccessException;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.testing.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Own class: it stops the server, which the other leaderboard tests share. */
@ExtendWith(RedisServerExtension.class)
class LeaderboardWhenRedisIsDownTest {

    @Test
    void everyOperationReportsThatRedisIsUnreachable(RedisServerProcess server) {
        try (RedisConnections redis = RedisConnections.open(server.settings())) {
            Leaderboards boards = new Leaderboards(redis);
            Leaderboard board = boards.board("7");
            board.setScore(1, 10);
            server.stop();

            assertThatThrownBy(() -> board.top(10)).isInstanceOfSatisfying(RedisAccessException.class, e ->
                    org.assertj.core.api.Assertions.assertThat(e.kind()).isEqualTo(RedisAccessException.Kind.UNREACHABLE));
            assertThatThrownBy(() -> board.addScore(1, 1)).isInstanceOf(RedisAccessException.class);
            assertThatThrownBy(() -> board.standing(1)).isInstanceOf(RedisAccessException.class);
            assertThatThrownBy(() -> board.remove(1)).isInstanceOf(RedisAccessException.class);
            assertThatThrownBy(boards::list).isInstanceOf(RedisAccessException.class);
        }
    }
}
