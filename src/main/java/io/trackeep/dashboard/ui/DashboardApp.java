package io.trackeep.dashboard.ui;

import io.trackeep.dashboard.service.profile.ProfileStore;
import io.trackeep.dashboard.service.profile.ProfileStoreException;
import io.trackeep.dashboard.ui.connect.LocalInstanceStarter;
import io.trackeep.dashboard.ui.shell.DashboardWindow;
import io.trackeep.dashboard.ui.task.FxUiExecutor;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.image.Image;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;

/**
 * The dashboard window as a JavaFX application. On first start (no profiles yet) it selects the
 * built-in Local instance and starts it; later it reopens the profile used last, connecting at
 * once when that needs no password prompt. Reading the profiles and starting the local instance
 * begin before JavaFX does ({@link WindowStart}). On exit it closes the connection and stops the
 * local instance.
 */
public final class DashboardApp extends Application {

    private static final Logger log = LoggerFactory.getLogger(DashboardApp.class);
    static final String ICON = "icon.png";

    // Begun by launchWindow() before JavaFX starts; JavaFX creates this class itself, so it cannot be handed in.
    private static volatile WindowStart begun;

    private FxUiExecutor executor;
    private LocalInstanceStarter local;
    private DashboardWindow window;

    public static void launchWindow() {
        begun = WindowStart.begin(ProfileStore::open, LocalInstanceStarter.withSimulator());
        Application.launch(DashboardApp.class);
    }

    @Override
    public void start(Stage stage) {
        log.debug("JavaFX started");
        WindowStart start = begun != null ? begun : WindowStart.begin(ProfileStore::open, LocalInstanceStarter.withSimulator());
        begun = null;
        executor = new FxUiExecutor();
        local = start.local();
        ProfileStore store;
        try {
            store = start.store();
        } catch (ProfileStoreException e) {
            Alert alert = new Alert(Alert.AlertType.ERROR, e.getMessage());
            alert.setHeaderText("The dashboard cannot read its profiles");
            alert.showAndWait();
            Platform.exit();
            return;
        }
        window = new DashboardWindow(stage, store, executor, local);
        LocalInstanceStarter started = local;
        window.shell().liveProperty().addListener((obs, was, live) -> started.windowLive()); // its HTTP API and simulator
        stage.getIcons().add(icon());
        window.show(true);
        log.debug("Window shown");
    }

    /**
     * The application icon (the installer's icon, drawn by resources/make-icon.sh) for the title
     * bar and task bar. Decoded in the background: the window's start does not wait for it.
     */
    static Image icon() {
        return new Image(Objects.requireNonNull(DashboardApp.class.getResource(ICON), ICON + " missing").toExternalForm(), true);
    }

    @Override
    public void stop() {
        if (window != null) {
            window.close();
        }
        if (local != null) {
            local.close();
        }
        if (executor != null) {
            executor.close();
        }
    }
}
