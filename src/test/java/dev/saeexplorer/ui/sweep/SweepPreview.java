package dev.saeexplorer.ui.sweep;

import atlantafx.base.theme.PrimerLight;
import dev.saeexplorer.ui.workspace.WorkspaceContext;
import dev.saeexplorer.ui.jobs.FxExecutor;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;

/**
 * A manual preview of the sweep workspace alone: 1400 × 900, AtlantaFX Primer Light, the default sweep started at
 * once. With {@code -Dpreview.snapshot=FILE.png} it writes the scene to that file when the sweep has finished and
 * exits. Launched through {@link SweepPreviewMain}.
 */
public final class SweepPreview extends Application {
    private FxExecutor executor;
    private SweepWorkspace workspace;
    private Scene scene;
    private String snapshot;

    @Override
    public void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        executor = new FxExecutor();
        workspace = new SweepWorkspace(new WorkspaceContext(executor,
                (title, message) -> System.err.println(title + ": " + message), false));
        scene = new Scene((javafx.scene.Parent) workspace.view(), 1400, 900);
        stage.setTitle("SAE Explorer: sparsity sweep preview");
        stage.setScene(scene);
        stage.show();
        snapshot = System.getProperty("preview.snapshot");
        if (snapshot != null) {
            workspace.model().stateProperty().addListener((obs, was, now) -> {
                if (now == SweepState.DONE || now == SweepState.FAILED || now == SweepState.CANCELLED) {
                    snapshotSoon();
                }
            });
        }
        SweepViewModel vm = workspace.model();
        // Optional overrides for screenshots of other states: -Dpreview.source=trained-toy, -Dpreview.grid=0.5,0.9 ...
        String source = System.getProperty("preview.source");
        if (source != null) {
            vm.form().sourceProperty().set(WpSource.byId(source));
        }
        if (System.getProperty("preview.grid") != null) {
            vm.form().gridProperty().set(System.getProperty("preview.grid"));
        }
        if (System.getProperty("preview.seeds") != null) {
            vm.form().seedsProperty().set(System.getProperty("preview.seeds"));
        }
        if (!vm.run() && snapshot != null) {
            snapshotSoon(); // the settings are wrong: show the messages
        }
    }

    /** Lets the charts draw, then writes the scene and quits. */
    private void snapshotSoon() {
        new Thread(() -> {
            sleep(1500);
            Platform.runLater(() -> {
                write(scene, new File(snapshot));
                if (!Boolean.getBoolean("preview.stay")) {
                    Platform.exit();
                }
            });
        }).start();
    }

    @Override
    public void stop() {
        workspace.shutdown();
        executor.shutdown();
    }

    private static void write(Scene scene, File file) {
        WritableImage image = scene.snapshot(null);
        try {
            ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
