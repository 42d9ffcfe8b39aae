package io.trackeep.dashboard.testing;

import io.trackeep.dashboard.service.profile.ThemeMode;
import io.trackeep.dashboard.ui.theme.ThemeManager;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;

/**
 * A dialog's test: an owner window in the light theme, as the dashboard's would be, to open the
 * dialog over. TestFX calls only the test class's own {@code @Start} method, which calls {@link #showOwner}.
 */
public abstract class DialogTestSupport extends FxTestSupport {

    protected Stage stage;
    protected ThemeManager theme;

    protected void showOwner(Stage stage) {
        this.stage = stage;
        theme = new ThemeManager(ThemeMode.LIGHT);
        Scene scene = new Scene(new StackPane(new Label("Owner window")), 1000, 700);
        theme.style(scene);
        stage.setScene(scene);
        stage.show();
    }

    @AfterAll
    static void restore() {
        clearTemporaryConfig();
    }
}
