package io.trackeep.dashboard.ui;

import io.trackeep.dashboard.service.json.Json;
import io.trackeep.dashboard.service.profile.ConnectionProfile;
import io.trackeep.dashboard.service.profile.ProfileStore;
import io.trackeep.dashboard.ui.connect.LocalInstanceStarter;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * What the window needs before it can show anything, begun before JavaFX starts: its profiles
 * and, when it is going to open on the local instance, that instance's redis-server and the
 * first connection ({@link LocalInstanceStarter#prepareForWindow()}). JavaFX's own start (toolkit, native
 * libraries, the theme's stylesheet) takes about a second of a small machine; this runs beside
 * it instead of after it.
 */
final class WindowStart {

    private final LocalInstanceStarter local;
    private final CompletableFuture<ProfileStore> store = new CompletableFuture<>();

    private WindowStart(LocalInstanceStarter local) {
        this.local = local;
    }

    /** Reads the profiles on a background thread now and prepares {@code local} if the window will open on it. */
    static WindowStart begin(Supplier<ProfileStore> profiles, LocalInstanceStarter local) {
        WindowStart start = new WindowStart(local);
        Thread t = new Thread(() -> {
            try {
                ProfileStore s = profiles.get();
                if (s.find(s.settings().lastProfile()).orElse(ConnectionProfile.localInstance()).isLocalInstance()) {
                    local.useTopology(s.settings().localInstanceTopology()); // as chosen in the profile editor
                    local.prepareForWindow(); // a profile that may need a password waits for the window instead
                }
                start.store.complete(s);
                // Once connected, the window saves the profile it is on, on the FX thread, between the
                // connection and the first figures; on a first start (no profiles file read yet) that
                // would be where the JSON mapping loads its 600 classes.
                Json.mapper();
            } catch (RuntimeException e) {
                start.store.completeExceptionally(e);
            }
        }, "window-start");
        t.setDaemon(true);
        t.start();
        return start;
    }

    LocalInstanceStarter local() { return local; }

    /** The profiles, once read; throws what reading them threw ({@code ProfileStoreException}). */
    ProfileStore store() {
        try {
            return store.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }
}
