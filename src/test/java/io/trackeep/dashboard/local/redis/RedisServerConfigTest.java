package io.trackeep.dashboard.local.redis;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RedisServerConfigTest {

    private static final Path DIR = Path.of("/tmp/trackeep-redis-x");

    @Test
    void theServerListensOnLoopbackOnlyBehindThePasswordInTheForeground() {
        List<String> lines = RedisServerConfig.text("127.0.0.1", 6390, "s3cret", DIR, false, List.of()).lines().toList();

        assertThat(lines).startsWith("port 6390", "bind 127.0.0.1", "protected-mode yes", "requirepass s3cret", "daemonize no",
                "dir \"/tmp/trackeep-redis-x\"", "logfile \"\"");
    }

    @Test
    void withoutADataFolderNothingIsPersisted() {
        List<String> lines = RedisServerConfig.text("127.0.0.1", 6390, "p", DIR, false, List.of()).lines().toList();

        assertThat(lines).contains("save \"\"", "appendonly no").doesNotContain("appendonly yes");
    }

    @Test
    void withADataFolderTheAppendOnlyFileKeepsTheData() {
        List<String> lines = RedisServerConfig.text("127.0.0.1", 6390, "p", DIR, true, List.of()).lines().toList();

        assertThat(lines).contains("appendonly yes", "save 60 1000").doesNotContain("appendonly no");
    }

    @Test
    void theOptionsOwnLinesComeLastSoTheyHaveTheLastWord() {
        List<String> lines = RedisServerConfig.text("127.0.0.1", 6390, "p", DIR, false,
                List.of("maxmemory 64mb", "appendonly yes")).lines().toList();

        assertThat(lines).endsWith("maxmemory 64mb", "appendonly yes");
    }
}
