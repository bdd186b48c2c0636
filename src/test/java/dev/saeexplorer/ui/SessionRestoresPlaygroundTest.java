package dev.saeexplorer.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saeexplorer.ui.jobs.DirectExecutor;
import dev.saeexplorer.ui.superposition.PlaygroundWorkspace;
import dev.saeexplorer.ui.workspace.AppPreferences;
import dev.saeexplorer.ui.workspace.WorkspaceContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.prefs.Preferences;
import javafx.collections.FXCollections;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** A saved session, opened through the main window, puts the real superposition playground back as it was. */
@ExtendWith(ApplicationExtension.class)
class SessionRestoresPlaygroundTest {
    @TempDir
    Path dir;

    private final List<String> errors = new ArrayList<>();
    private final Preferences prefs = Preferences.userRoot().node("dev/saeexplorer-test/" + System.nanoTime());
    private PlaygroundWorkspace playground;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        WorkspaceContext ctx = new WorkspaceContext(new DirectExecutor(), (t, m) -> errors.add(m), true);
        playground = new PlaygroundWorkspace(ctx);
        window = new MainWindow(List.of(playground), FXCollections.observableArrayList(), "Compute: test",
                new AppPreferences(prefs), ctx.errors(), stage::setTitle, "test");
        stage.setScene(new Scene(window, 1200, 760));
        stage.show();
    }

    @AfterEach
    void forget() throws Exception {
        prefs.removeNode();
    }

    @Test
    void openingASavedSessionRestoresThePlayground() throws Exception {
        Path file = dir.resolve("session.json");
        WaitForAsyncUtils.asyncFx(() -> {
            playground.viewModel().setSparsity(0.83);
            playground.viewModel().setEntry(1, 2, "-0.5");
            assertTrue(window.saveSession(file));
            playground.viewModel().setSparsity(0.1);
            playground.viewModel().setEntry(1, 2, "0.25");
        }).get();
        assertEquals(0.1, playground.viewModel().sparsity(), 0);
        WaitForAsyncUtils.asyncFx(() -> assertTrue(window.openSession(file))).get();
        assertEquals(0.83, playground.viewModel().sparsity(), 0);
        assertArrayEquals(new double[] {0, 1, -0.5}, playground.viewModel().wp()[1], 0);
        assertTrue(errors.isEmpty(), errors.toString());
    }
}
