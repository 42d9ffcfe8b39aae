package io.trackeep.dashboard.ui;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

/** The dashboard window. */
public final class DashboardApp extends Application {

    public static void launchWindow() {
        Application.launch(DashboardApp.class);
    }

    @Override
    public void start(Stage stage) {
        stage.setTitle("Trackeep Redis Dashboard");
        stage.setScene(new Scene(new Label("Trackeep Redis Dashboard"), 1280, 800));
        stage.show();
    }
}
