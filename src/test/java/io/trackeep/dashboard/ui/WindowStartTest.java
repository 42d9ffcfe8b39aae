package io.trackeep.dashboard.ui;

import io.trackeep.dashboard.service.profile.ConfigFolders;
import io.trackeep.dashboard.service.profile.ConnectionProfile;
import io.trackeep.dashboard.service.profile.DashboardSettings;
import io.trackeep.dashboard.service.profile.PasswordChange;
import io.trackeep.dashboard.service.profile.ProfileStore;
import io.trackeep.dashboard.service.profile.ProfileStoreException;
import io.trackeep.dashboard.ui.connect.LocalInstanceStarter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What begins before JavaFX: the profiles, and the local instance only when the window will open on it. */
class WindowStartTest {

    @TempDir
    Path folder;

    @Test
    void onFirstStartTheLocalInstanceIsPreparedBesideJavaFx() {
        CountingStarter local = new CountingStarter();

        WindowStart start = WindowStart.begin(this::store, local);

        assertThat(start.store().list()).containsExactly(ConnectionProfile.localInstance());
        assertThat(start.local()).isSameAs(local);
        assertThat(local.prepared.get()).isEqualTo(1);
    }

    @Test
    void aLastProfileElsewhereWaitsForTheWindow() {
        ProfileStore store = store();
        store.add(ConnectionProfile.of("Staging", "redis://10.0.0.5:6379"), PasswordChange.forget());
        store.saveSettings(DashboardSettings.defaults().withLastProfile("Staging"));
        CountingStarter local = new CountingStarter();

        WindowStart.begin(this::store, local).store();

        assertThat(local.prepared.get()).isZero();
    }

    @Test
    void profilesThatCannotBeReadAreTheWindowsToSay() {
        ProfileStoreException unreadable = new ProfileStoreException("The profiles file is not JSON");
        WindowStart start = WindowStart.begin(() -> {
            throw unreadable;
        }, new CountingStarter());

        assertThatThrownBy(start::store).isSameAs(unreadable);
    }

    private ProfileStore store() {
        return ProfileStore.open(new ConfigFolders(folder.resolve("config"), folder.resolve("data")));
    }

    /** Counts prepareForWindow() calls instead of starting a redis-server. */
    private static final class CountingStarter extends LocalInstanceStarter {
        final AtomicInteger prepared = new AtomicInteger();

        @Override
        public void prepareForWindow() {
            prepared.incrementAndGet();
        }
    }
}
