package dev.saeexplorer.ui.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saeexplorer.core.experiment.SweepRow;
import dev.saeexplorer.core.world.WorldPreset;
import dev.saeexplorer.ui.Waits;
import dev.saeexplorer.ui.common.WorldChoice;
import dev.saeexplorer.ui.common.WorldPicker;
import dev.saeexplorer.ui.workspace.WorkspaceContext;
import dev.saeexplorer.ui.jobs.FxExecutor;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class SweepViewTest {
    private final List<String> reported = new CopyOnWriteArrayList<>();
    private FxExecutor executor;
    private SweepWorkspace workspace;

    @Start
    void start(Stage stage) {
        executor = new FxExecutor();
        workspace = new SweepWorkspace(new WorkspaceContext(executor, (t, m) -> reported.add(t + ": " + m), false));
        SweepViewModelTest.tiny(workspace.model());
        stage.setScene(new Scene(new StackPane(workspace.view()), 1200, 760));
        stage.show();
    }

    @AfterEach
    void stop() {
        workspace.shutdown();
        executor.shutdown();
    }

    @Test
    void pressingRunFillsTheTableAndEveryFigure(FxRobot robot) throws Exception {
        TableView<SweepRow> table = robot.lookup("#" + SweepView.TABLE_ID).queryTableView();
        assertTrue(table.getItems().isEmpty());

        robot.clickOn("#" + SweepView.RUN_ID);
        Waits.until(() -> workspace.model().stateProperty().get() != SweepState.RUNNING && !reported.isEmpty()
                        || table.getItems().size() == 4 && workspace.model().stateProperty().get() == SweepState.DONE);
        WaitForAsyncUtils.waitForFxEvents();

        assertTrue(reported.isEmpty(), () -> "errors: " + reported);
        assertEquals(4, table.getItems().size());
        assertEquals("4 of 4 runs", robot.lookup("#sweep-runs").queryAs(Label.class).getText());
        for (SweepFigure f : SweepFigure.values()) {
            ChartViewer viewer = robot.lookup("#sweep-chart-" + f.name().toLowerCase(Locale.ROOT)).queryAs(ChartViewer.class);
            XYDataset d = viewer.getChart().getXYPlot().getDataset();
            assertEquals(2, d.getSeriesCount(), f.name());
            assertEquals(2, d.getItemCount(0), f.name());
            assertEquals(2, d.getItemCount(1), f.name());
        }
        assertEquals(5, workspace.charts().size());
        assertTrue(workspace.charts().get(0).name().startsWith("Figure 2"));
        assertTrue(workspace.charts().get(1).name().startsWith("Figure 3(a)"));
        assertEquals(4, workspace.tables().get(0).rows().get().size());
        assertFalse(robot.lookup("#" + SweepView.RUN_ID).queryButton().isDisabled());
        assertTrue(robot.lookup("#" + SweepView.CANCEL_ID).queryButton().isDisabled());
    }

    @Test
    void anotherWorldHidesTheWpSourceAndShowsItsVerdictAndBothWeightingsAreOffered(FxRobot robot) {
        @SuppressWarnings("unchecked")
        ComboBox<WorldChoice> world = robot.lookup("#sweep" + WorldPicker.BOX).queryAs(ComboBox.class);
        Label verdict = robot.lookup("#" + SweepView.VERDICT_ID).queryAs(Label.class);
        assertTrue(world.getValue().isUniform(), "tiny() picks the paper's world");
        assertTrue(robot.lookup("#sweep-source").query().getParent().isVisible());
        robot.interact(() -> world.setValue(WorldChoice.of(WorldPreset.ZIPF)));
        assertTrue(verdict.getText().contains("6% better"), verdict.getText());

        robot.interact(() -> world.setValue(WorldChoice.of(WorldPreset.HIERARCHY)));
        assertFalse(robot.lookup("#sweep-source").query().getParent().isVisible(), "the hierarchy world brings its own W_p");
        assertTrue(verdict.getText().contains("9–21% worse"), verdict.getText());

        @SuppressWarnings("unchecked")
        ComboBox<WsaeModels> wsae = robot.lookup("#" + SweepView.WSAE_ID).queryAs(ComboBox.class);
        assertEquals(List.of(WsaeModels.VARIANCE, WsaeModels.ORACLE, WsaeModels.BOTH), wsae.getItems());
        robot.interact(() -> wsae.setValue(WsaeModels.VARIANCE));
        assertEquals(4, workspace.model().form().settingsProperty().get().totalRuns());
        robot.interact(() -> wsae.setValue(WsaeModels.BOTH));
        assertEquals(6, workspace.model().form().settingsProperty().get().totalRuns());
        robot.interact(() -> world.setValue(WorldChoice.UNIFORM));
        assertTrue(robot.lookup("#sweep-source").query().getParent().isVisible());
    }

    @Test
    void aLetterInTheGridDisablesRunAndMarksTheField(FxRobot robot) {
        TextField grid = robot.lookup("#" + SweepView.GRID_ID).queryAs(TextField.class);
        robot.clickOn(grid);
        robot.interact(() -> grid.setText("0.1,abc"));
        Button run = robot.lookup("#" + SweepView.RUN_ID).queryButton();
        assertTrue(run.isDisabled());
        assertTrue(grid.getPseudoClassStates().stream().anyMatch(p -> p.getPseudoClassName().equals("danger")));
        assertTrue(grid.getTooltip().getText().contains("'abc'"));
        robot.interact(() -> grid.setText("0.1,0.5"));
        assertFalse(run.isDisabled());
        assertFalse(grid.getPseudoClassStates().stream().anyMatch(p -> p.getPseudoClassName().equals("danger")));
    }
}
