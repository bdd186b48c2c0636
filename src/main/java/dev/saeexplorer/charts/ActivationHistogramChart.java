package dev.saeexplorer.charts;

import dev.saeexplorer.core.features.FeatureReport;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.data.xy.XYIntervalSeriesCollection;

/**
 * A feature's positive activations over the corpus, as SAEDashboard draws them: one bar per log-spaced bin of a
 * feature store's histogram, on a logarithmic activation axis so the bins are equally wide.
 */
public final class ActivationHistogramChart {
    private final XYIntervalSeriesCollection data = new XYIntervalSeriesCollection();
    private final JFreeChart chart;

    public ActivationHistogramChart() {
        LogAxis x = new LogAxis("activation (log scale)");
        x.setSmallestValue(1e-12);
        // Ticks at powers of ten, written as people write them: 0.01, 0.1, 1, 10.
        x.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(1));
        x.setNumberFormatOverride(new java.text.DecimalFormat("0.######",
                java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT)));
        x.setMinorTickCount(9);
        NumberAxis y = new NumberAxis("tokens");
        y.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        XYBarRenderer renderer = new XYBarRenderer(0.06);
        ChartStyle.flatBars(renderer);
        renderer.setSeriesPaint(0, ChartStyle.Role.SAE.colour());
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setNoDataMessage("no positive activation");
        plot.setNoDataMessageFont(ChartStyle.LABEL.deriveFont(java.awt.Font.ITALIC));
        plot.setNoDataMessagePaint(ChartStyle.MUTED);
        chart = new JFreeChart("Activations", ChartStyle.TITLE, plot, false);
        ChartStyle.apply(chart);
    }

    public JFreeChart chart() {
        return chart;
    }

    /** Shows {@code report}'s histogram (nothing for null or a feature that never fired). */
    public void show(FeatureReport report, String subtitle) {
        data.removeAllSeries();
        if (report != null && report.histogram().counts().length > 0) {
            data.addSeries(HistogramSeries.of("feature " + report.feature(), report.histogram().edges(),
                    report.histogram().counts()));
        }
        chart.setTitle(report == null ? "Activations" : "Activations of feature " + report.feature());
        ChartStyle.setSubtitle(chart, subtitle);
    }
}
