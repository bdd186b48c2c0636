package dev.saeexplorer.ui.pseval;

import dev.saeexplorer.core.lm.HuggingFaceCache;
import dev.saeexplorer.core.lm.LanguageModel;
import dev.saeexplorer.testkit.TinyLm;
import dev.saeexplorer.ui.workspace.AppPreferences;
import dev.saeexplorer.ui.workspace.WorkspaceContext;
import dev.saeexplorer.ui.jobs.FxExecutor;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.prefs.Preferences;
import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.util.Duration;
import javax.imageio.ImageIO;

/**
 * Shows the PS-Eval browser alone at 1500×950 with the light theme and writes snapshots: {@code OUT-empty.png} as a
 * first start without a model, then {@code OUT-compare.png} after a comparison of two random SAEs on a tiny random
 * GPT-2 made here. For looking at the layout under Xvfb; not a test. Arguments: OUT (a path prefix).
 */
public final class PsEvalPreview extends Application {
    /** Launches the preview from the class path (an Application's own main trips the JavaFX launcher check). */
    public static final class Main {
        private Main() {
        }

        public static void main(String[] args) {
            Application.launch(PsEvalPreview.class, args);
        }
    }

    @Override
    public void start(Stage stage) throws Exception {
        Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
        String out = getParameters().getRaw().get(0);
        Path dir = Files.createTempDirectory("pseval-preview");
        FxExecutor executor = new FxExecutor();
        Preferences node = Preferences.userRoot().node("dev/saeexplorer-preview/" + System.nanoTime());
        PsEvalWorkspace ws = new PsEvalWorkspace(new WorkspaceContext(executor,
                (t, m) -> System.err.println(t + ": " + m), false), new AppPreferences(node),
                new HuggingFaceCache(dir.resolve("hub")), EvaluationJob.EncoderFactory.MODEL);
        stage.setScene(new Scene((Parent) ws.view(), 1500, 950));
        stage.show();
        PsEvalViewModel vm = ws.viewModel();
        Path big = getParameters().getRaw().size() > 1 ? Path.of(getParameters().getRaw().get(1)) : null;
        later(stage, out + "-empty.png", 3, () -> {
            if (big == null) {
                compare(stage, out, dir, vm, executor, node);
                return;
            }
            // The FX thread's longest gap between two pulses while a large model loads: the window must stay live.
            long[] last = {System.nanoTime()};
            long[] worst = {0};
            javafx.animation.AnimationTimer pulse = new javafx.animation.AnimationTimer() {
                @Override
                public void handle(long now) {
                    worst[0] = Math.max(worst[0], now - last[0]);
                    last[0] = now;
                }
            };
            pulse.start();
            long t0 = System.nanoTime();
            vm.modelProperty().addListener(new javafx.beans.value.ChangeListener<LanguageModel>() {
                @Override
                public void changed(javafx.beans.value.ObservableValue<? extends LanguageModel> obs, LanguageModel old,
                                    LanguageModel now) {
                    vm.modelProperty().removeListener(this);
                    pulse.stop();
                    System.err.printf("loaded %s in %.1f s; longest FX pause after the snapshot %.0f ms%n", big,
                            (System.nanoTime() - t0) / 1e9, worst[0] / 1e6);
                    later(stage, null, 1, () -> compare(stage, out, dir, vm, executor, node));
                }
            });
            vm.loadModel(big);
            // Taking the snapshot itself holds the FX thread: measure from after it.
            later(stage, out + "-loading.png", 1.0, () -> {
                worst[0] = 0;
                last[0] = System.nanoTime();
            });
        });
    }

    private static void compare(Stage stage, String out, Path dir, PsEvalViewModel vm, FxExecutor executor,
                                Preferences node) {
        {
            try {
                Path model = TinyLm.model(dir.resolve("tiny-random-gpt2"));
                Path a = TinyLm.sae(dir.resolve("random-sae-1"), 1);
                Path b = TinyLm.sae(dir.resolve("random-sae-2"), 2);
                vm.loadModel(model);
                vm.loadCheckpoint(false, a);
                vm.loadCheckpoint(true, b);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            later(stage, null, 4, () -> {
                vm.run();
                vm.resultsProperty().addListener((obs, old, now) -> {
                    vm.browser().selectedProperty().set(vm.browser().allRows().get(1));
                    later(stage, out + "-compare.png", 3, () -> {
                        executor.shutdown();
                        try {
                            node.removeNode();
                        } catch (java.util.prefs.BackingStoreException e) {
                            System.err.println("could not remove preview preferences: " + e.getMessage());
                        }
                        Platform.exit();
                    });
                });
            });
        }
    }

    /** After {@code seconds}, writes a snapshot to {@code path} (unless null) and runs {@code next}. */
    private static void later(Stage stage, String path, double seconds, Runnable next) {
        PauseTransition wait = new PauseTransition(Duration.seconds(seconds));
        wait.setOnFinished(e -> {
            if (path != null) {
                try {
                    ImageIO.write(SwingFXUtils.fromFXImage(stage.getScene().snapshot(null), null), "png",
                            new File(path));
                } catch (java.io.IOException ex) {
                    throw new java.io.UncheckedIOException(ex);
                }
                System.err.println("wrote " + path);
            }
            next.run();
        });
        wait.play();
    }
}
