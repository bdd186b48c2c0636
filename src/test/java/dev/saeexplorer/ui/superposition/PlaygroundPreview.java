package dev.saeexplorer.ui.superposition;

import dev.saeexplorer.core.world.WpPreset;
import dev.saeexplorer.ui.workspace.WorkspaceContext;
import dev.saeexplorer.ui.jobs.FxExecutor;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * Shows the playground alone in a 1400×900 window with the PrimerLight theme, to look at it (e.g. under Xvfb for a
 * screenshot). The plain {@code main} lives in {@link Launch} because a JavaFX application class launched directly
 * from the class path needs the JavaFX modules on the module path.
 */
public final class PlaygroundPreview extends Application {
    @Override
    public void start(Stage stage) {
        Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
        FxExecutor executor = new FxExecutor();
        PlaygroundWorkspace ws = new PlaygroundWorkspace(new WorkspaceContext(executor,
                (title, message) -> System.err.println(title + ": " + message), false));
        String preset = System.getProperty("preview.preset");
        if (preset != null) {
            ws.viewModel().setPreset("trained-toy".equals(preset) ? Preset.TRAINED_TOY : Preset.of(WpPreset.byId(preset)), System.getProperty("preview.n", "6"),
                    System.getProperty("preview.np", "3"), "0.9");
        }
        stage.setTitle("SAE Explorer: superposition playground (preview)");
        stage.setScene(new Scene((javafx.scene.Parent) ws.view(), 1400, 900));
        stage.setOnCloseRequest(e -> ws.shutdown());
        stage.show();
    }

    /** The entry point: {@code java -cp <test classpath> dev.saeexplorer.ui.superposition.PlaygroundPreview$Launch}. */
    public static final class Launch {
        public static void main(String[] args) {
            Application.launch(PlaygroundPreview.class, args);
        }
    }
}
