package dev.saeexplorer.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saeexplorer.core.experiment.SweepRow;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SweepChartsTest {
    private static final double EPS = 1e-12;

    @BeforeAll
    static void headless() {
        ChartExport.init();
    }

    private static SweepRow row(double s, long seed, String model, double lossGT, Double nonSparse, double recon,
                                Double mono, Double avg) {
        return new SweepRow(s, seed, model, lossGT, nonSparse, recon, mono, avg, 0, 1000.0, 100, "cpu",
                "WSAE".equals(model) ? "variance" : "none", 1.0, new double[] {1.0, 1.0}, null, null, null);
    }

    /** Two seeds per (S, model); WSAE listed first to check that SAE still comes first. */
    private static List<SweepRow> rows() {
        return List.of(
                row(0.9, 2, "WSAE", 1.0, 0.5, 0.1, 3.0, 2.0),
                row(0.9, 1, "WSAE", 3.0, 1.5, 0.3, 5.0, 4.0),
                row(0.1, 1, "SAE", 2.0, 1.0, 0.2, null, 10.0),
                row(0.1, 2, "SAE", 6.0, null, 0.4, null, 14.0),
                row(0.9, 1, "SAE", 4.0, 2.0, 0.5, 1.0, 1.0),
                row(0.9, 2, "SAE", 4.0, 4.0, 0.7, 3.0, 3.0),
                row(0.1, 1, "WSAE", 1.0, 0.25, 0.2, 7.0, 12.0),
                row(0.1, 2, "WSAE", 2.0, 0.75, 0.2, 9.0, 12.0));
    }

    private static YIntervalSeriesCollection data(JFreeChart chart) {
        return assertInstanceOf(YIntervalSeriesCollection.class, chart.getXYPlot().getDataset());
    }

    @Test
    void everyFigureHasSaeThenWsaeSeries() {
        Map<String, JFreeChart> all = SweepCharts.all(rows());
        assertEquals(List.of("figure2-avg-activated-features", "figure3a-loss-gt", "figure3b-loss-gt-nonsparse",
                "figure3c-reconstruction-xp", "figure3d-monosemanticity"), List.copyOf(all.keySet()));
        for (JFreeChart chart : all.values()) {
            assertEquals(List.of("SAE", "WSAE"), SweepCharts.seriesNames(chart));
            assertNotNull(chart.getLegend());
            assertNotNull(chart.getTitle());
            assertInstanceOf(XYErrorRenderer.class, chart.getXYPlot().getRenderer());
            assertEquals(SweepCharts.X_LABEL, chart.getXYPlot().getDomainAxis().getLabel());
            assertTrue(chart.getXYPlot().getRangeAxis().getLabel().length() > 5);
            // The one chart style decides the colours: the SAE blue, the WSAE orange, as in the desktop's charts.
            assertEquals(ChartStyle.Role.SAE.colour(), chart.getXYPlot().getRenderer().getSeriesPaint(0));
            assertEquals(ChartStyle.Role.WSAE.colour(), chart.getXYPlot().getRenderer().getSeriesPaint(1));
            assertEquals(ChartStyle.FIGURE_LINE, chart.getXYPlot().getRenderer().getSeriesStroke(0));
        }
        assertTrue(all.get("figure3a-loss-gt").getTitle().getText().startsWith("Figure 3(a)"));
        assertTrue(all.get("figure2-avg-activated-features").getTitle().getText().startsWith("Figure 2"));
    }

    @Test
    void aSeriesTakesItsColourFromItsModelNotItsPosition() {
        List<SweepRow> rows = List.of(row(0.5, 0, "WSAE", 1.0, null, 0.2, null, null),
                row(0.5, 0, "TopK", 1.0, null, 0.2, null, null));
        JFreeChart chart = SweepCharts.figure3aLossGT(rows);
        assertEquals(List.of("WSAE", "TopK"), SweepCharts.seriesNames(chart));
        assertEquals(ChartStyle.Role.WSAE.colour(), chart.getXYPlot().getRenderer().getSeriesPaint(0));
        assertEquals(ChartStyle.other(0), chart.getXYPlot().getRenderer().getSeriesPaint(1));
        for (ChartStyle.Role role : ChartStyle.Role.values()) {
            assertNotEquals(role.colour(), ChartStyle.other(0), "a further model looks like " + role);
        }
    }

    @Test
    void pointIsTheMeanAndBarIsOneSampleStandardDeviation() {
        YIntervalSeriesCollection d = data(SweepCharts.figure3aLossGT(rows()));
        // SAE, S = 0.1: values 2 and 6 -> mean 4, sample sd sqrt(((2-4)^2 + (6-4)^2) / 1) = sqrt(8).
        assertEquals(2, d.getItemCount(0));
        assertEquals(0.1, d.getXValue(0, 0), EPS);
        assertEquals(4.0, d.getYValue(0, 0), EPS);
        assertEquals(4.0 - Math.sqrt(8), d.getStartYValue(0, 0), EPS);
        assertEquals(4.0 + Math.sqrt(8), d.getEndYValue(0, 0), EPS);
        // SAE, S = 0.9: 4 and 4 -> no spread.
        assertEquals(0.9, d.getXValue(0, 1), EPS);
        assertEquals(4.0, d.getStartYValue(0, 1), EPS);
        assertEquals(4.0, d.getEndYValue(0, 1), EPS);
        // WSAE, S = 0.9: 1 and 3 -> mean 2, sd sqrt(2).
        assertEquals(0.9, d.getXValue(1, 1), EPS);
        assertEquals(2.0, d.getYValue(1, 1), EPS);
        assertEquals(2.0 - Math.sqrt(2), d.getStartYValue(1, 1), EPS);
        assertEquals(2.0 + Math.sqrt(2), d.getEndYValue(1, 1), EPS);

        YIntervalSeriesCollection avg = data(SweepCharts.figure2AverageActivatedFeatures(rows()));
        // SAE, S = 0.1: 10 and 14 -> mean 12, sd sqrt(8).
        assertEquals(12.0, avg.getYValue(0, 0), EPS);
        assertEquals(12.0 + Math.sqrt(8), avg.getEndYValue(0, 0), EPS);
    }

    @Test
    void nullValuesAreSkipped() {
        // Figure 3(b), SAE, S = 0.1: one value (1.0) and one null -> the mean of the one value, no spread.
        YIntervalSeriesCollection b = data(SweepCharts.figure3bLossGTNonSparse(rows()));
        assertEquals(0.1, b.getXValue(0, 0), EPS);
        assertEquals(1.0, b.getYValue(0, 0), EPS);
        assertEquals(1.0, b.getStartYValue(0, 0), EPS);
        assertEquals(1.0, b.getEndYValue(0, 0), EPS);
        // S = 0.9: 2 and 4 -> 3 ± sqrt(2).
        assertEquals(3.0, b.getYValue(0, 1), EPS);
        assertEquals(3.0 - Math.sqrt(2), b.getStartYValue(0, 1), EPS);

        // Figure 3(d), SAE, S = 0.1: both null -> no point at all; S = 0.9 remains.
        YIntervalSeriesCollection mono = data(SweepCharts.figure3dMonosemanticity(rows()));
        assertEquals(1, mono.getItemCount(0));
        assertEquals(0.9, mono.getXValue(0, 0), EPS);
        assertEquals(2.0, mono.getYValue(0, 0), EPS);
        assertEquals(2, mono.getItemCount(1));
        assertEquals(8.0, mono.getYValue(1, 0), EPS);
    }

    @Test
    void singleModelAndSingleSeedGiveOneSeriesWithoutSpread() {
        YIntervalSeriesCollection d = data(SweepCharts.figure3cReconstruction(List.of(
                row(0.5, 0, "SAE", 1.0, null, 0.25, null, null))));
        assertEquals(1, d.getSeriesCount());
        assertEquals("SAE", d.getSeriesKey(0));
        assertEquals(0.25, d.getYValue(0, 0), EPS);
        assertEquals(0.25, d.getStartYValue(0, 0), EPS);
        assertEquals(0.25, d.getEndYValue(0, 0), EPS);
        // A figure whose metric is missing everywhere still builds (it shows a no-data message).
        YIntervalSeriesCollection empty = data(SweepCharts.figure2AverageActivatedFeatures(List.of(
                row(0.5, 0, "SAE", 1.0, null, 0.25, null, null))));
        assertEquals(0, empty.getItemCount(0));
    }
}
