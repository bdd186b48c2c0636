package dev.saeexplorer.ui.training;

import dev.saeexplorer.charts.ChartStyle;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.DefaultXYZDataset;

/**
 * A matrix as a heat map on a diverging scale over [−1, 1] (cosines, correlations): blue negative, white zero, red
 * positive, grey where there is no value. Row 0 is at the top, as a matrix is read.
 */
final class Heatmap {
    private static final String KEY = "matrix";

    private final JFreeChart chart;
    private final XYPlot plot;
    private final DefaultXYZDataset data = new DefaultXYZDataset();

    Heatmap(String title, String xLabel, String yLabel, String scaleLabel) {
        NumberAxis x = integerAxis(xLabel);
        NumberAxis y = integerAxis(yLabel);
        y.setInverted(true);
        XYBlockRenderer renderer = new XYBlockRenderer();
        renderer.setPaintScale(ChartStyle.diverging(1));
        plot = new XYPlot(data, x, y, renderer);
        plot.setDomainAxisLocation(AxisLocation.BOTTOM_OR_LEFT);
        chart = new JFreeChart(title, ChartStyle.TITLE, plot, false);
        ChartStyle.apply(chart);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        NumberAxis scaleAxis = new NumberAxis(scaleLabel);
        scaleAxis.setRange(-1, 1);
        scaleAxis.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(0.5));
        scaleAxis.setLabelFont(ChartStyle.TICK);
        scaleAxis.setTickLabelFont(ChartStyle.TICK);
        PaintScaleLegend legend = new PaintScaleLegend(ChartStyle.diverging(1), scaleAxis);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setStripWidth(12);
        legend.setMargin(4, 8, 4, 4);
        legend.setBackgroundPaint(ChartStyle.BACKGROUND);
        chart.addSubtitle(legend);
    }

    JFreeChart chart() {
        return chart;
    }

    /** Shows {@code m} (rows × columns); a null matrix clears the map. */
    void show(double[][] m, String subtitle) {
        if (data.getSeriesCount() > 0) {
            data.removeSeries(KEY);
        }
        ChartStyle.removeTextSubtitles(chart);
        if (m == null || m.length == 0) {
            return;
        }
        int rows = m.length;
        int cols = m[0].length;
        double[][] xyz = new double[3][rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int k = r * cols + c;
                xyz[0][k] = c;
                xyz[1][k] = r;
                xyz[2][k] = m[r][c];
            }
        }
        data.addSeries(KEY, xyz);
        plot.getDomainAxis().setRange(-0.5, cols - 0.5);
        plot.getRangeAxis().setRange(-0.5, rows - 0.5);
        if (subtitle != null) {
            chart.addSubtitle(0, ChartStyle.subtitle(subtitle));
        }
    }

    private static NumberAxis integerAxis(String label) {
        NumberAxis axis = new NumberAxis(label);
        axis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        axis.setLowerMargin(0);
        axis.setUpperMargin(0);
        axis.setAutoRangeIncludesZero(false);
        return axis;
    }
}
