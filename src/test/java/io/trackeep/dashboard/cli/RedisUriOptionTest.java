package io.trackeep.dashboard.cli;

import io.trackeep.dashboard.local.redis.RedisServerProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --redis} with a password as generators make them (base64: {@code / + =}), written into
 * the URI raw, as redis-cli accepts it; and errors about a URI that never show its password.
 */
class RedisUriOptionTest {

    private static final String PASSWORD = "pa/ss+w0rd=";
    private static RedisServerProcess server;

    @BeforeAll
    static void start() {
        server = RedisServerProcess.start(new RedisServerProcess.Options(null, 0, PASSWORD, null, null));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aRawBase64PasswordInTheUriLogsIn() {
        CliRun run = CliRun.of("snapshot", "--json", "--redis", "redis://:" + PASSWORD + "@127.0.0.1:" + server.port());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("\"server\"");
        assertThat(run.out() + run.err()).doesNotContain(PASSWORD);
    }

    @Test
    void aUriWithoutHostIsRefusedWithoutItsPassword() {
        CliRun run = CliRun.of("snapshot", "--redis", "redis://:" + PASSWORD + "@");
        assertThat(run.exit()).isNotZero();
        assertThat(run.err()).contains("Redis URI has no host: redis://****@").doesNotContain("pa/ss").doesNotContain("w0rd");
    }

    @Test
    void aWrongPasswordWithAPlusIsSaidWithoutThePassword() {
        CliRun run = CliRun.of("snapshot", "--redis", "redis://:not+" + PASSWORD + "@127.0.0.1:" + server.port());
        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err()).doesNotContain(PASSWORD).doesNotContain("not+");
    }
}
