package io.trackeep.dashboard.ui.shell;

import io.trackeep.dashboard.local.redis.RedisServerProcess;
import io.trackeep.dashboard.service.profile.ConnectionProfile;
import io.trackeep.dashboard.service.profile.PasswordChange;
import io.trackeep.dashboard.service.profile.ThemeMode;
import io.trackeep.dashboard.service.redis.RedisConnections;
import io.trackeep.dashboard.testing.RedisServerExtension;
import io.trackeep.dashboard.ui.connect.ConnectionFixture;
import io.trackeep.dashboard.ui.connect.ConnectionState;
import io.trackeep.dashboard.ui.connect.PasswordEntry;
import io.trackeep.dashboard.ui.format.Times;
import io.trackeep.dashboard.ui.panel.ShellState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(RedisServerExtension.class)
class ShellViewModelTest {

    @TempDir
    Path temp;
    private ConnectionFixture f;
    private ShellState shell;
    private ShellViewModel vm;

    private void open(RedisServerProcess server) {
        f = new ConnectionFixture(temp.resolve("config"), server);
        shell = new ShellState();
        vm = new ShellViewModel(f.store, f.controller, f.ui, shell);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void firstStartSelectsTheLocalInstanceAndConnects(RedisServerProcess server) {
        open(server);
        vm.start(true);

        assertThat(vm.selectedProfileProperty().get()).isEqualTo(ConnectionProfile.localInstance());
        assertThat(vm.profiles()).containsExactly(ConnectionProfile.localInstance());
        assertThat(f.live.state()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(vm.connectLabelProperty().get()).isEqualTo("Disconnect");
        assertThat(vm.stateTextProperty().get()).isEqualTo("Connected");
        f.heartbeat();
        assertThat(vm.stateTextProperty().get()).matches("Connected · [0-9.]+ ms");
        assertThat(vm.targetProperty().get()).isEqualTo("Local instance · redis://127.0.0.1:" + server.port() + " prefix=tk");
        assertThat(vm.banners()).isEmpty();
        assertThat(Files.exists(f.store.file())).as("only the last profile is written").isTrue();
    }

    @Test
    void lastProfileIsReopenedButNotConnectedWhenItWouldNeedAPrompt(RedisServerProcess server) {
        open(server);
        f.store.add(f.profile("Staging"), PasswordChange.keep());
        f.store.saveSettings(f.store.settings().withLastProfile("Staging"));
        vm.start(true);

        assertThat(vm.selectedProfileProperty().get().name()).isEqualTo("Staging");
        assertThat(f.prompts).isEmpty();
        assertThat(f.live.state()).isEqualTo(ConnectionState.DISCONNECTED);
        assertThat(vm.connectLabelProperty().get()).isEqualTo("Connect");
        assertThat(vm.targetProperty().get()).isEqualTo("Staging · redis://127.0.0.1:" + server.port() + " prefix=tk");
    }

    @Test
    void choosingAProfileConnectsToItAndTheButtonDisconnects(RedisServerProcess server) {
        open(server);
        f.store.add(f.profile("Staging"), PasswordChange.save(server.password()));
        vm.start(false);
        assertThat(f.live.state()).isEqualTo(ConnectionState.DISCONNECTED);

        vm.selectedProfileProperty().set(f.store.find("Staging").orElseThrow());
        assertThat(f.live.state()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(f.live.profileProperty().get().name()).isEqualTo("Staging");

        vm.connectOrDisconnect();
        assertThat(f.live.state()).isEqualTo(ConnectionState.DISCONNECTED);
        vm.connectOrDisconnect();
        assertThat(f.live.state()).isEqualTo(ConnectionState.CONNECTED);

        vm.reloadProfiles(null); // the editor closed: same selection, no reconnect
        assertThat(f.live.state()).isEqualTo(ConnectionState.CONNECTED);
    }

    @Test
    void afterEditingProfilesTheSelectorStillShowsTheServerTheWindowIsOnAndChoosingAnotherConnects(RedisServerProcess server) {
        open(server);
        vm.start(true); // connected to the Local instance
        f.store.add(f.profile("My Redis"), PasswordChange.save(server.password()));

        vm.reloadProfiles("My Redis"); // the editor closed with "My Redis" shown last
        assertThat(vm.selectedProfileProperty().get().name()).as("the connection is still the local instance")
                .isEqualTo(ConnectionProfile.LOCAL_INSTANCE_NAME);
        assertThat(f.live.profileProperty().get().isLocalInstance()).isTrue();

        vm.selectedProfileProperty().set(vm.profiles().stream().filter(p -> p.name().equals("My Redis")).findFirst().orElseThrow());
        assertThat(f.live.state()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(f.live.profileProperty().get().name()).as("choosing it connects to it").isEqualTo("My Redis");
    }

    @Test
    void whileAPasswordIsAskedTheSelectorShowsTheServerTheWindowIsOnAndACancelLeavesItThere(RedisServerProcess server) {
        open(server);
        f.store.add(f.profile("Staging"), PasswordChange.keep());
        vm.start(true); // connected to the Local instance
        List<String> whilePrompted = new ArrayList<>();
        f.whilePrompted = () -> whilePrompted.add(vm.selectedProfileProperty().get().name() + " · " + vm.stateTextProperty().get()
                + " · " + vm.targetProperty().get());

        vm.selectedProfileProperty().set(f.store.find("Staging").orElseThrow()); // the admin picks it; the prompt is cancelled
        assertThat(whilePrompted).singleElement().asString()
                .startsWith(ConnectionProfile.LOCAL_INSTANCE_NAME + " · Connected · " + ConnectionProfile.LOCAL_INSTANCE_NAME + " · redis://");
        assertThat(vm.selectedProfileProperty().get().name()).isEqualTo(ConnectionProfile.LOCAL_INSTANCE_NAME);
        assertThat(f.live.state()).isEqualTo(ConnectionState.CONNECTED);

        f.answer = Optional.of(new PasswordEntry(server.password(), false));
        vm.selectedProfileProperty().set(f.store.find("Staging").orElseThrow());
        assertThat(vm.selectedProfileProperty().get().name()).isEqualTo("Staging");
        assertThat(f.live.profileProperty().get().name()).isEqualTo("Staging");
        assertThat(f.live.state()).isEqualTo(ConnectionState.CONNECTED);
    }

    @Test
    void onNoServerTheTopBarNamesTheProfileWhosePasswordIsAsked(RedisServerProcess server) {
        open(server);
        f.store.add(f.profile("Staging"), PasswordChange.keep());
        vm.start(false); // on the Local instance, not connected
        List<String> whilePrompted = new ArrayList<>();
        f.whilePrompted = () -> whilePrompted.add(vm.selectedProfileProperty().get().name() + " · " + vm.stateTextProperty().get()
                + " · " + vm.targetProperty().get());

        vm.selectedProfileProperty().set(f.store.find("Staging").orElseThrow());
        assertThat(whilePrompted).containsExactly("Staging · Not connected · Staging · redis://127.0.0.1:" + server.port() + " prefix=tk");
        assertThat(f.promptsStayOn).containsExactly((String) null);
        assertThat(vm.selectedProfileProperty().get().name()).as("kept after the cancel, to connect with").isEqualTo("Staging");
        assertThat(f.live.state()).isEqualTo(ConnectionState.DISCONNECTED);
    }

    @Test
    void theSelectorFollowsTheConnectionWhenItChangesFromElsewhere(RedisServerProcess server) {
        open(server);
        f.store.add(f.profile("Staging"), PasswordChange.save(server.password()));
        vm.start(true);
        f.controller.connect(f.store.find("Staging").orElseThrow()); // e.g. a retry or a reconnect after an edit
        assertThat(vm.selectedProfileProperty().get().name()).isEqualTo("Staging");
        assertThat(f.live.profileProperty().get().name()).isEqualTo("Staging");
    }

    @Test
    void unreachableRedisShowsSinceWhenTheDataIsAndThatItRetries(RedisServerProcess server, RedisConnections shared) throws Exception {
        open(server);
        vm.start(true);
        f.heartbeat();
        server.stop();
        try {
            f.heartbeat();
            assertThat(vm.banners()).hasSize(1);
            Banner b = vm.banners().get(0);
            assertThat(b.severity()).isEqualTo(Banner.Severity.DANGER);
            assertThat(b.title()).isEqualTo("Redis unreachable — showing data from "
                    + Times.time(f.live.lastContactProperty().get()) + ", retrying…");
            assertThat(b.detail()).contains("unreachable");
            assertThat(vm.stateTextProperty().get()).isEqualTo("Unreachable");
            assertThat(vm.connectLabelProperty().get()).isEqualTo("Disconnect");

            server.restart();
            f.heartbeatUntil(ConnectionState.CONNECTED, Duration.ofSeconds(60));
            assertThat(vm.banners()).isEmpty();
        } finally {
            ConnectionFixture.restartAndAwait(server, shared);
        }
    }

    @Test
    void failedConnectOffersRetryAndTheButtonStopsRetrying(RedisServerProcess server) {
        open(server);
        f.store.add(ConnectionProfile.of("Nowhere", "redis://127.0.0.1:1"), PasswordChange.save("x"));
        vm.start(false);
        vm.selectedProfileProperty().set(f.store.find("Nowhere").orElseThrow());

        Banner b = vm.banners().get(0);
        assertThat(b.title()).isEqualTo("Cannot connect to Nowhere — retrying every 5 s…");
        assertThat(b.actionLabel()).isEqualTo("Retry now");
        assertThat(vm.connectLabelProperty().get()).isEqualTo("Cancel");

        vm.connectOrDisconnect();
        assertThat(f.live.state()).isEqualTo(ConnectionState.DISCONNECTED);
        assertThat(vm.banners()).isEmpty();
        assertThat(f.ui.pendingCount()).isZero();
    }

    @Test
    void pauseShowsABannerAndThemeAndIntervalAreSavedAtOnce(RedisServerProcess server) {
        open(server);
        vm.start(false);
        vm.togglePause();
        assertThat(shell.pausedProperty().get()).isTrue();
        assertThat(vm.banners()).singleElement().satisfies(b -> {
            assertThat(b.severity()).isEqualTo(Banner.Severity.INFO);
            assertThat(b.actionLabel()).isEqualTo("Resume");
            b.action().run();
        });
        assertThat(shell.pausedProperty().get()).isFalse();
        assertThat(vm.banners()).isEmpty();

        vm.toggleTheme();
        shell.refreshIntervalProperty().set(Duration.ofSeconds(5));
        assertThat(f.store.settings().theme()).isEqualTo(ThemeMode.DARK);
        assertThat(f.store.settings().refreshInterval()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void unreadableProfilesFileIsReportedInADismissibleBanner(RedisServerProcess server) throws Exception {
        Files.createDirectories(temp.resolve("config"));
        Files.writeString(temp.resolve("config").resolve("profiles.json"), "][");
        open(server);
        vm.start(false);

        Banner b = vm.banners().get(0);
        assertThat(b.severity()).isEqualTo(Banner.Severity.WARNING);
        assertThat(b.detail()).contains("could not be read").contains(".corrupt-");
        assertThat(b.dismissible()).isTrue();
        vm.dismiss(b);
        assertThat(vm.banners()).isEmpty();
    }
}
