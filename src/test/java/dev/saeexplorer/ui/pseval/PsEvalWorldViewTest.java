package dev.saeexplorer.ui.pseval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saeexplorer.core.lm.HuggingFaceCache;
import dev.saeexplorer.ui.Waits;
import dev.saeexplorer.ui.jobs.FxExecutor;
import dev.saeexplorer.ui.workspace.AppPreferences;
import dev.saeexplorer.ui.workspace.WorkspaceContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The polysemy world in the PS-Eval browser as a user drives it, headless, with no model on disk. */
@ExtendWith(ApplicationExtension.class)
class PsEvalWorldViewTest {
    @TempDir
    static Path shared;

    private final FxExecutor executor = new FxExecutor();
    private final List<String> errors = new ArrayList<>();
    private final Preferences node = Preferences.userRoot().node("dev/saeexplorer-test/pswv-" + System.nanoTime());
    private PsEvalViewModel vm;

    @Start
    void start(Stage stage) {
        PsEvalWorkspace workspace = new PsEvalWorkspace(new WorkspaceContext(executor,
                (t, m) -> errors.add(t + ": " + m), false), new AppPreferences(node),
                new HuggingFaceCache(shared.resolve("empty-hub")), EvaluationJob.EncoderFactory.MODEL);
        vm = workspace.viewModel();
        PsEvalViewTest.show(stage, workspace);
    }

    @AfterEach
    void stop() throws BackingStoreException {
        executor.shutdown();
        node.removeNode();
    }

    private void type(FxRobot robot, String fieldId, String text) {
        robot.interact(() -> robot.lookup("#" + fieldId).queryAs(TextField.class).setText(text));
    }

    /** Four words of two senses, four background features, 16 dimensions: no superposition. */
    private void smallWorld(FxRobot robot, String steps) {
        type(robot, "pseval-world-words", "4");
        type(robot, "pseval-world-background", "4");
        type(robot, "pseval-world-dims", "16");
        type(robot, "pseval-world-senseStrength", "2");
        type(robot, "pseval-world-steps", steps);
        type(robot, "pseval-world-pairs", "200");
    }

    @Test
    void theNoModelNoteLeadsToTheWorldWhoseRunFillsTheFiveEncodersTable(FxRobot robot) throws TimeoutException {
        Waits.until(() -> vm.pairsProperty().get() != null);
        assertTrue(robot.lookup("#" + NoModelPanel.ID).query().isVisible());
        robot.clickOn("#" + NoModelPanel.TRY_WORLD_ID);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(PsEvalSource.WORLD, vm.sourceProperty().get());
        assertFalse(robot.lookup("#" + NoModelPanel.ID).query().isVisible());
        Button run = robot.lookup("#" + SetupPane.RUN_ID).queryButton();
        assertFalse(run.isDisabled(), "the world needs no model");

        type(robot, "pseval-world-senses", "1");
        assertTrue(run.isDisabled());
        String blocker = robot.lookup("#pseval-blocker").queryAs(Label.class).getText();
        assertTrue(blocker.startsWith("Senses per word must be"), blocker);
        type(robot, "pseval-world-senses", "2");
        smallWorld(robot, "20");
        assertFalse(run.isDisabled(), vm.runBlockerProperty().get());

        robot.clickOn(run);
        Waits.until(() -> vm.worldResultsProperty().get() != null);
        assertTrue(errors.isEmpty(), errors.toString());
        TableView<?> table = robot.lookup("#" + WorldResults.TABLE_ID).queryAs(TableView.class);
        assertTrue(table.isVisible());
        assertEquals(12, table.getItems().size());
        assertEquals(6, table.getColumns().size(), "the metric and five encoders");
        List<String> oracle = robot.lookup("#" + WorldResults.TABLE_ID + " .table-cell").queryAllAs(TableCell.class)
                .stream().filter(c -> c.getTableColumn().getId() != null
                        && c.getTableColumn().getId().equals("world-oracle") && c.getIndex() == 4)
                .map(c -> c.getText()).toList();
        assertEquals(List.of("1.000"), oracle, "the oracle's accuracy");
        String explanation = robot.lookup("#" + WorldResults.EXPLANATION_ID).queryAs(Label.class).getText();
        assertTrue(explanation.startsWith("16 true features"), explanation);
        String status = robot.lookup("#" + SetupPane.STATUS_ID).queryAs(Label.class).getText();
        assertTrue(status.contains("Oracle 1.000"), status);
    }

    @Test
    void escapeCancelsAWorldRun(FxRobot robot) throws TimeoutException {
        robot.interact(() -> vm.sourceProperty().set(PsEvalSource.WORLD));
        smallWorld(robot, "10000000");
        robot.clickOn("#" + SetupPane.RUN_ID);
        ProgressBar bar = robot.lookup("#pseval-progress").queryAs(ProgressBar.class);
        Waits.until(() -> bar.getProgress() > 0);
        assertTrue(vm.runningProperty().get());
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        Waits.until(() -> !vm.runningProperty().get());
        String status = robot.lookup("#" + SetupPane.STATUS_ID).queryAs(Label.class).getText();
        assertTrue(status.startsWith("Cancelled"), status);
        assertNull(vm.worldResultsProperty().get());
        assertTrue(errors.isEmpty(), errors.toString());
        assertFalse(robot.lookup("#" + SetupPane.RUN_ID).queryButton().isDisabled(), "a new run can start");
    }
}
