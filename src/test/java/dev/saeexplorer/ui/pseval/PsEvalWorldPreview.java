package dev.saeexplorer.ui.pseval;

import dev.saeexplorer.core.lm.HuggingFaceCache;
import dev.saeexplorer.ui.jobs.FxExecutor;
import dev.saeexplorer.ui.workspace.AppPreferences;
import dev.saeexplorer.ui.workspace.WorkspaceContext;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.prefs.Preferences;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javax.imageio.ImageIO;

/**
 * Shows the PS-Eval browser at 1500×950 with the light theme on a machine with no model: {@code OUT-first.png} as a
 * first start, then {@code OUT-world.png} after a run of the polysemy world with the command's defaults (STEPS training
 * steps, 2000 unless given). For looking at the layout under Xvfb; not a test. Arguments: OUT [STEPS].
 */
public final class PsEvalWorldPreview extends Application {
    /** Launches the preview from the class path (an Application's own main trips the JavaFX launcher check). */
    public static final class Main {
        private Main() {
        }

        public static void main(String[] args) {
            Application.launch(PsEvalWorldPreview.class, args);
        }
    }

    @Override
    public void start(Stage stage) throws IOException {
        Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
        String out = getParameters().getRaw().get(0);
        String steps = getParameters().getRaw().size() > 1 ? getParameters().getRaw().get(1) : "2000";
        FxExecutor executor = new FxExecutor();
        Preferences node = Preferences.userRoot().node("dev/saeexplorer-preview/" + System.nanoTime());
        PsEvalWorkspace ws = new PsEvalWorkspace(new WorkspaceContext(executor,
                (t, m) -> System.err.println(t + ": " + m), false), new AppPreferences(node),
                new HuggingFaceCache(Files.createTempDirectory("pseval-world-preview").resolve("hub")),
                EvaluationJob.EncoderFactory.MODEL);
        stage.setScene(new Scene((Parent) ws.view(), 1500, 950));
        stage.show();
        PsEvalViewModel vm = ws.viewModel();
        vm.worldResultsProperty().addListener((obs, old, now) -> Platform.runLater(() -> {
            snapshot(stage, out + "-world.png");
            System.err.println(now.summary());
            executor.shutdown();
            Platform.exit();
        }));
        Platform.runLater(() -> Platform.runLater(() -> {
            snapshot(stage, out + "-first.png");
            vm.sourceProperty().set(PsEvalSource.WORLD);
            vm.world().steps().textProperty().set(steps);
            vm.run();
        }));
    }

    private static void snapshot(Stage stage, String path) {
        try {
            ImageIO.write(SwingFXUtils.fromFXImage(stage.getScene().snapshot(null), null), "png", new File(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
