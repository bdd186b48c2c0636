package dev.saeexplorer.ui;

import dev.saeexplorer.ui.jobs.FxExecutor;
import dev.saeexplorer.ui.workspace.AppPreferences;
import dev.saeexplorer.ui.workspace.Workspace;
import dev.saeexplorer.ui.workspace.WorkspaceContext;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.prefs.Preferences;
import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javafx.util.Duration;
import javax.imageio.ImageIO;

/**
 * Takes the README's screenshots: opens the real main window at 1500×950, shows each workspace, runs what
 * {@link #prepare} asks of it, waits, and writes {@code assets/screenshots/<workspace>.png}. Run under Xvfb:
 * <pre>xvfb-run -a -s "-screen 0 1600x1000x24" java -cp "target/classes:target/test-classes:$(cat cp.txt)"
 *     dev.saeexplorer.ui.ScreenshotTour assets/screenshots</pre>
 */
public final class ScreenshotTour {
    private ScreenshotTour() {
    }

    public static void main(String[] args) {
        TourApp.outDir = Path.of(args.length > 0 ? args[0] : "assets/screenshots");
        TourApp.waitSeconds = args.length > 1 ? Double.parseDouble(args[1]) : 20;
        Application.launch(TourApp.class, args);
    }

    /** The application under tour. */
    public static final class TourApp extends Application {
        static Path outDir;
        static double waitSeconds;
        private FxExecutor executor;

        @Override
        public void start(Stage stage) throws Exception {
            Files.createDirectories(outDir);
            Theme.apply(false);
            executor = new FxExecutor();
            WorkspaceContext ctx = new WorkspaceContext(executor, (t, m) -> System.err.println(t + ": " + m), false);
            List<Workspace> workspaces = Workspaces.create(ctx);
            MainWindow window = new MainWindow(workspaces, executor.runningJobs(), "Compute: nd4j-native, CPU",
                    new AppPreferences(Preferences.userRoot().node("dev/saeexplorer-tour")), ctx.errors(), stage::setTitle,
                    "tour");
            stage.setScene(new Scene(window, 1500, 950));
            stage.show();
            for (Workspace w : workspaces) {
                TourHooks.prepare(w);
            }
            shoot(stage, window, workspaces, 0);
        }

        private void shoot(Stage stage, MainWindow window, List<Workspace> workspaces, int index) {
            if (index == workspaces.size()) {
                executor.shutdown();
                Platform.exit();
                return;
            }
            Workspace w = workspaces.get(index);
            window.show(w);
            PauseTransition wait = new PauseTransition(Duration.seconds(index == 0 ? 3 : waitSeconds));
            wait.setOnFinished(e -> {
                WritableImage image = stage.getScene().snapshot(null);
                File file = outDir.resolve(w.title().toLowerCase().replaceAll("\\W+", "-") + ".png").toFile();
                try {
                    ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file);
                    System.out.println("wrote " + file);
                } catch (java.io.IOException ex) {
                    throw new IllegalStateException(ex);
                }
                shoot(stage, window, workspaces, index + 1);
            });
            wait.play();
        }
    }
}
