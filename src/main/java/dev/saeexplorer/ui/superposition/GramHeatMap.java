package dev.saeexplorer.ui.superposition;

import dev.saeexplorer.charts.ChartStyle;
import dev.saeexplorer.core.superposition.Superposition;
import java.awt.Color;
import java.awt.Font;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.DefaultXYZDataset;

/**
 * The Gram matrix G = W_pᵀ W_p as a heat map: blue for negative interference, white for none, red for positive, on a
 * scale symmetric about 0 so white always means orthogonal. Small matrices also print their values in the cells.
 */
final class GramHeatMap {
    /** Up to this many features the cells are large enough to print G_ij. */
    private static final int ANNOTATE_UP_TO = 8;

    private final DefaultXYZDataset dataset = new DefaultXYZDataset();
    private final JFreeChart chart;
    private final XYPlot plot;
    private final XYBlockRenderer renderer = new XYBlockRenderer();
    private final PaintScaleLegend scaleLegend;
    private final NumberAxis scaleAxis = new NumberAxis(ChartStyle.text("G_ij = W_p,iᵀ W_p,j", "G_ij = W_p,i . W_p,j"));

    GramHeatMap() {
        NumberAxis xAxis = integerAxis("feature j");
        NumberAxis yAxis = integerAxis("feature i");
        yAxis.setInverted(true); // row 0 at the top, as the matrix is written
        plot = new XYPlot(dataset, xAxis, yAxis, renderer);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        chart = new JFreeChart(ChartStyle.text("Gram matrix G = W_pᵀ W_p (interference)",
                "Gram matrix G = W_p^T W_p (interference)"), ChartStyle.TITLE, plot, false);
        ChartStyle.apply(chart);
        scaleAxis.setTickLabelFont(ChartStyle.TICK);
        scaleAxis.setLabelFont(ChartStyle.SUBTITLE);
        scaleLegend = new PaintScaleLegend(ChartStyle.diverging(1), scaleAxis);
        scaleLegend.setPosition(RectangleEdge.RIGHT);
        scaleLegend.setMargin(new RectangleInsets(8, 8, 8, 4));
        scaleLegend.setStripWidth(12);
        scaleLegend.setAxisLocation(org.jfree.chart.axis.AxisLocation.BOTTOM_OR_RIGHT);
        chart.addSubtitle(scaleLegend);
    }

    JFreeChart chart() {
        return chart;
    }

    void update(Superposition sp) {
        double[][] g = sp.gram();
        int n = g.length;
        double[] xs = new double[n * n];
        double[] ys = new double[n * n];
        double[] zs = new double[n * n];
        double max = 1e-12;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                int k = i * n + j;
                xs[k] = j;
                ys[k] = i;
                zs[k] = g[i][j];
                max = Math.max(max, Math.abs(g[i][j]));
            }
        }
        chart.setNotify(false);
        try {
            dataset.addSeries("G", new double[][] {xs, ys, zs});
            PaintScale scale = ChartStyle.diverging(max);
            renderer.setPaintScale(scale);
            scaleLegend.setScale(scale);
            scaleAxis.setRange(-max, max);
            for (NumberAxis axis : new NumberAxis[] {(NumberAxis) plot.getDomainAxis(),
                    (NumberAxis) plot.getRangeAxis()}) {
                axis.setRange(-0.5, n - 0.5);
                axis.setTickUnit(new NumberTickUnit(n <= 20 ? 1 : Math.ceil(n / 10.0)));
            }
            plot.clearAnnotations();
            if (n <= ANNOTATE_UP_TO) {
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        XYTextAnnotation a = new XYTextAnnotation(
                                String.format(Locale.ROOT, "%.2f", Math.abs(g[i][j]) < 0.005 ? 0.0 : g[i][j]), j, i);
                        a.setFont(ChartStyle.font(Font.PLAIN, n <= 4 ? 13 : 10));
                        a.setPaint(Math.abs(g[i][j]) > 0.6 * max ? Color.WHITE : Color.DARK_GRAY);
                        plot.addAnnotation(a, false);
                    }
                }
            }
        } finally {
            chart.setNotify(true);
        }
    }

    private static NumberAxis integerAxis(String label) {
        NumberAxis a = new NumberAxis(label);
        a.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        a.setLowerMargin(0);
        a.setUpperMargin(0);
        return a;
    }
}
