package dev.saeexplorer.ui.checkpoints;

import dev.saeexplorer.charts.ChartStyle;
import dev.saeexplorer.charts.HistogramSeries;
import java.awt.Color;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.data.xy.XYIntervalSeriesCollection;

/** One distribution as a histogram: A's bars, and B's overlaid (translucent) when comparing. */
final class HistogramFigure {
    /** A's and B's colours, see-through where both are drawn. */
    private static final Color A_TRANSLUCENT = ChartStyle.Role.SAE.translucent(170);
    private static final Color B_TRANSLUCENT = ChartStyle.Role.WSAE.translucent(150);
    private final Distribution distribution;
    private final XYIntervalSeriesCollection data = new XYIntervalSeriesCollection();
    private final XYBarRenderer renderer = new XYBarRenderer(0.08);
    private final JFreeChart chart;

    HistogramFigure(Distribution distribution) {
        this.distribution = distribution;
        NumberAxis x = new NumberAxis(distribution.axis());
        x.setAutoRangeIncludesZero(false);
        NumberAxis y = new NumberAxis("features");
        y.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        ChartStyle.flatBars(renderer);
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setNoDataMessage("nothing to draw");
        plot.setNoDataMessageFont(ChartStyle.LABEL.deriveFont(java.awt.Font.ITALIC));
        plot.setNoDataMessagePaint(ChartStyle.MUTED);
        chart = new JFreeChart(distribution.title(), ChartStyle.TITLE, plot, true);
        ChartStyle.apply(chart);
    }

    JFreeChart chart() {
        return chart;
    }

    Distribution distribution() {
        return distribution;
    }

    /** Shows {@code p}, naming the series after the checkpoints. */
    void show(HistogramPair p, String nameA, String nameB) {
        data.removeAllSeries();
        int series = 0;
        if (p.a() != null) {
            data.addSeries(HistogramSeries.of("A: " + nameA, p.a().edges(), p.a().counts()));
            renderer.setSeriesPaint(series++, p.b() == null ? ChartStyle.Role.SAE.colour() : A_TRANSLUCENT);
        }
        if (p.b() != null) {
            data.addSeries(HistogramSeries.of("B: " + nameB, p.b().edges(), p.b().counts()));
            renderer.setSeriesPaint(series, B_TRANSLUCENT);
        }
        chart.getLegend().setVisible(data.getSeriesCount() > 0);
        ChartStyle.setSubtitle(chart, p.note());
    }
}
