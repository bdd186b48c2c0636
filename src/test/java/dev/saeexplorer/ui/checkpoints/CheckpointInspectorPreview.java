package dev.saeexplorer.ui.checkpoints;

import dev.saeexplorer.ui.workspace.AppPreferences;
import dev.saeexplorer.ui.workspace.WorkspaceContext;
import dev.saeexplorer.ui.jobs.FxExecutor;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.prefs.Preferences;
import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.util.Duration;
import javax.imageio.ImageIO;

/**
 * Shows the checkpoint inspector alone at the size it has in the main window, runs the given steps and writes a
 * snapshot to the first argument (then exits). Steps: {@code compare}, {@code open:PATH}, {@code model:FOLDER},
 * {@code select:N}, {@code query:TEXT}, {@code read:TEXT} (the prompt view), {@code splice}, {@code dashboards}, {@code tab:N}, {@code wait:SECONDS} (before the next step),
 * {@code shot:PNG} (a snapshot now), {@code mark} (measure the longest FX pulse gap from here). For looking at the layout under Xvfb; not
 * a test. Launched through {@link Main} so the JavaFX launcher check passes on the class path.
 */
public final class CheckpointInspectorPreview extends Application {
    private FxExecutor executor;
    private final long[] last = {System.nanoTime()};
    private final long[] longest = {0};

    private volatile String current = "start";

    @Override
    public void start(Stage stage) {
        Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
        executor = new FxExecutor();
        CheckpointInspectorWorkspace ws = new CheckpointInspectorWorkspace(new WorkspaceContext(executor,
                (title, message) -> System.err.println("DIALOG " + title + ": " + message), false),
                new AppPreferences(Preferences.userRoot().node("dev/saeexplorer-preview")), List::of);
        stage.setScene(new Scene((javafx.scene.Parent) ws.view(), 1364, 880));
        stage.setTitle("SAE Explorer: Checkpoints (preview)");
        stage.show();
        // Reports the longest gap between two FX pulses at exit: a stalled FX thread shows as a long gap.
        javafx.animation.AnimationTimer pulse = new javafx.animation.AnimationTimer() {
            @Override
            public void handle(long now) {
                long t = System.nanoTime();
                if (last[0] != 0 && t - last[0] > 300_000_000L) {
                    System.err.printf("FX pulse gap of %.0f ms ending at step %s%n", (t - last[0]) / 1e6, current);
                }
                longest[0] = Math.max(longest[0], t - last[0]);
                last[0] = t;
            }
        };
        pulse.start();
        stage.setOnHidden(e -> System.err.printf("longest FX pulse gap: %.0f ms%n", longest[0] / 1e6));
        List<String> args = getParameters().getRaw();
        step(stage, ws, args.get(0), args.subList(1, args.size()), 0);
    }

    private void step(Stage stage, CheckpointInspectorWorkspace ws, String out, List<String> steps, int i) {
        double pause = 1.5;
        if (i < steps.size()) {
            String s = steps.get(i);
            current = i + " (" + s + ")";
            String arg = s.contains(":") ? s.substring(s.indexOf(':') + 1) : "";
            CheckpointInspectorViewModel vm = ws.viewModel();
            switch (s.contains(":") ? s.substring(0, s.indexOf(':')) : s) {
                case "compare" -> vm.compareWith(new CheckpointSource.Bundled(BundledSample.TOY_WSAE));
                case "open" -> vm.open(Path.of(arg));
                case "model" -> vm.loadModel(Path.of(arg));
                case "select" -> vm.select(Integer.parseInt(arg));
                case "read" -> {
                    vm.probe().promptTextProperty().set(arg);
                    vm.probe().read();
                }
                case "splice" -> vm.probe().measure();
                case "dashboards" -> vm.probe().buildDashboards();
                case "query" -> vm.features().queryProperty().set(arg);
                case "tab" -> ((javafx.scene.control.TabPane) stage.getScene().getRoot().lookup(".tab-pane"))
                        .getSelectionModel().select(Integer.parseInt(arg));
                case "wait" -> pause = Double.parseDouble(arg);
                case "mark" -> longest[0] = 0;
                case "shot" -> {
                    snapshot(stage, arg);
                    pause = 0.05;
                }
                default -> throw new IllegalArgumentException("unknown step " + s);
            }
            PauseTransition p = new PauseTransition(Duration.seconds(pause));
            p.setOnFinished(e -> step(stage, ws, out, steps, i + 1));
            p.play();
            return;
        }
        PauseTransition settle = new PauseTransition(Duration.seconds(2));
        settle.setOnFinished(e -> {
            snapshot(stage, out);
            stage.hide();
            ws.shutdown();
            executor.shutdown();
            Platform.exit();
        });
        settle.play();
    }

    private static void snapshot(Stage stage, String out) {
        try {
            ImageIO.write(SwingFXUtils.fromFXImage(stage.getScene().snapshot(null), null), "png", new File(out));
        } catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
        System.err.println("snapshot written to " + out);
    }

    /** Plain main: launches the preview (arguments: the snapshot path, then steps). */
    public static final class Main {
        private Main() {
        }

        public static void main(String[] args) {
            Application.launch(CheckpointInspectorPreview.class, args);
        }
    }
}
