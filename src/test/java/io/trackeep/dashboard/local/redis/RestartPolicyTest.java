package io.trackeep.dashboard.local.redis;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RestartPolicyTest {

    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    @Test
    void aServerThatRanStablyIsRestartedAtOnce() {
        RestartPolicy policy = new RestartPolicy();
        policy.started(0);

        assertThat(policy.afterExit(RestartPolicy.STABLE_RUN.toNanos())).isZero();
    }

    @Test
    void aServerThatKeepsDyingIsRestartedLessAndLessOftenUpToTheLongestWait() {
        RestartPolicy policy = new RestartPolicy();
        long now = 0;
        List<Duration> delays = new ArrayList<>();
        for (int exit = 0; exit < 9; exit++) {
            policy.started(now);
            now += SECOND; // dies a second after each start
            delays.add(policy.afterExit(now));
        }

        assertThat(delays).extracting(Duration::toSeconds).containsExactly(0L, 1L, 2L, 4L, 8L, 16L, 30L, 30L, 30L);
        assertThat(delays.get(8)).isEqualTo(RestartPolicy.MAX_DELAY);
    }

    @Test
    void aStableRunStartsTheCountAgain() {
        RestartPolicy policy = new RestartPolicy();
        long now = 0;
        for (int exit = 0; exit < 5; exit++) {
            policy.started(now);
            now += SECOND;
            policy.afterExit(now);
        }
        policy.started(now);

        assertThat(policy.afterExit(now + RestartPolicy.STABLE_RUN.toNanos())).isZero();
        policy.started(now + RestartPolicy.STABLE_RUN.toNanos());
        assertThat(policy.afterExit(now + RestartPolicy.STABLE_RUN.toNanos() + SECOND)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aFailedRestartIsNeverRetriedAtOnceAndBacksOffLikeAnExit() {
        RestartPolicy policy = new RestartPolicy();
        policy.started(0);
        assertThat(policy.afterExit(RestartPolicy.STABLE_RUN.toNanos())).isZero();

        assertThat(policy.afterFailedRestart()).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.afterFailedRestart()).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.afterFailedRestart()).isEqualTo(Duration.ofSeconds(4));
        assertThat(new RestartPolicy().afterFailedRestart()).isEqualTo(Duration.ofSeconds(1));
    }
}
