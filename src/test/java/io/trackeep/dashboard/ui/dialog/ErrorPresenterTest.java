package io.trackeep.dashboard.ui.dialog;

import io.trackeep.dashboard.service.profile.ProfileStoreException;
import io.trackeep.dashboard.service.redis.RedisAccessException;
import io.trackeep.dashboard.service.redis.RedisAccessException.Kind;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorPresenterTest {

    @Test
    void everyRedisKindGetsItsOwnPlainTitleAndHint() {
        assertThat(ErrorPresenter.describe(new RedisAccessException(Kind.UNREACHABLE, "x: Redis is unreachable (refused)")))
                .satisfies(m -> {
                    assertThat(m.title()).isEqualTo("Redis is unreachable");
                    assertThat(m.message()).isEqualTo("x: Redis is unreachable (refused)");
                    assertThat(m.hint()).contains("running");
                });
        assertThat(ErrorPresenter.describe(new RedisAccessException(Kind.AUTH_FAILED, "a")).title()).isEqualTo("Authentication failed");
        assertThat(ErrorPresenter.describe(new RedisAccessException(Kind.TIMEOUT, "a")).title()).isEqualTo("Redis did not answer in time");
        assertThat(ErrorPresenter.describe(new RedisAccessException(Kind.READ_ONLY, "a")).title()).isEqualTo("Read-only connection");
        assertThat(ErrorPresenter.describe(new RedisAccessException(Kind.COMMAND_FAILED, "OOM command not allowed")).hint())
                .contains("out of memory");
        assertThat(ErrorPresenter.describe(new RedisAccessException(Kind.COMMAND_FAILED, "WRONGTYPE Operation")).hint())
                .contains("different type");
    }

    @Test
    void wrappersAreUnwrappedAndOtherFailuresStayReadable() {
        assertThat(ErrorPresenter.describe(new CompletionException(new RedisAccessException(Kind.TIMEOUT, "slow"))).title())
                .isEqualTo("Redis did not answer in time");
        assertThat(ErrorPresenter.describe(new IllegalArgumentException("Database must be a number")))
                .isEqualTo(new UserMessage("Invalid input", "Database must be a number", null));
        assertThat(ErrorPresenter.describe(new ProfileStoreException("Cannot save")).title()).isEqualTo("Profiles could not be saved");
        UserMessage bug = ErrorPresenter.describe(new NullPointerException());
        assertThat(bug.title()).isEqualTo("Something went wrong");
        assertThat(bug.message()).isEqualTo("NullPointerException");
        assertThat(bug.text()).doesNotContain("at io.trackeep");
    }

    @Test
    void credentialsInAUriAreMasked() {
        UserMessage m = ErrorPresenter.describe(new IllegalStateException("cannot reach redis://admin:hunter2@db:6379/0"));
        assertThat(m.message()).isEqualTo("cannot reach redis://****@db:6379/0").doesNotContain("hunter2");
    }
}
