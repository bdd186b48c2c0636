package dev.saeexplorer.ui.training;

import dev.saeexplorer.ui.workspace.WorkspaceContext;
import dev.saeexplorer.ui.jobs.FxExecutor;
import java.io.File;
import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.util.Duration;
import javax.imageio.ImageIO;

/**
 * Shows the training lab alone in a 1400×900 window with the AtlantaFX light theme, runs the default training and,
 * when it has finished, writes a snapshot of the window to the path given as the first argument (then exits). For
 * looking at the layout under Xvfb; not a test. Launched through {@link Main} so the JavaFX launcher check passes on the
 * class path.
 */
public final class TrainingLabPreview extends Application {
    @Override
    public void start(Stage stage) {
        Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
        FxExecutor executor = new FxExecutor();
        TrainingLabWorkspace ws = new TrainingLabWorkspace(new WorkspaceContext(executor,
                (title, message) -> System.err.println(title + ": " + message), false));
        stage.setScene(new Scene((javafx.scene.Parent) ws.view(), 1400, 900));
        stage.setTitle("SAE Explorer: Training lab (preview)");
        stage.show();
        String out = getParameters().getRaw().isEmpty() ? null : getParameters().getRaw().get(0);
        ws.viewModel().stateProperty().addListener((obs, old, now) -> {
            if (now == RunState.FINISHED && out != null) {
                snapshotTabs(stage, out, 0, executor);
            }
        });
        ws.viewModel().start();
    }

    /**
     * Writes {@code out} with the first result tab showing, then {@code out-1.png}, … for the other tabs, each after
     * a pause for the charts to redraw; exits after the last.
     */
    private static void snapshotTabs(Stage stage, String out, int tab, FxExecutor executor) {
        javafx.scene.control.TabPane tabs = (javafx.scene.control.TabPane) stage.getScene().getRoot()
                .lookup(".tab-pane");
        tabs.getSelectionModel().select(tab);
        PauseTransition settle = new PauseTransition(Duration.seconds(1.2));
        settle.setOnFinished(e -> {
            String path = tab == 0 ? out : out.replace(".png", "-" + tab + ".png");
            try {
                ImageIO.write(SwingFXUtils.fromFXImage(stage.getScene().snapshot(null), null), "png", new File(path));
            } catch (java.io.IOException ex) {
                throw new java.io.UncheckedIOException(ex);
            }
            System.err.println("snapshot written to " + path);
            if (tab + 1 < tabs.getTabs().size()) {
                snapshotTabs(stage, out, tab + 1, executor);
            } else {
                executor.shutdown();
                Platform.exit();
            }
        });
        settle.play();
    }

    /** Plain main: launches the preview (argument: the snapshot path, optional). */
    public static final class Main {
        private Main() {
        }

        public static void main(String[] args) {
            Application.launch(TrainingLabPreview.class, args);
        }
    }
}
