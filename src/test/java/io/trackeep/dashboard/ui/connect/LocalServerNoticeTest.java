package io.trackeep.dashboard.ui.connect;

import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.service.profile.ConnectionProfile;
import io.trackeep.dashboard.service.profile.PasswordChange;
import io.trackeep.dashboard.testing.RedisServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.ConnectException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the window says while the local instance's redis-server is restarted by its supervisor:
 * the supervisor's words, not each failed command's "refused", until Redis answers again.
 */
@ExtendWith(RedisServerExtension.class)
class LocalServerNoticeTest {

    private static final RedisServerProcess.Event EXITED = new RedisServerProcess.Event(RedisServerProcess.Event.Type.EXITED,
            "The local Redis server stopped unexpectedly (killed by signal 9 (SIGKILL)); restarting it…");
    private static final RedisServerProcess.Event RESTARTED = new RedisServerProcess.Event(RedisServerProcess.Event.Type.RESTARTED,
            "The local Redis server was restarted after it stopped (it runs in memory: its data is gone)");

    @TempDir
    Path config;
    private ConnectionFixture f;

    @BeforeEach
    void setUp(RedisServerProcess server) {
        f = new ConnectionFixture(config, server);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void theSupervisorsWordsStandUntilRedisAnswers() {
        f.controller.connect(ConnectionProfile.localInstance());
        assertThat(f.live.state()).isEqualTo(ConnectionState.CONNECTED);

        f.live.reportLocalServer(EXITED);
        assertThat(f.live.state()).isEqualTo(ConnectionState.UNREACHABLE);
        assertThat(f.live.problemProperty().get()).isEqualTo(EXITED.message());

        f.live.reportFailure(f.live.current(), new ConnectException("Connection refused"));
        assertThat(f.live.problemProperty().get()).as("not replaced by a command's failure").isEqualTo(EXITED.message());

        f.live.reportLocalServer(RESTARTED);
        assertThat(f.live.problemProperty().get()).isEqualTo(RESTARTED.message());

        f.heartbeat();
        assertThat(f.live.state()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(f.live.problemProperty().get()).isNull();
        f.live.reportFailure(f.live.current(), new ConnectException("Connection refused"));
        assertThat(f.live.problemProperty().get()).as("the notice is gone once Redis answered").contains("refused")
                .doesNotContain("restarted");
    }

    @Test
    void anotherProfileIsNotTold(RedisServerProcess server) {
        f.controller.connect(f.store.add(f.profile("Elsewhere"), PasswordChange.save(server.password())));
        assertThat(f.live.state()).isEqualTo(ConnectionState.CONNECTED);

        f.live.reportLocalServer(EXITED);

        assertThat(f.live.state()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(f.live.problemProperty().get()).isNull();
    }
}
