package dev.saeexplorer.ui.superposition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saeexplorer.charts.ChartStyle;
import dev.saeexplorer.core.superposition.FeatureStatus;
import dev.saeexplorer.ui.workspace.WorkspaceContext;
import dev.saeexplorer.ui.jobs.DirectExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The playground in a real (headless) stage, driven by the robot; background work runs inline. */
@ExtendWith(ApplicationExtension.class)
class PlaygroundViewTest {
    private final List<String> errors = new ArrayList<>();
    private PlaygroundWorkspace workspace;
    private PlaygroundView view;

    @Start
    void start(Stage stage) {
        // As the shell does: the playground's stylesheet uses the theme's looked-up colours.
        javafx.application.Application.setUserAgentStylesheet(
                new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
        workspace = new PlaygroundWorkspace(new WorkspaceContext(new DirectExecutor(),
                (t, m) -> errors.add(t + ": " + m), true));
        view = (PlaygroundView) workspace.view();
        stage.setScene(new Scene(view, 1200, 760)); // within Monocle's 1280×800 headless screen
        stage.show();
    }

    @Test
    void draggingAnArrowHeadChangesWpAndTheStatusShown(FxRobot robot) {
        PlaygroundViewModel vm = workspace.viewModel();
        assertEquals(FeatureStatus.EXACT, vm.resultProperty().get().status()[0]);
        assertTrue(view.statusLegend().line(FeatureStatus.INFLATED).startsWith("Inflated (0)"));
        Point2D head = view.arrowPlane().headOnScreen(2); // feature 2 at (0, −1)
        robot.drag(head, MouseButton.PRIMARY).moveBy(40, 0).moveBy(40, 0).release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        double[][] wp = vm.wp();
        assertTrue(wp[0][2] > 0.2, "feature 2 moved right: " + wp[0][2]);
        // Feature 2 now points partly along feature 0: feature 0 is over-estimated.
        assertEquals(FeatureStatus.INFLATED, vm.resultProperty().get().status()[0]);
        assertFalse(view.statusLegend().line(FeatureStatus.INFLATED).startsWith("Inflated (0)"));
        assertTrue(view.theoremPanel().theorem2Text().contains("fails"), view.theoremPanel().theorem2Text());
        assertEquals(wp[0][2], Double.parseDouble(view.matrixGrid().cell(0, 2).getText()), 1e-9);
        assertFalse(vm.curvesProperty().get().preview(), "the release recomputes the curves in full");
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void movingTheSliderChangesSparsityAndTheCurves(FxRobot robot) {
        XYDataset before = curveDataset();
        assertFalse(xValues(before).contains(0.83));
        robot.interact(() -> view.sparsitySlider().setValue(0.83));
        assertEquals(0.83, workspace.viewModel().sparsity());
        XYDataset after = curveDataset();
        assertTrue(xValues(after).contains(0.83), xValues(after).toString());
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void aLetterInTheGridIsRefusedWhereItIsTyped(FxRobot robot) {
        TextField cell = view.matrixGrid().cell(1, 2);
        robot.clickOn(cell).eraseText(4).write("abc").type(KeyCode.ENTER);
        assertEquals(-1.0, workspace.viewModel().wp()[1][2]);
        assertTrue(cell.getPseudoClassStates().stream().anyMatch(p -> p.getPseudoClassName().equals("danger")));
        assertTrue(cell.getTooltip().getText().contains("not a number"), cell.getTooltip().getText());
        robot.interact(() -> {
            cell.setText("-0.5");
            cell.fireEvent(new javafx.event.ActionEvent());
        });
        assertEquals(-0.5, workspace.viewModel().wp()[1][2]);
        assertFalse(cell.getPseudoClassStates().stream().anyMatch(p -> p.getPseudoClassName().equals("danger")));
    }

    @Test
    void exportedTablesCarryTheCurrentNumbers() {
        var features = workspace.tables().get(0).rows().get();
        assertEquals(List.of("1", "1.0", "0.19999999999999996", "shrunk"), features.get(1).subList(0, 4));
        var curves = workspace.tables().get(1).rows().get();
        assertEquals(CurveCalculator.GRID.length, curves.size()); // S = 0.5 lies on the grid
        assertNotEquals(0, workspace.charts().size());
    }

    @Test
    void theCurvesTakeTheirColoursFromTheChartStyle() {
        XYPlot plot = workspace.charts().get(2).chart().get().getXYPlot();
        XYDataset losses = plot.getDataset(0);
        XYItemRenderer r = plot.getRenderer(0);
        assertEquals(CurvesChart.L_SAE, losses.getSeriesKey(0));
        assertEquals(ChartStyle.Role.SAE.colour(), r.getSeriesPaint(0));
        assertEquals(CurvesChart.L_GT, losses.getSeriesKey(1));
        assertEquals(ChartStyle.Role.REFERENCE.colour(), r.getSeriesPaint(1));
        assertTrue(losses.getSeriesKey(2).toString().startsWith("Theorem 4 gap"), losses.getSeriesKey(2).toString());
        assertEquals(ChartStyle.Role.THEORY.colour(), r.getSeriesPaint(2));
        assertEquals(ChartStyle.THEORY_LINE, r.getSeriesStroke(2));
        // With Γ, L_WSAE and the Theorem 5 gap follow in these slots.
        assertEquals(ChartStyle.Role.WSAE.colour(), r.getSeriesPaint(3));
        assertEquals(ChartStyle.Role.THEORY.colour(), r.getSeriesPaint(4));
    }

    private XYDataset curveDataset() {
        return workspace.charts().get(2).chart().get().getXYPlot().getDataset(0);
    }

    private static Set<Double> xValues(XYDataset d) {
        Set<Double> xs = new TreeSet<>();
        for (int i = 0; i < d.getItemCount(0); i++) {
            xs.add(d.getXValue(0, i));
        }
        return xs;
    }
}
