package dev.saeexplorer.ui;

import dev.saeexplorer.core.compute.ComputeBackend;
import dev.saeexplorer.core.compute.Device;
import dev.saeexplorer.ui.jobs.FxExecutor;
import dev.saeexplorer.ui.workspace.AppPreferences;
import dev.saeexplorer.ui.workspace.Workspace;
import dev.saeexplorer.ui.workspace.WorkspaceContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.stage.Stage;

/** The desktop application: theme, window, workspaces, and what is remembered between runs. */
public final class SaeExplorerApp extends Application {
    private FxExecutor executor;
    private MainWindow window;

    @Override
    public void start(Stage stage) {
        AppPreferences prefs = AppPreferences.forUser();
        Theme.apply(prefs.darkTheme());
        executor = new FxExecutor();
        WorkspaceContext.ErrorReporter errors = (title, message) -> showError(stage, title, message);
        WorkspaceContext ctx = new WorkspaceContext(executor, errors, false);
        List<Workspace> workspaces = Workspaces.create(ctx);
        String version = version();
        window = new MainWindow(workspaces, executor.runningJobs(), backendDescription(), prefs, errors, stage::setTitle,
                version);
        Scene scene = new Scene(window, 1400, 900);
        stage.setScene(scene);
        stage.setMinWidth(1000);
        stage.setMinHeight(700);
        prefs.windowBounds().ifPresent(b -> {
            stage.setWidth(b.width());
            stage.setHeight(b.height());
            if (Double.isFinite(b.x()) && Double.isFinite(b.y())) {
                stage.setX(b.x());
                stage.setY(b.y());
            }
            stage.setMaximized(b.maximized());
        });
        for (int size : new int[] {16, 32, 64, 256}) {
            var icon = SaeExplorerApp.class.getResourceAsStream("/icon/sae-explorer-" + size + ".png");
            if (icon != null) {
                stage.getIcons().add(new javafx.scene.image.Image(icon));
            }
        }
        stage.setOnCloseRequest(e -> {
            prefs.saveWindowBounds(new AppPreferences.WindowBounds(stage.getX(), stage.getY(), stage.getWidth(),
                    stage.getHeight(), stage.isMaximized()));
            workspaces.forEach(Workspace::shutdown);
            executor.shutdown();
        });
        stage.show();
        prefs.lastSession().map(Path::of).filter(Files::isRegularFile).ifPresent(window::openSession);
    }

    /** The backend line for the status bar; the GUI computes on the CPU unless a CUDA build is running. */
    private static String backendDescription() {
        try {
            ComputeBackend b = ComputeBackend.select(Device.CPU, true);
            return "Compute: " + b.name() + ", " + b.details();
        } catch (RuntimeException e) {
            ComputeBackend b = ComputeBackend.select(Device.CUDA, true);
            return "Compute: " + b.name() + ", " + b.details();
        }
    }

    private static String version() {
        String v = SaeExplorerApp.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }

    static void showError(Stage owner, String title, String message) {
        Alert alert = new Alert(Alert.AlertType.ERROR, "", ButtonType.OK);
        alert.initOwner(owner);
        alert.setTitle(title);
        alert.setHeaderText(title);
        Label text = new Label(message);
        text.setWrapText(true);
        text.setMaxWidth(560);
        alert.getDialogPane().setContent(text);
        alert.show();
    }

    @Override
    public void stop() {
        if (executor != null) {
            executor.shutdown();
        }
    }

}
