package io.trackeep.dashboard.ui.connect;

import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.service.profile.ConnectionProfile;
import io.trackeep.dashboard.service.profile.PasswordChange;
import io.trackeep.dashboard.service.profile.SavedPassword;
import io.trackeep.dashboard.service.redis.RedisAccessException;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.testing.RedisServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(RedisServerExtension.class)
class ConnectionControllerTest {

    @TempDir
    Path temp;
    private ConnectionFixture f;
    private RedisServerProcess server;

    @BeforeEach
    void setUp(RedisServerProcess server) {
        this.server = server;
        f = new ConnectionFixture(temp.resolve("config"), server);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void localInstanceConnectsWithoutAPromptAndIsRemembered() {
        f.controller.connect(ConnectionProfile.localInstance());

        assertThat(f.live.state()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(f.live.current().sync().ping()).isEqualTo("PONG");
        assertThat(f.live.connectionsProperty().get()).isSameAs(f.live.current());
        assertThat(f.prompts).isEmpty();
        assertThat(f.store.settings().lastProfile()).isEqualTo("Local instance");
    }

    @Test
    void savedPasswordIsUsedWithoutAsking() {
        f.store.add(f.profile("Test"), PasswordChange.save(server.password()));
        f.controller.connect(f.store.find("Test").orElseThrow());
        assertThat(f.live.state()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(f.prompts).isEmpty();
    }

    @Test
    void missingPasswordIsAskedAndSavedWhenTheUserSaysSo() {
        f.store.add(f.profile("Test"), PasswordChange.keep());
        f.answer = Optional.of(new PasswordEntry(server.password(), true));
        f.controller.connect(f.store.find("Test").orElseThrow());

        assertThat(f.prompts).containsExactly("Test: null");
        assertThat(f.live.state()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(f.store.password("Test").value()).contains(server.password());
    }

    @Test
    void cancelledPromptLeavesTheWindowDisconnectedWithTheProfileSelected() {
        f.store.add(f.profile("Test"), PasswordChange.keep());
        f.controller.connect(f.store.find("Test").orElseThrow());
        assertThat(f.live.state()).isEqualTo(ConnectionState.DISCONNECTED);
        assertThat(f.live.profileProperty().get().name()).isEqualTo("Test");
        assertThat(f.live.current()).isNull();
    }

    @Test
    void aCancelledPromptKeepsTheConnectionTheWindowWasOnAndConnectSwitches() {
        f.controller.connect(ConnectionProfile.localInstance());
        RedisConnections first = f.live.current();
        f.store.add(f.profile("Test"), PasswordChange.keep());

        f.controller.connect(f.store.find("Test").orElseThrow());
        assertThat(f.promptsStayOn).as("the prompt says where the window stays").containsExactly(ConnectionProfile.LOCAL_INSTANCE_NAME);
        assertThat(f.live.state()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(f.live.profileProperty().get().isLocalInstance()).isTrue();
        assertThat(f.live.current()).as("never closed").isSameAs(first);

        f.answer = Optional.of(new PasswordEntry(server.password(), false));
        f.controller.connect(f.store.find("Test").orElseThrow());
        assertThat(f.live.state()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(f.live.profileProperty().get().name()).isEqualTo("Test");
    }

    @Test
    void unreadableSavedPasswordIsAskedForWithTheReason() throws Exception {
        f.store.add(f.profile("Test"), PasswordChange.save(server.password()));
        Files.delete(f.store.keyFile());
        f.answer = Optional.of(new PasswordEntry(server.password(), false));
        f.controller.connect(f.store.find("Test").orElseThrow());

        assertThat(f.prompts).singleElement().asString().contains("key file").contains("missing");
        assertThat(f.live.state()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(f.store.password("Test").status()).isEqualTo(SavedPassword.Status.UNREADABLE);
    }

    @Test
    void wrongPasswordFailsPlainlyAndIsNotRetried() {
        f.store.add(f.profile("Test"), PasswordChange.save("wrong-password"));
        f.controller.connect(f.store.find("Test").orElseThrow());

        assertThat(f.live.state()).isEqualTo(ConnectionState.FAILED);
        assertThat(f.live.problemProperty().get()).contains("authentication failed").doesNotContain("wrong-password");
        assertThat(f.live.nextRetryProperty().get()).isNull();
        assertThat(f.ui.pendingCount()).isZero();
    }

    @Test
    void unreachableRedisIsRetriedUntilItAnswers(RedisConnections shared) {
        f.store.add(f.profile("Test"), PasswordChange.save(server.password()));
        server.stop();
        try {
            f.controller.connect(f.store.find("Test").orElseThrow());
            assertThat(f.live.state()).isEqualTo(ConnectionState.FAILED);
            assertThat(f.live.problemProperty().get()).contains("unreachable");
            assertThat(f.live.nextRetryProperty().get()).isNotNull();
            assertThat(f.ui.pendingCount()).isEqualTo(1);

            f.ui.advance(ConnectionController.RETRY_DELAY);
            assertThat(f.live.state()).isEqualTo(ConnectionState.FAILED);
            assertThat(f.ui.pendingCount()).isEqualTo(1);

            server.restart();
            f.ui.advance(ConnectionController.RETRY_DELAY);
            assertThat(f.live.state()).isEqualTo(ConnectionState.CONNECTED);
            assertThat(f.ui.pendingCount()).isZero();
        } finally {
            ConnectionFixture.restartAndAwait(server, shared);
        }
    }

    @Test
    void disconnectStopsRetrying() {
        f.store.add(ConnectionProfile.of("Nowhere", "redis://127.0.0.1:1"), PasswordChange.keep());
        f.answer = Optional.of(new PasswordEntry(null, false));
        f.controller.connect(f.store.find("Nowhere").orElseThrow());
        assertThat(f.live.state()).isEqualTo(ConnectionState.FAILED);

        f.controller.disconnect();
        assertThat(f.live.state()).isEqualTo(ConnectionState.DISCONNECTED);
        assertThat(f.ui.pendingCount()).isZero();
        f.ui.advance(Duration.ofMinutes(1));
        assertThat(f.live.state()).isEqualTo(ConnectionState.DISCONNECTED);
    }

    @Test
    void heartbeatNoticesAStoppedRedisAndItsReturn(RedisConnections shared) throws Exception {
        f.controller.connect(ConnectionProfile.localInstance());
        f.controller.heartbeat();
        assertThat(f.live.roundTripProperty().get()).isNotNull();
        assertThat(f.live.lastContactProperty().get()).isNotNull();

        server.stop();
        try {
            f.controller.heartbeat();
            assertThat(f.live.state()).isEqualTo(ConnectionState.UNREACHABLE);
            assertThat(f.live.staleProperty().get()).isTrue();
            assertThat(f.live.connectedProperty().get()).isTrue();
            assertThat(f.live.problemProperty().get()).startsWith("redis://127.0.0.1:" + server.port()).contains("unreachable");

            server.restart();
            f.heartbeatUntil(ConnectionState.CONNECTED, Duration.ofSeconds(60));
            assertThat(f.live.problemProperty().get()).isNull();
            assertThat(f.live.staleProperty().get()).isFalse();
        } finally {
            ConnectionFixture.restartAndAwait(server, shared);
        }
    }

    @Test
    void onlyNoAnswerFailuresOfTheCurrentConnectionChangeTheState() {
        f.controller.connect(ConnectionProfile.localInstance());
        RedisConnections current = f.live.current();
        f.live.reportFailure(current, new RedisAccessException(RedisAccessException.Kind.COMMAND_FAILED, "WRONGTYPE"));
        f.live.reportFailure(current, new RedisAccessException(RedisAccessException.Kind.READ_ONLY, "refused"));
        assertThat(f.live.state()).isEqualTo(ConnectionState.CONNECTED);

        f.controller.disconnect();
        f.live.reportFailure(current, new RedisAccessException(RedisAccessException.Kind.UNREACHABLE, "gone"));
        assertThat(f.live.state()).isEqualTo(ConnectionState.DISCONNECTED);
        assertThat(current.isOpen()).isFalse();
    }

    @Test
    void connectQuietlyOnlyConnectsWhenNoQuestionIsNeeded() {
        f.store.add(f.profile("Asks"), PasswordChange.keep());
        f.controller.connectQuietly(f.store.find("Asks").orElseThrow());
        assertThat(f.prompts).isEmpty();
        assertThat(f.live.state()).isEqualTo(ConnectionState.DISCONNECTED);
        assertThat(f.live.profileProperty().get().name()).isEqualTo("Asks");

        f.controller.connectQuietly(ConnectionProfile.localInstance());
        assertThat(f.live.state()).isEqualTo(ConnectionState.CONNECTED);
    }
}
