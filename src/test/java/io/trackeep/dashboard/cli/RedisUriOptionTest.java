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
        assertThat(run.exit()).as("a usage error").isEqualTo(2);
        assertThat(run.err()).contains("Redis URI has no host: redis://****@").doesNotContain("pa/ss").doesNotContain("w0rd");
    }

    @Test
    void aUriThatIsNoRedisUriIsAUsageErrorOfEveryCommand() {
        for (String bad : new String[]{"http://:" + PASSWORD + "@127.0.0.1:6379", "redis://127.0.0.1:99999"}) {
            for (String[] command : new String[][]{{"sessions", "list"}, {"cache", "invalidate", "--all", "--yes"}, {"clients", "list"}}) {
                String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(command), java.util.stream.Stream.of("--redis", bad))
                        .toArray(String[]::new);
                CliRun run = CliRun.of(args);
                assertThat(run.exit()).as(String.join(" ", args) + ": " + run.err()).isEqualTo(2);
                assertThat(run.err()).contains("Redis URI").contains("Usage:").doesNotContain(PASSWORD).doesNotContain("w0rd");
            }
        }
        CliRun check = CliRun.of("snapshot", "--check", "--redis", "redis://127.0.0.1:99999");
        assertThat(check.exit()).as("a monitoring plugin's usage error is UNKNOWN").isEqualTo(3);
    }

    @Test
    void aWrongPasswordWithAPlusIsSaidWithoutThePassword() {
        CliRun run = CliRun.of("snapshot", "--redis", "redis://:not+" + PASSWORD + "@127.0.0.1:" + server.port());
        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err()).doesNotContain(PASSWORD).doesNotContain("not+");
    }
}
